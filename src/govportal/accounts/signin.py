"""The steps of a sign-in: password, second factor, ticket.

:func:`attempt` judges a login and password against the counters of
:mod:`.lockout`; :func:`begin` either completes the sign-in or, when the
user has (or must have) a second factor, keeps a *pending* sign-in in the
session — not an authenticated ticket — for :data:`pending_minutes`;
:func:`complete` issues the ticket with a new session and CSRF token.
"""

import time
from urllib.parse import urlsplit

from pyramid.httpexceptions import HTTPFound
from pyramid.interfaces import IAuthorizationPolicy
from pyramid.security import Authenticated, Everyone
from substanced.util import get_oid

from ..security.events import record_action
from . import lockout
from .rules import get_rules
from .state import (
    find_user,
    has_totp,
    is_disabled,
    login_of,
    must_change_password,
    ticket_version,
    user_by_id,
)
from .tickets import remember_user
from .totp import requires_totp

#: session key of a pending sign-in (password accepted, code awaited)
PENDING = "govportal.accounts.pending"

REFUSED = "refused"
THROTTLED = "throttled"


def client_address(request):
    """The client's address as the server saw it (``REMOTE_ADDR``; never a
    forwarded header the client can set — a trusted proxy must set it)."""
    return request.remote_addr or ""


def safe_came_from(value):
    """``value`` when it is a path on this site, else ''."""
    value = str(value or "")
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in value):
        return ""
    return value[:2000]


def attempt(request, login, password):
    """``(user, None)`` when ``login``/``password`` are right and the account
    may sign in, else ``(None, REFUSED or THROTTLED)``.  Every refusal takes
    as long as a password check; no bcrypt work for a locked, disabled or
    unknown account."""
    address = client_address(request)
    login = str(login or "")[:200]
    verdict = lockout.check(request, login, address)
    if verdict.throttled:
        record_action(request, "login.throttled", target=address, result="failure", actor=login)
        return None, THROTTLED
    user = find_user(request.root, login)
    if verdict.locked:
        lockout.equal_delay()
        lockout.register_failure(request, login, address, count_login=False)
        record_action(request, "login.locked", target=login, result="failure", actor=login)
        return None, REFUSED
    if user is None or is_disabled(user):
        lockout.equal_delay()
        return None, fail(request, login, "unknown" if user is None else "disabled")
    if not lockout.timed_check(user, password or ""):
        return None, fail(request, login, "password")
    lockout.clear(request, login)
    return user, None


def fail(request, login, reason):
    """Count a failed step of ``login`` and record it; returns REFUSED."""
    locked_now = lockout.register_failure(request, login, client_address(request))
    record_action(
        request,
        "login.failure",
        target=login,
        result="failure",
        details={"reason": reason},
        actor=login,
    )
    if locked_now:
        record_action(
            request,
            "login.locked",
            target=login,
            result="failure",
            details={"new": True},
            actor=login,
        )
    return REFUSED


def landing(request, user, came_from=""):
    """Where a signed-in user goes: the page asked for, except the SDI for
    those who may not use it; by default the SDI for system administrators
    and the workspace for everyone else."""
    policy = request.registry.queryUtility(IAuthorizationPolicy)
    principals = [Everyone, Authenticated, get_oid(user), *user.groupids]
    may_manage = policy is not None and policy.permits(request.root, principals, "sdi.view")
    came_from = safe_came_from(came_from)
    base = request.application_url
    manage = urlsplit(base).path.rstrip("/") + "/manage"
    if came_from and urlsplit(came_from).path.rstrip("/") in (
        urlsplit(base).path.rstrip("/") + "/@@login",
        urlsplit(base).path.rstrip("/") + "/@@logout",
    ):
        came_from = ""
    if came_from:
        if came_from.startswith(manage) and not may_manage:
            return base + "/@@workspace"
        return request.host_url + came_from
    return base + ("/manage" if may_manage else "/@@workspace")


def begin(request, user, came_from=""):
    """After the password: the second factor when the user has one or must
    have one, else the ticket."""
    if has_totp(user) or requires_totp(user, request):
        session = request.session
        session.invalidate()
        session[PENDING] = {
            "userid": get_oid(user),
            "version": ticket_version(user),
            "at": time.time(),
            "came_from": safe_came_from(came_from),
        }
        session.new_csrf_token()
        step = "/@@login-totp" if has_totp(user) else "/@@totp"
        return HTTPFound(request.application_url + step)
    return complete(request, user, came_from)


def pending_user(request):
    """The user of a pending sign-in still within its time, or None."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    rules = get_rules(request.registry, request.root)
    if pending.get("at", 0) + rules.pending_minutes * 60 < time.time():
        request.session.pop(PENDING, None)
        return None
    user = user_by_id(request.root, pending.get("userid"))
    if user is None or is_disabled(user) or ticket_version(user) != pending.get("version"):
        return None
    return user


def drop_pending(request):
    request.session.pop(PENDING, None)


def complete(request, user, came_from=None):
    """Issue the ticket: a new session, a new CSRF token, ``login.success``;
    the password form first when the password must change."""
    if came_from is None:
        came_from = (request.session.get(PENDING) or {}).get("came_from", "")
    request.session.invalidate()
    request.session.new_csrf_token()
    headers = remember_user(request, user)
    record_action(request, "login.success", target=login_of(user), actor=login_of(user))
    rules = get_rules(request.registry, request.root)
    if must_change_password(user, rules):
        request.session["govportal.accounts.came_from"] = safe_came_from(came_from)
        target = request.application_url + "/@@password"
    else:
        target = landing(request, user, came_from)
    return HTTPFound(target, headers=headers)
