"""Account state kept on Substance D user objects (plain attributes).

No new content type: a user carries, besides Substance D's own attributes,

- ``disabled`` — the groupfinder refuses a disabled user's ticket;
- ``must_change_password`` — the next sign-in goes to the password form;
- ``password_changed_at`` (UTC) — with the expiry rule, forces a change;
- ``password_history`` — bcrypt hashes of the last passwords, newest first;
- ``ticket_version`` — carried in the sign-in ticket; a ticket with another
  version is refused (see :mod:`govportal.accounts.tickets`);
- ``totp_secret``, ``totp_last_step`` — the second factor and the last time
  step accepted (a code is never accepted twice);
- ``reset_token_hash``, ``reset_token_expires`` — a pending reset link (only
  the sha256 of its token).
"""

import unicodedata
from datetime import UTC, datetime, timedelta

from pyramid.traversal import find_root
from substanced.interfaces import IUser
from substanced.util import find_objectmap, find_service

#: the longest login considered (longer strings are cut before any use)
MAX_LOGIN = 100


def utcnow():
    return datetime.now(UTC)


def normalise_login(login):
    """The key failures are counted under: NFKC, trimmed, case-folded."""
    value = unicodedata.normalize("NFKC", str(login or ""))[: MAX_LOGIN * 2]
    return value.strip().casefold()[:MAX_LOGIN]


def find_user(root, login):
    """The user whose login is ``login`` (trimmed), or None."""
    users = find_service(root, "principals", "users") if root is not None else None
    if users is None:
        return None
    login = str(login or "").strip()[:MAX_LOGIN]
    if not login:
        return None
    user = users.get(login)
    if user is None:
        # logins are case-insensitive for look-up, as for counting failures
        key = normalise_login(login)
        for name in users.keys():
            if normalise_login(name) == key:
                return users[name]
    return user


def user_by_id(root, userid):
    """The user with oid ``userid`` (an int or its string), or None."""
    objectmap = find_objectmap(root) if root is not None else None
    if objectmap is None:
        return None
    try:
        user = objectmap.object_for(int(userid))
    except (TypeError, ValueError):
        return None
    return user if IUser.providedBy(user) else None


def login_of(user):
    return getattr(user, "__name__", "") or ""


def root_of(user):
    return find_root(user)


def is_disabled(user):
    return bool(getattr(user, "disabled", False))


def ticket_version(user):
    return int(getattr(user, "ticket_version", 0) or 0)


def bump_ticket_version(user):
    user.ticket_version = ticket_version(user) + 1
    return user.ticket_version


def password_expires_at(user, rules):
    """When the user's password expires (None: never)."""
    if rules.password_max_age_days <= 0:
        return None
    changed = getattr(user, "password_changed_at", None)
    if changed is None:
        # set before the policy existed (or by Substance D): change it now
        return datetime.min.replace(tzinfo=UTC)
    return changed + timedelta(days=rules.password_max_age_days)


def must_change_password(user, rules, now=None):
    """True when the user must choose a new password before anything else."""
    if getattr(user, "must_change_password", False):
        return True
    expires = password_expires_at(user, rules)
    return expires is not None and (now or utcnow()) >= expires


def has_totp(user):
    return bool(getattr(user, "totp_secret", None))
