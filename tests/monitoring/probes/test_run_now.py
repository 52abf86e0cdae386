"""立即运行 of the ``probe`` task from the dashboard: sixteen clicks at once,
each posted twice (the replay), on a real threaded server.  Where scheduler
threads probe, a click only makes the round due (no page fetched inside a
request) and the next job run probes once; elsewhere every click probes,
every round is recorded once and each site's alarm is mailed once."""

from govportal.monitoring.alarms import open_alarms
from govportal.monitoring.probes.job import probe_job
from govportal.schedule.runner import run_in_transaction
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app
from tests.conftest import read_root

from ..helpers import admin_clients
from .conftest import OPS, keys, mails, serve, set_base, tiny_app

pytestmark = quiet_server

SETTINGS = {"govportal.monitoring.ops_emails": OPS, "govportal.monitoring.probe_paths": ""}


def _click_all(clients):
    def send(i, _prepared):
        fields = {"task": "probe", "csrf_token": clients[i].token}
        yield "click", clients[i].post("/@@monitoring-run", fields).status
        yield "replay", clients[i].post("/@@monitoring-run", fields).status

    return at_once(WRITERS, send)


def _failing(environ, start_response):
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"down"]


def test_sixteen_clicks_probe_at_once_without_scheduler(app_settings, monkeypatch):
    with serve(_failing) as base, served_app(app_settings, "probe-run", **SETTINGS) as (app, port):
        set_base(app, base)
        clients = admin_clients(app, port, monkeypatch)
        answers = _click_all(clients)
        assert answers["click"] == [302] * WRITERS, answers
        assert answers["replay"] == [302] * WRITERS, answers
        # every committed click recorded its round once: none lost, none twice
        assert set(keys(app).values()) == {2 * WRITERS}, keys(app)
        alarms = read_root(app, lambda root: open_alarms(root, kind="availability"))
        assert sorted(a.key for a in alarms) == ["/", "/czj", "/jyj", "/rsj", "/wjj", "/zwfwj"]
        for alarm in alarms:
            sent = [m for m in mails(app) if m.subject == f"【网站运行监测】{alarm.subject}"]
            assert len(sent) == 1, (alarm.key, len(sent))


def test_sixteen_clicks_make_one_round_due(app_settings, monkeypatch):
    with (
        serve(tiny_app()) as base,
        served_app(app_settings, "probe-due", **SETTINGS) as (app, port),
    ):
        set_base(app, base)
        run_in_transaction(app.registry, probe_job, "probes")  # a round: the next is 300 s away
        assert set(keys(app).values()) == {1}
        # from now on the servers' scheduler threads probe (none runs in this test)
        app.registry.settings["govportal.schedule.worker"] = "thread"
        clients = admin_clients(app, port, monkeypatch)
        answers = _click_all(clients)
        assert answers["click"] == [302] * WRITERS, answers
        assert answers["replay"] == [302] * WRITERS, answers
        assert set(keys(app).values()) == {1}  # no page fetched by a request
        page = clients[0].get("/@@monitoring")
        assert "已安排" in page.text
        run_in_transaction(app.registry, probe_job, "probes")
        run_in_transaction(app.registry, probe_job, "probes")
        assert set(keys(app).values()) == {2}  # the clicks made one round due
