"""What administrators do to accounts: revoke sessions, unlock, force a
password change, disable and enable.  Each one is recorded."""

from ..security.events import record_action
from . import lockout
from .state import bump_ticket_version, login_of


def revoke_sessions(user, request, reason):
    """End every session of ``user`` (all tickets issued so far stop
    working) and record ``session.revoke`` with ``reason``."""
    version = bump_ticket_version(user)
    record_action(
        request,
        "session.revoke",
        target=login_of(user),
        details={"reason": str(reason), "version": version},
    )


def unlock(user_or_login, request):
    """Forget the failed sign-ins of a user (or of any login string)."""
    login = user_or_login if isinstance(user_or_login, str) else login_of(user_or_login)
    lockout.clear(request, login)
    record_action(request, "account.unlock", target=login)


def force_password_change(user, request):
    """The user must choose a new password at the next sign-in."""
    user.must_change_password = True
    record_action(request, "account.force_change", target=login_of(user))


def disable(user, request):
    """Disable the account: no sign-in, and every session ends now."""
    user.disabled = True
    bump_ticket_version(user)
    record_action(request, "account.disable", target=login_of(user))


def enable(user, request):
    """Enable a disabled account again."""
    user.disabled = False
    record_action(request, "account.enable", target=login_of(user))
