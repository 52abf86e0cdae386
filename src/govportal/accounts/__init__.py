"""Accounts (等保 F1–F5): our own sign-in, lockout and throttling, password
policy, server-side ticket revocation, TOTP second factor, reset links.

Public API (the administration pages call these; each records its action):

- :func:`check_password` ``(user_or_none, login, password, registry) -> [str]``
- :func:`set_password` ``(user, password, request, *, by_admin=False)``
  (raises :class:`PasswordRejected`)
- :func:`revoke_sessions` ``(user, request, reason)``
- :func:`unlock` ``(user_or_login, request)``;
  :func:`is_locked` ``(login, registry_or_root) -> datetime | None``
- :func:`force_password_change`, :func:`disable`, :func:`enable`
  ``(user, request)``
- :func:`issue_reset_link` ``(user, request) -> str``
- :func:`requires_totp` ``(user, request) -> bool``; :func:`reset_totp`
  ``(user, request)``
- :func:`get_rules` ``(registry, root=None)`` and :func:`set_rule`: the
  password, lockout and TOTP rules in force (settings, overridden on the root)

Sign-in happens at ``/@@login`` (see :mod:`govportal.accounts.views`).
"""

from .actions import disable, enable, force_password_change, revoke_sessions, unlock
from .lockout import is_locked
from .passwords import PasswordRejected, check_password, set_password
from .resets import issue_reset_link
from .rules import get_rules, set_rule
from .totp import requires_totp, reset_totp

__all__ = [
    "PasswordRejected",
    "check_password",
    "disable",
    "enable",
    "force_password_change",
    "get_rules",
    "is_locked",
    "issue_reset_link",
    "requires_totp",
    "reset_totp",
    "revoke_sessions",
    "set_password",
    "set_rule",
    "unlock",
]


def includeme(config):
    config.add_static_view("accounts-static", "govportal.accounts:static", cache_max_age=3600)
    config.scan(".views")
    config.scan(".views_password")
    config.scan(".views_totp")
    # every request of a signed-in user who must change the password first
    config.include(".guard")
    # Substance D's own login, logout and reset views are no entry points
    config.include(".sdi_entry")
