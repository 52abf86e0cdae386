"""The workspace's access to the aspects built beside it.

Revisions and working copies (:mod:`govportal.revisions`), pre-publication
checks (:mod:`govportal.checks`), locks (:mod:`govportal.locks`),
scheduling (:mod:`govportal.schedule`) and bulk transitions
(:mod:`govportal.workflow.bulk`) are separate packages.  Each function here
imports its package when called and returns ``None`` (or does nothing) when
that package or function is not installed, so the workspace shows a feature
exactly when the platform has it.
"""

import importlib


def optional(module, name):
    """``module.name`` or None when either is missing."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


# -- locks (govportal.locks) ------------------------------------------------
def lock_of(resource):
    """The valid lock on ``resource`` (``holder_id``, ``holder_name``,
    ``local_expires``) or None."""
    current = optional("govportal.locks", "current")
    return current(resource) if current else None


def acquire_lock(resource, request):
    """Lock ``resource`` to the user (or refresh their lock).  Raises
    ``govportal.locks.LockRefused`` when another user holds it; None when
    locking is not installed."""
    acquire = optional("govportal.locks", "acquire")
    return acquire(resource, request) if acquire else None


def release_lock(resource, request):
    release = optional("govportal.locks", "release")
    if release:
        try:
            release(resource, request)
        except Exception as e:
            if not isinstance(e, lock_refused()):
                raise


def break_lock(resource, request, reason):
    breaker = optional("govportal.locks", "break_lock")
    if breaker is None:
        return None
    return breaker(resource, request, reason)


def lock_refused():
    """The locks package's refusal (a class nothing raises when absent)."""
    return optional("govportal.locks", "LockRefused") or _NeverRaised


class _NeverRaised(Exception):
    pass


# -- revisions and working copies (govportal.revisions) ---------------------
def checkout(document, request):
    """The working copy of a published document (created if needed); raises
    ``govportal.revisions.RevisionRefused`` when refused."""
    fn = optional("govportal.revisions", "checkout")
    return fn(document, request) if fn else None


def can_checkout():
    return optional("govportal.revisions", "checkout") is not None


def is_working_copy(resource):
    iface = optional("govportal.revisions", "IWorkingCopy")
    return bool(iface is not None and iface.providedBy(resource))


def working_copy_of(document):
    """The working copy of ``document`` (or None)."""
    fn = optional("govportal.revisions", "get_working_copy")
    return fn(document) if fn is not None else None


def revisions_of(resource):
    """The revisions of ``resource``, oldest first ([] without revisions)."""
    fn = optional("govportal.revisions", "get_revisions")
    return list(fn(resource)) if fn else []


def record_revision(document, request, note):
    fn = optional("govportal.revisions", "record_revision")
    return fn(document, request, note) if fn else None


def refusals():
    """Exception classes of the aspects that carry ``messages`` and ``status``."""
    classes = [
        optional("govportal.revisions", "RevisionRefused"),
        optional("govportal.checks", "ChecksRefused"),
    ]
    return tuple(c for c in classes if c is not None) or (_NeverRaised,)


# -- checks --------------------------------------------------------------
def check_report(resource):
    return getattr(resource, "check_report", None)


def run_checks(resource, request):
    fn = optional("govportal.checks", "run_checks")
    return fn(resource, request) if fn else None


# -- bulk ----------------------------------------------------------------
def bulk_transition():
    return optional("govportal.workflow.bulk", "bulk_transition")
