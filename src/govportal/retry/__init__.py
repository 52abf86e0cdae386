"""Retrying conflicting writes: jittered exponential back-off, counted.

``pyramid_retry`` runs a request again at once when it fails with a
retryable error (a ZODB ``ConflictError``, RelStorage's lock errors).  Run
again at once, the writers that collided collide again.  This package sleeps
before each new attempt (:mod:`.backoff`: "full jitter", exponential and
capped by ``govportal.retry.base_ms`` / ``govportal.retry.max_ms``), logs
the conflicting object at DEBUG and counts retries on the registry
(:mod:`.stats`, ``registry.govportal_retry_stats``) for monitoring.

The number of attempts is ``retry.attempts`` (pyramid_retry's own setting,
default in :mod:`govportal.settings`).
"""

from pyramid_retry import IBeforeRetry, mark_error_retryable

from .backoff import Backoff, before_retry
from .stats import RetryStats, describe_conflict

__all__ = ["Backoff", "RetryStats", "before_retry", "describe_conflict", "includeme"]


def _mark_relstorage_errors():
    """RelStorage raises ``UnableToAcquireCommitLockError`` when the commit
    lock is not granted within ``commit-lock-timeout``; for historical reasons
    it is not a ``TransientError``, yet another attempt after a pause is
    exactly what it needs (the row-lock errors, ``UnableToLockRowsTo*``,
    are ``ConflictError`` subclasses and already retryable)."""
    try:
        from relstorage.adapters.interfaces import UnableToAcquireCommitLockError
    except ImportError:  # RelStorage is optional
        return
    mark_error_retryable(UnableToAcquireCommitLockError)


def includeme(config):
    settings = config.registry.settings
    config.registry.govportal_retry_stats = RetryStats()
    config.registry.govportal_retry_backoff = Backoff.from_settings(settings)
    _mark_relstorage_errors()
    config.add_subscriber(before_retry, IBeforeRetry)
