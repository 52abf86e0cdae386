"""One-time password reset links.

An administrator issues a link for a user (:func:`issue_reset_link`); only
the sha256 of its random token is stored on the user, with an expiry.  The
link is built from the configured public URL (``govportal.siteurl``), never
from the request's ``Host``.  Using it (:func:`consume_reset`) sets a new
password under the policy and invalidates the token.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from substanced.util import find_service

from ..security.events import record_action
from ..siteurl import public_url
from .rules import get_rules
from .state import bump_ticket_version, login_of, root_of, utcnow

VIEW = "@@reset-password"


def _digest(token):
    return hashlib.sha256(str(token).encode("utf-8")).hexdigest()


def issue_reset_link(user, request):
    """A new one-time link for ``user`` (any earlier link stops working)."""
    root = root_of(user)
    rules = get_rules(request.registry, root)
    token = secrets.token_urlsafe(32)
    user.reset_token_hash = _digest(token)
    user.reset_token_expires = utcnow() + timedelta(hours=rules.reset_link_hours)
    record_action(
        request,
        "password.reset_link",
        target=login_of(user),
        details={"hours": rules.reset_link_hours},
    )
    return f"{public_url(request.registry, root)}/{VIEW}?{urlencode({'token': token})}"


def user_for_token(root, token):
    """The user a valid, unexpired ``token`` was issued for, or None."""
    if not token or len(token) > 200:
        return None
    digest = _digest(token)
    users = find_service(root, "principals", "users")
    now = utcnow()
    for user in users.values():
        stored = getattr(user, "reset_token_hash", None)
        if stored and hmac.compare_digest(stored, digest):
            expires = getattr(user, "reset_token_expires", None)
            if expires is not None and expires > now:
                return user
            return None
    return None


def invalidate_reset(user):
    user.reset_token_hash = None
    user.reset_token_expires = None


def consume_reset(user, password, request):
    """Set the password chosen through a reset link (raises
    :class:`~govportal.accounts.passwords.PasswordRejected`), invalidate the
    link and every session, and record ``password.reset``."""
    from .passwords import PasswordRejected, check_password, store_password

    errors = check_password(user, login_of(user), password, request.registry)
    if errors:
        raise PasswordRejected(errors)
    store_password(user, password, get_rules(request.registry, root_of(user)))
    invalidate_reset(user)
    bump_ticket_version(user)
    record_action(request, "password.reset", target=login_of(user), actor=login_of(user))
