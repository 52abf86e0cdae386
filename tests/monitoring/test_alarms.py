"""Alarms of the operations monitor: raised once and mailed once while open,
SMS at the veto level, kept in the monitor's own database (never the content
database, whose last transaction the render cache watches), audited."""

import json

import pytest
from pyramid_mailer import get_mailer

import govportal
from govportal.bootstrap import site_session
from govportal.monitoring import alarms
from govportal.monitoring.store import MONITOR_DB, monitor_root

from ..conftest import close_app

OPS = "duty@yingshan.gov.cn"


@pytest.fixture
def app(app_settings, tmp_path):
    settings = dict(
        app_settings,
        **{
            "govportal.monitoring.ops_emails": OPS,
            "govportal.monitoring.ops_phones": "13900000001",
            "govportal.sms.backend": "file",
            "govportal.sms.file": str(tmp_path / "sms.log"),
        },
    )
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


def _raise(app, key="/jyj", level="warning", staff=False):
    with site_session(app.registry) as (zroot, request):
        root = zroot["app_root"]
        site = root["jyj"]
        people = alarms.site_staff(site, app.registry) if staff else ()
        return alarms.raise_alarm(
            root,
            request,
            "stale",
            key,
            "教育局网站栏目长期未更新",
            "工作动态栏目已 20 天未更新。",
            site=site,
            level=level,
            evidence={"column": "/jyj/gzdt", "days": 20},
            staff=people,
        )


def _mails(app, address=OPS):
    return [m for m in get_mailer(app.registry).outbox if address in m.recipients]


def _sms(tmp_path):
    path = tmp_path / "sms.log"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _content_tid(app):
    return app.registry._zodb_databases[""].lastTransaction()


def test_raised_once_mailed_once(app):
    before = _content_tid(app)
    assert _raise(app) is not None
    assert _raise(app) is None  # open already: counted, nobody mailed again
    mails = _mails(app)
    assert len(mails) == 1
    assert mails[0].subject == "【网站运行监测】教育局网站栏目长期未更新"
    assert "20 天" in mails[0].body
    # the alarm lives in the monitor database: the content database is untouched
    assert _content_tid(app) == before
    with site_session(app.registry, commit=False) as (zroot, _request):
        root = zroot["app_root"]
        [alarm] = alarms.open_alarms(root, site=root["jyj"])
        assert alarm.sightings == 2 and alarm.evidence["days"] == 20
        assert alarm._p_jar.db().database_name == MONITOR_DB
        assert alarms.open_alarms(root, site=root["wjj"]) == []
        assert alarms.is_open(root, "stale", "/jyj")


def test_staff_mailed_and_veto_sends_sms(app, tmp_path):
    _raise(app, staff=True)
    with site_session(app.registry, commit=False) as (zroot, _request):
        staff = alarms.site_staff(zroot["app_root"]["jyj"], app.registry)
        addresses = {u.email for u in staff if getattr(u, "email", None)}
        logins = {u.__name__ for u in staff}
    # the department's editors and reviewers, not another department's
    assert {"jyj_editor", "jyj_reviewer"} <= logins and not any("wjj" in n for n in logins)
    assert addresses and all(_mails(app, a) for a in addresses)
    assert _sms(tmp_path) == []  # warnings are mailed only
    # worse than when opened: told once more, by SMS too
    assert _raise(app, level="veto") is not None
    assert len(_mails(app)) == 2
    [message] = _sms(tmp_path)
    assert message["phone"] == "13900000001" and "栏目长期未更新" in message["text"]
    assert _raise(app, level="veto") is None
    assert len(_sms(tmp_path)) == 1


def test_cleared_then_raised_again(app):
    _raise(app)
    with site_session(app.registry) as (zroot, request):
        root = zroot["app_root"]
        assert alarms.clear_alarm(root, request, "stale", "/jyj", "已更新").is_open is False
        assert alarms.clear_alarm(root, request, "stale", "/jyj") is None
    with site_session(app.registry, commit=False) as (zroot, _request):
        root = zroot["app_root"]
        assert alarms.open_alarms(root) == []
        [closed] = alarms.closed_alarms(root)
        assert closed.close_note == "已更新" and closed.closed >= closed.opened
    assert _raise(app) is not None
    assert len(_mails(app)) == 2


def test_audited(app):
    _raise(app)
    with site_session(app.registry) as (zroot, request):
        alarms.clear_alarm(zroot["app_root"], request, "stale", "/jyj")
    with app.registry.govportal_audit.reading() as log:
        actions = [e.data["action"] for e in log.entries.values()]
    assert actions[-2:] == ["monitoring.alarm", "monitoring.alarm_cleared"]


def test_refused_level_writes_nothing(app):
    with pytest.raises(ValueError):
        _raise(app, level="critical")
    with site_session(app.registry, commit=False) as (zroot, _request):
        assert alarms.open_alarms(zroot["app_root"]) == []


def test_aborted_transaction_mails_nothing(app):
    with site_session(app.registry, commit=False) as (zroot, request):
        root = zroot["app_root"]
        alarms.raise_alarm(root, request, "stale", "/jyj", "s", "b", site=root["jyj"])
    assert _mails(app) == []
    with site_session(app.registry, commit=False) as (zroot, _request):
        assert monitor_root(zroot["app_root"], create=False) is None


def test_sixteen_processes_raise_one_alarm(app):
    """16 scheduler rounds (as 16 processes would) see the same problem at
    once: one alarm, one mail; conflicts are retried, none is lost."""
    import threading

    from govportal.schedule.runner import run_in_transaction

    barrier = threading.Barrier(16)
    errors = []

    def job(root, request):
        alarms.raise_alarm(root, request, "stale", "/jyj", "同一问题", "正文", site=root["jyj"])
        return True

    def worker():
        try:
            barrier.wait(timeout=30)
            run_in_transaction(app.registry, job, "test alarm", attempts=30)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(_mails(app)) == 1
    with site_session(app.registry, commit=False) as (zroot, _request):
        [alarm] = alarms.open_alarms(zroot["app_root"])
        assert alarm.sightings == 16
    # the replayed round (the same sighting again) mails nothing more
    run_in_transaction(app.registry, job, "test alarm again")
    assert len(_mails(app)) == 1
