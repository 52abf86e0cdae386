"""The scheduler's job: a sweep when due (tamper_interval, stored next run),
nothing in the rounds between; pending restores confirmed every round."""

from govportal.bootstrap import site_session
from govportal.monitoring.tamper.book import get_book
from govportal.monitoring.tamper.tasks import periodic
from govportal.schedule.runner import run_in_transaction
from tests.concurrency.helpers import quiet_server

from .helpers import (
    hack_body,
    open_tamper_alarms,
    published_document,
    served,
    tamper_mails,
)

pytestmark = quiet_server


def _round(app):
    return run_in_transaction(app.registry, periodic, "test round")


def _last(app):
    with site_session(app.registry, commit=False) as (zroot, _request):
        book = get_book(zroot["app_root"], create=False)
        return dict(book.log.last), book.lease.next_run


def test_sweeps_when_due_and_confirms_every_round(app):
    path = published_document(app)
    with served(app):
        assert _round(app)  # first round: due, baselines everything
        last, next_run = _last(app)
        assert last["baselined"] == 2 and next_run > last["at"]
        assert not _round(app)  # not due: nothing written
        assert _last(app)[0] == last

        hack_body(app, path)

        def due_now(root, request):
            get_book(root).lease.next_run = None
            return True

        run_in_transaction(app.registry, due_now, "test: due")
        assert _round(app)  # detects, restores in the content database
        assert len(open_tamper_alarms(app)) == 1
        assert _round(app)  # the next round (not a sweep) confirms the restore
    assert open_tamper_alarms(app) == []
    assert len(tamper_mails(app)) == 1


def test_run_button_makes_the_sweep_due(app, browser_for):
    published_document(app)
    with served(app):
        assert _round(app)
        assert not _round(app)  # not due
        admin = browser_for("admin")
        res = admin.post(
            "/@@monitoring-run", {"task": "tamper", "csrf_token": admin.csrf()}, status="*"
        )
        assert res.status_int == 302, res.status
        assert _last(app)[1] is None  # due at the next round, not run in the request
        assert _round(app)
        last, next_run = _last(app)
        assert last["checked"] == 2 and next_run is not None
