"""The in-process probe job: rounds against a real waitress, the due time
shared through the monitor database, failures (500, a server slower than
the timeout), nothing written to the content database."""

import pytest

from govportal.monitoring.probes.job import probe_job
from govportal.monitoring.script import run_task
from govportal.schedule.runner import run_in_transaction

from ...concurrency.helpers import quiet_server, threaded_server
from .conftest import keys, mails, series, serve, set_base, tiny_app

pytestmark = quiet_server

SITES = ["/", "/czj", "/jyj", "/rsj", "/wjj", "/zwfwj"]


def _content_tid(app):
    return app.registry._zodb_databases[""].lastTransaction()


def _monitor_notes(app):
    from govportal.monitoring.store import MONITOR_DB

    storage = app.registry._zodb_databases[""].databases[MONITOR_DB].storage
    return [t.description for t in storage.iterator()]


def _content_notes(app, after):
    """Notes of the content database's transactions committed after ``after``."""
    from ZODB.utils import p64, u64

    storage = app.registry._zodb_databases[""].storage
    return [t.description for t in storage.iterator(p64(u64(after) + 1))]


def test_round_against_the_served_app(app):
    with threaded_server(app, "probe-app") as port:
        # the real 15 s: a cold page on a loaded test machine may take seconds
        set_base(app, f"http://127.0.0.1:{port}", probe_timeout="15")
        before = _content_tid(app)
        assert run_in_transaction(app.registry, probe_job, "test probes") is False
    found = keys(app)
    for site in SITES:
        assert found[(site, "")] == 1, site
        assert found[(site, "/@@search")] == 1, site
    assert found[("/", "/xxgk/")] == 1
    assert ("/jyj", "/xxgk/") not in found  # the bureau has no such column: not probed
    [probe] = series(app, "/jyj")
    assert probe.ok and probe.status == 200 and 0 < probe.seconds < 15
    assert mails(app) == []
    # what the monitor learns never touches the content database
    # (the background indexer may have written: serving pages is not probing)
    assert not [n for n in _content_notes(app, before) if b"probe" in n]
    assert any(b"probe" in n for n in _monitor_notes(app))


def test_replay_within_the_interval_probes_once(app):
    with serve(tiny_app()) as base:
        set_base(app, base)
        run_in_transaction(app.registry, probe_job, "test probes")
        run_in_transaction(app.registry, probe_job, "test probes")
        assert set(keys(app).values()) == {1}
        # the due time passed: the next run probes again
        set_base(app, base, probe_interval="1")
        run_in_transaction(app.registry, probe_job, "test probes")  # claims with 1 s
        assert set(keys(app).values()) == {1}  # still 300 s due from the first round


def test_off_probes_nothing(app):
    with serve(tiny_app()) as base:
        set_base(app, base, probes="off")
        run_in_transaction(app.registry, probe_job, "test probes")
    assert keys(app) == {}


def test_500_and_slow_pages_are_failures(app):
    with serve(tiny_app(sleep=3.0)) as base:
        set_base(app, base, probe_paths="/boom/ /slow/", probe_timeout="0.5")
        report = run_task(app.registry, "probe")
    [home] = series(app, "/")
    [boom] = series(app, "/", "/boom/")
    [slow] = series(app, "/", "/slow/")
    assert home.ok and home.status == 200
    assert not boom.ok and boom.status == 500 and boom.error == "HTTP 500"
    assert not slow.ok and slow.error == "timeout" and 0.5 <= slow.seconds < 2.5
    assert ("/jyj", "/boom/") not in keys(app)  # departments: only their own pages
    assert "失败（HTTP 500）" in report and "失败（timeout）" in report


@pytest.mark.parametrize("status", ["dead"])
def test_unreachable_server(app, status):
    from ...storage.helpers import free_port

    set_base(app, f"http://127.0.0.1:{free_port()}", probe_paths="")
    run_task(app.registry, "probe")
    [probe] = series(app, "/")
    assert not probe.ok and probe.status == 0 and probe.error
