"""Turning an event into an audit entry, and when it is written.

:func:`record` takes who, from where and what from the request at once (the
request may be gone when the entry is written), then:

- ``result == "success"``: the action is part of the request's transaction
  (a transition, a deletion, an account change), so the entry is written by
  an after-commit hook, only if that transaction commits — a retried or
  aborted request leaves no entry for what did not happen, and a replayed
  attempt leaves one entry, not two;
- any other result (a failed or refused sign-in, a refusal): written at
  once, in the audit's own transaction, whatever happens to the request's.

Within one transaction the same ``(action, target)`` is recorded once
(e.g. a deletion announced by the code that deleted and seen by the
removal subscriber).  A failed audit write is logged loudly (``ERROR`` on
``govportal.audit``) and never turns the request's answer into an error.
"""

import logging

import transaction

log = logging.getLogger("govportal.audit")


def client_address(request):
    """The client's address: ``REMOTE_ADDR``, or the nearest untrusted
    address of ``X-Forwarded-For`` when ``REMOTE_ADDR`` is a proxy listed in
    ``govportal.audit.trusted_proxies``."""
    if request is None:
        return ""
    addr = request.environ.get("REMOTE_ADDR", "") or ""
    trusted = getattr(request.registry, "govportal_audit_proxies", frozenset())
    if addr in trusted:
        hops = [h.strip() for h in request.headers.get("X-Forwarded-For", "").split(",")]
        for hop in reversed([h for h in hops if h]):
            addr = hop
            if hop not in trusted:
                break
    return addr[:100]


def _user_by_login(request, login):
    try:
        from substanced.util import find_service

        users = find_service(request.root, "principals")["users"]
        user = users.get(login)
    except Exception:  # no root yet, a request outside the site ...
        return None
    return user


def actor_of(request, login=None):
    """``(login, user oid)`` of who acted: the signed-in user, or ``login``
    (e.g. the login a failed sign-in tried) when given."""
    if request is None:
        return (login or "system"), ""
    if login:
        user = _user_by_login(request, login)
        oid = getattr(user, "__oid__", "") if user is not None else ""
        return login, str(oid or "")
    userid = getattr(request, "authenticated_userid", None)
    if userid is None:
        return "", ""
    try:
        user = request.user
    except Exception:  # before traversal (no context) or outside the site
        user = None
    login = getattr(user, "__name__", "") or ""
    if not login and not str(userid).lstrip("-").isdigit():
        login = str(userid)  # a system principal (the scheduler)
    return login, str(userid)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def make_fields(request, action, target="", result="success", details=None, actor=None):
    """The entry fields (all but seq, time, prev, hash) for one action."""
    login, oid = actor_of(request, actor)
    return {
        "actor": str(login)[:200],
        "actor_id": oid,
        "address": client_address(request),
        "action": str(action),
        "target": str(target or "")[:1000],
        "result": str(result or "success"),
        "details": _jsonable(details or {}),
    }


def write(audit_log, fields):
    """Append now; log (never raise) on failure."""
    try:
        return audit_log.append(fields)
    except Exception:
        log.critical(
            "AUDIT WRITE FAILED: the audit log did not record %s %s by %s from %s",
            fields.get("action"),
            fields.get("target"),
            fields.get("actor"),
            fields.get("address"),
            exc_info=True,
        )
        return None


def _current_transaction(request):
    tm = getattr(request, "tm", None) if request is not None else None
    return (tm or transaction.manager).get()


def record(registry, request, action, *, target="", result="success", details=None, actor=None):
    """Record ``action`` (see the module docstring for when it is written)."""
    audit_log = getattr(registry, "govportal_audit", None)
    if audit_log is None:
        return
    fields = make_fields(request, action, target, result, details, actor)
    if fields["result"] != "success":
        write(audit_log, fields)
        return
    try:
        txn = _current_transaction(request)
    except Exception:  # no transaction can be begun here: write at once
        write(audit_log, fields)
        return
    try:
        pending = txn.data(audit_log)
    except KeyError:
        pending = {}
        txn.set_data(audit_log, pending)
        txn.addAfterCommitHook(_after_commit, (audit_log, pending))
    key = (fields["action"], fields["target"])
    if key in pending:
        pending[key]["details"] = {**fields["details"], **pending[key]["details"]}
    else:
        pending[key] = fields


def _after_commit(status, audit_log, pending):
    if not status:
        return
    for fields in pending.values():
        write(audit_log, fields)
