"""Availability alarms: the weekly failure rate above 3 % alarms once (mail to
the 值班 address and the site's staff), at 5 % again as a veto (SMS too),
three failures in a row at once; cleared when back under the line."""

from govportal.bootstrap import site_session
from govportal.monitoring import alarms
from govportal.monitoring.script import run_task

from ...concurrency.helpers import quiet_server
from ...storage.helpers import free_port
from .conftest import PHONE, mails, seed, serve, set_base, sms, tiny_app

pytestmark = quiet_server


def _open(app, key="/"):
    with site_session(app.registry, commit=False) as (zroot, _request):
        return [
            (a.key, a.level, a.subject, dict(a.evidence))
            for a in alarms.open_alarms(zroot["app_root"], kind="availability")
            if a.key == key
        ]


def _week(failures, total=100):
    """``total`` probes, ``failures`` of them failed, spread out, the newest ok."""
    step = total // max(failures, 1)
    return [not (failures and i % step == 1 and i // step < failures) for i in range(total)]


def test_weekly_rate_alarms_once_and_clears(app, tmp_path):
    oks = _week(4)
    assert oks.count(False) == 4 and oks[-1]
    seed(app, "/", "", oks)
    with serve(tiny_app()) as base:
        set_base(app, base, probe_paths="")
        run_task(app.registry, "probe")  # 4 of 101 failed: 3.96 % > 3 %
        [(key, level, subject, evidence)] = _open(app)
        assert level == "warning" and "超过告警线 3%" in subject
        assert evidence["failures"] == 4 and evidence["probes"] == 101
        [mail] = mails(app)
        assert "近7天探测 101 次，失败 4 次，失败率 3.96%" in mail.body
        assert "单项否决线 5%" in mail.body
        assert "https://www.yingshan.gov.cn/@@monitoring" in mail.body
        assert sms(tmp_path) == []  # a warning is mailed only
        assert _open(app, "/jyj") == []  # the other sites are fine
        run_task(app.registry, "probe")
        assert len(mails(app)) == 1  # still open: nobody is mailed twice
        seed(app, "/", "", [True] * 100)
        run_task(app.registry, "probe")  # 4 of 203: back under 3 %
    assert _open(app) == []
    with site_session(app.registry, commit=False) as (zroot, _request):
        [closed] = alarms.closed_alarms(zroot["app_root"])
        assert closed.key == "/" and "已恢复" in closed.close_note
    assert len(mails(app)) == 1


def test_veto_line_sends_sms(app, tmp_path):
    seed(app, "/", "", _week(4))
    with serve(tiny_app()) as base:
        set_base(app, base, probe_paths="")
        run_task(app.registry, "probe")
        assert _open(app)[0][1] == "warning"
        seed(app, "/", "", _week(3, total=20))  # 7 of 122: 5.7 % ≥ 5 %
        run_task(app.registry, "probe")
    [(_key, level, subject, _evidence)] = _open(app)
    assert level == "veto" and "已达单项否决线 5%" in subject
    assert len(mails(app)) == 2  # told again, at the veto level
    [message] = sms(tmp_path)
    assert message["phone"] == PHONE and "单项否决线" in message["text"]


def test_three_failures_in_a_row_alarm_at_once(app):
    set_base(app, f"http://127.0.0.1:{free_port()}", probe_paths="")
    run_task(app.registry, "probe")
    run_task(app.registry, "probe")
    assert _open(app) == [] and mails(app) == []
    run_task(app.registry, "probe")
    [(_key, level, subject, evidence)] = _open(app)
    assert level == "warning" and "首页连续 3 次无法访问" in subject
    assert evidence["consecutive"] == 3
    assert any("教育局" in m.subject for m in mails(app))  # every site is down
    sent = len(mails(app))
    with serve(tiny_app()) as base:
        set_base(app, base)
        run_task(app.registry, "probe")
    assert _open(app) == [] and _open(app, "/jyj") == []
    assert len(mails(app)) == sent
