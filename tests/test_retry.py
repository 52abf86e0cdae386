"""A write that hits a ZODB conflict is retried (pyramid_retry), and lands once."""

import transaction
import webtest
from pyramid.config import Configurator
from pyramid.security import NO_PERMISSION_REQUIRED
from ZODB.POSException import ConflictError

import govportal
from govportal.settings import apply_defaults

from .conftest import close_app


def test_conflicting_write_is_retried_and_committed_once(app_settings):
    calls = []

    def flaky(context, request):
        calls.append(1)
        context.retry_probe = getattr(context, "retry_probe", 0) + 1
        if len(calls) < 3:
            raise ConflictError("simulated conflict")
        return request.response

    config = Configurator(settings=apply_defaults(app_settings))
    config.include(govportal.includeme)
    config.add_view(flaky, name="flaky", permission=NO_PERMISSION_REQUIRED, require_csrf=False)
    app = config.make_wsgi_app()
    try:
        webtest.TestApp(app).post("/flaky", status=200)
        assert len(calls) == 3
        db = app.registry._zodb_databases[""]
        conn = db.open()
        try:
            assert conn.root()["app_root"].retry_probe == 1
        finally:
            conn.close()
            transaction.abort()
    finally:
        close_app(app)


def test_backoff_bounds_grow_exponentially_up_to_the_cap():
    from govportal.retry import Backoff

    backoff = Backoff(base_ms=20, max_ms=300)
    assert [backoff.bound_ms(n) for n in range(1, 7)] == [20, 40, 80, 160, 300, 300]


def test_each_retry_pauses_with_full_jitter_and_is_counted(app_settings):
    """A request that conflicts three times is retried after pauses drawn from
    [0, 20 ms], [0, 40 ms], [0, 80 ms]; the retries are counted by conflict."""
    calls, bounds, slept = [], [], []

    def flaky(context, request):
        calls.append(1)
        if len(calls) <= 3:
            error = ConflictError(oid=b"\0" * 7 + b"\x2a")
            error.class_name = "BTrees.OOBTree.OOBucket"
            raise error
        return request.response

    settings = dict(app_settings, **{"govportal.retry.base_ms": "20"})
    config = Configurator(settings=apply_defaults(settings))
    config.include(govportal.includeme)
    config.add_view(flaky, name="flaky", permission=NO_PERMISSION_REQUIRED, require_csrf=False)
    app = config.make_wsgi_app()
    backoff = app.registry.govportal_retry_backoff

    def uniform(low, high):
        bounds.append((low, high))
        return high  # the longest pause, to see it reach sleep()

    backoff.uniform, backoff.sleep = uniform, slept.append
    try:
        webtest.TestApp(app).post("/flaky", status=200)
    finally:
        close_app(app)
    assert len(calls) == 4
    assert bounds == [(0.0, 20.0), (0.0, 40.0), (0.0, 80.0)]
    assert slept == [0.02, 0.04, 0.08]
    stats = app.registry.govportal_retry_stats.snapshot()
    assert stats == {
        "total": 3,
        "by_kind": {"ConflictError BTrees.OOBTree.OOBucket": 3},
        "by_conflict": {"ConflictError BTrees.OOBTree.OOBucket 0x2a": 3},
    }


def test_retry_stats_remember_a_bounded_number_of_objects(monkeypatch):
    from govportal.retry import stats as module

    monkeypatch.setattr(module, "MAX_OBJECTS", 2)
    stats = module.RetryStats()
    for oid in ("0x01", "0x02", "0x03", "0x01"):
        stats.record(f"ReadConflictError {oid}")
    snapshot = stats.snapshot()
    assert snapshot["total"] == 4
    assert snapshot["by_kind"] == {"ReadConflictError": 4}
    assert snapshot["by_conflict"] == {
        "ReadConflictError 0x01": 2,
        "ReadConflictError 0x02": 1,
        "other": 1,
    }


def test_the_default_is_enough_attempts(app_settings):
    assert int(apply_defaults(dict(app_settings))["retry.attempts"]) >= 8


def test_relstorage_lock_errors_are_retried():
    """RelStorage's row-lock errors are ConflictErrors; its commit-lock
    timeout is made retryable by govportal.retry."""
    from pyramid_retry import IRetryableError
    from relstorage.adapters.interfaces import (
        UnableToAcquireCommitLockError,
        UnableToLockRowsToReadCurrentError,
    )
    from transaction.interfaces import TransientError

    import govportal.retry

    govportal.retry._mark_relstorage_errors()
    assert issubclass(UnableToLockRowsToReadCurrentError, TransientError)
    assert IRetryableError.implementedBy(UnableToAcquireCommitLockError)
