"""Sixteen 立即运行 clicks at once on a real threaded server, each posted
twice (the replay): no 5xx, the check runs, every alarm is mailed once."""

from pyramid_mailer import get_mailer

from govportal.monitoring.alarms import open_alarms
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app
from tests.conftest import read_root

from ..helpers import admin_clients

pytestmark = quiet_server

OPS = "duty@yingshan.gov.cn"


def test_sixteen_run_now_clicks(app_settings, monkeypatch):
    settings = {"govportal.monitoring.ops_emails": OPS}
    with served_app(app_settings, "freshness-run", **settings) as (app, port):
        clients = admin_clients(app, port, monkeypatch)

        def send(i, _prepared):
            fields = {"task": "freshness", "csrf_token": clients[i].token}
            yield "click", clients[i].post("/@@monitoring-run", fields).status
            yield "replay", clients[i].post("/@@monitoring-run", fields).status

        answers = at_once(WRITERS, send)
        assert answers["click"] == [302] * WRITERS, answers
        assert answers["replay"] == [302] * WRITERS, answers
        alarms = read_root(app, lambda root: open_alarms(root, kind="stale"))
        keys = sorted(a.key for a in alarms)
        assert "/czj#home" in keys and "/czj#columns" in keys
        outbox = get_mailer(app.registry).outbox
        for alarm in alarms:
            subject = f"【网站运行监测】{alarm.subject}"
            sent = [m for m in outbox if m.subject == subject and OPS in m.recipients]
            assert len(sent) == 1, (alarm.key, len(sent))
        assert len([m for m in outbox if OPS in m.recipients]) == len(alarms)


def test_sixteen_processes_send_the_weekly_summary_once(app_settings):
    from govportal.monitoring.freshness.alerts import freshness_job
    from govportal.monitoring.freshness.summary import summary_job
    from govportal.schedule.runner import run_in_transaction
    from tests.concurrency.writers import run_all

    settings = {"govportal.monitoring.ops_emails": OPS}
    with served_app(app_settings, "freshness-weekly", **settings) as (app, _port):

        def rounds(job):
            def one():
                return repr(run_in_transaction(app.registry, job, "round", attempts=WRITERS))

            return run_all([one] * WRITERS)

        assert rounds(summary_job) == {"True": 1, "False": WRITERS - 1}
        assert rounds(summary_job) == {"False": WRITERS}  # replayed: sent already
        outbox = get_mailer(app.registry).outbox
        weekly = [m for m in outbox if "每周运行简报" in m.subject and OPS in m.recipients]
        assert len(weekly) == 1
        # the hourly check: run once by one of 16 rounds, its alarms mailed once
        assert rounds(freshness_job) == {"True": 1, "False": WRITERS - 1}
        alarms = read_root(app, lambda root: open_alarms(root, kind="stale"))
        ops = [m for m in outbox if OPS in m.recipients and "每周运行简报" not in m.subject]
        assert len(ops) == len(alarms) > 0
