"""Alarms of update monitoring: a column past its rule is mailed once while it
stays so, cleared when fixed; the periodic job keeps its stored next run; the
weekly summary goes once a week."""

import pytest
from pyramid_mailer import get_mailer

import govportal
from govportal.bootstrap import site_session
from govportal.monitoring import alarms
from govportal.monitoring.freshness.alerts import freshness_job, freshness_task
from govportal.monitoring.freshness.summary import summary_job, week_due
from tests.conftest import close_app
from tests.monitoring.freshness.helpers import publish, run_job

OPS = "duty@yingshan.gov.cn"
CZJ_FILLED = ("/czj/bszn", "/czj/qlqd", "/czj/fdzdgk", "/czj/xxgknb", "/czj/gzdt", "/czj/tzgg")


@pytest.fixture
def app(app_settings):
    app = govportal.main({}, **dict(app_settings, **{"govportal.monitoring.ops_emails": OPS}))
    yield app
    close_app(app)


def mails(app, address=OPS, subject=""):
    return [
        m
        for m in get_mailer(app.registry).outbox
        if address in m.recipients and subject in m.subject
    ]


def run_task(app):
    return run_job(app, lambda root, request: freshness_task(root, request, ["force"]))


def czj_alarm(app, rule="columns"):
    with site_session(app.registry, commit=False) as (zroot, _request):
        root = zroot["app_root"]
        return {a.key: (a.level, a.subject) for a in alarms.open_alarms(root, kind="stale")}.get(
            f"/czj#{rule}"
        )


def staff_address(app, login):
    with site_session(app.registry, commit=False) as (zroot, _request):
        return zroot["app_root"]["principals"]["users"][login].email


def test_stale_column_is_mailed_once_and_cleared_when_fixed(app):
    for path in CZJ_FILLED:
        publish(app, path, 1)
    publish(app, "/czj/gfxwj", 200, name="old-policy")  # policy: 180 days, a deduction (B8)
    run_task(app)
    assert czj_alarm(app) == ("warning", "营山县财政局栏目更新：超期未更新栏目 1 个")
    [mail] = mails(app, subject="营山县财政局栏目更新")
    assert "规范性文件（/czj/gfxwj）" in mail.body
    assert "https://www.yingshan.gov.cn/czj/@@monitoring" in mail.body
    editor = staff_address(app, "czj_editor")
    assert len(mails(app, editor, subject="营山县财政局栏目更新")) == 1
    assert not mails(app, staff_address(app, "jyj_editor"), subject="营山县财政局")

    run_task(app)  # still stale: no second mail
    assert len(mails(app, subject="营山县财政局栏目更新")) == 1

    publish(app, "/czj/gfxwj", 0, name="new-policy")
    run_task(app)
    assert czj_alarm(app) is None
    with site_session(app.registry, commit=False) as (zroot, _request):
        closed = alarms.closed_alarms(zroot["app_root"])
    assert [a.key for a in closed if a.key.startswith("/czj")] == ["/czj#columns"]
    # a new occurrence alarms (and mails) again
    publish(app, "/czj/gfxwj", 0, name="newer-policy")  # harmless: still fresh
    run_task(app)
    assert len(mails(app, subject="营山县财政局栏目更新")) == 1


def test_veto_home_alarm(app):
    run_task(app)
    level, subject = czj_alarm(app, "home")
    assert level == "veto"
    assert subject == "营山县财政局首页更新：首页没有已发布的信息"
    assert czj_alarm(app, "columns")[0] == "veto"  # 7 empty columns


def test_periodic_job_keeps_its_next_run(app):
    assert run_job(app, freshness_job) is True
    assert len(mails(app, subject="营山县财政局首页更新")) == 1
    # within the hour: nothing to do, nothing written
    before = app.registry.govportal_monitor_db.lastTransaction()
    assert run_job(app, freshness_job) is False
    assert app.registry.govportal_monitor_db.lastTransaction() == before


def test_weekly_summary_once_a_week(app):
    assert run_job(app, summary_job) is True  # Thursday 1 January: this week's is due
    assert run_job(app, summary_job) is False
    [mail] = mails(app, subject="每周运行简报")
    assert "营山县财政局【单项否决】" in mail.body
    assert "营山县教育局" in mail.body
    [own] = mails(app, staff_address(app, "czj_editor"), subject="每周运行简报")
    assert "营山县财政局" in own.body and "营山县教育局" not in own.body


def test_week_due_in_site_time(app):
    from datetime import UTC, datetime

    registry = app.registry
    # Monday 5 January 2026, 07:59 and 08:00 China time (23:59 / 00:00 UTC)
    assert week_due(registry, datetime(2026, 1, 4, 23, 59, tzinfo=UTC), 8) is None
    assert week_due(registry, datetime(2026, 1, 5, 0, 0, tzinfo=UTC), 8) == "2026-W02"


def test_task_asked_again_at_once_runs_once(app):
    first = run_job(app, lambda root, request: freshness_task(root, request, []))
    assert "营山县财政局：首页没有已发布的信息" in first
    again = run_job(app, lambda root, request: freshness_task(root, request, []))
    assert "刚刚已检查过" in again


def test_govportal_monitor_runs_both_tasks(app):
    from govportal.monitoring.script import run_task

    report = run_task(app.registry, "freshness", ["force"])
    assert "营山县财政局：首页没有已发布的信息" in report
    assert czj_alarm(app, "home")[0] == "veto"
    text = run_task(app.registry, "summary")
    assert "营山县财政局【单项否决】" in text
    assert len(mails(app, subject="每周运行简报")) == 1
    # the week counts as sent: the Monday job does not send it again
    assert run_job(app, summary_job) is False
