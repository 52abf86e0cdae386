"""Sixteen probe rounds at once: the due time lets one of sixteen job runs
probe (the others conflict on the claim and find the round taken), and
sixteen forced rounds (the ``probe`` task) are all recorded, none lost,
none twice."""

from govportal.monitoring.probes.job import probe_job
from govportal.monitoring.script import run_task
from govportal.schedule.runner import run_in_transaction

from ...concurrency.helpers import quiet_server
from ...concurrency.writers import WRITERS, run_all
from .conftest import keys, series, serve, set_base, tiny_app

pytestmark = quiet_server


def test_sixteen_job_runs_probe_once(app):
    with serve(tiny_app()) as base:
        set_base(app, base)
        jobs = [
            lambda: run_in_transaction(app.registry, probe_job, "probes") for _ in range(WRITERS)
        ]
        statuses = run_all(jobs)
        assert statuses == {False: WRITERS}, statuses
        found = keys(app)
        assert found and set(found.values()) == {1}, found
        # and again within the interval (a replay): nothing more
        assert run_all(jobs) == {False: WRITERS}
    assert set(keys(app).values()) == {1}


def test_sixteen_forced_rounds_all_recorded(app):
    with serve(tiny_app()) as base:
        set_base(app, base)
        run_task(app.registry, "probe")  # the series exist: rounds only add probes
        statuses = run_all([lambda: bool(run_task(app.registry, "probe"))] * WRITERS)
        assert statuses == {True: WRITERS}, statuses
    found = keys(app)
    assert set(found.values()) == {WRITERS + 1}, found
    probes = series(app, "/jyj")
    assert len({p.at for p in probes}) == WRITERS + 1 and all(p.ok for p in probes)
