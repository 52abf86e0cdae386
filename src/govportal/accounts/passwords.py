"""Password policy (等保 F1): length, character classes, not the login, not
one of the last passwords, not guessable (zxcvbn), and expiry.

:func:`check_password` only judges; :func:`set_password` judges, stores the
new hash, keeps the history, revokes every session and records the change.
"""

import bcrypt
from pyramid.threadlocal import get_current_request
from zxcvbn import zxcvbn

from ..i18n import _
from ..security.events import record_action
from .rules import get_rules
from .state import bump_ticket_version, login_of, root_of, utcnow
from .text import text

#: longest password accepted (bcrypt reads 72 bytes; Substance D refuses 4096)
MAX_LENGTH = 128


class PasswordRejected(ValueError):
    """The password breaks the policy; ``errors`` are Chinese messages."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def character_classes(password):
    """How many of lower case, upper case, digits and other characters."""
    return sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


def _hash_matches(password, hashed):
    if isinstance(hashed, str):
        hashed = hashed.encode("utf-8")
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed)
    except (TypeError, ValueError):
        return False


def reused(user, password, rules):
    """True when ``password`` is the current one or one of the history."""
    if user is None or rules.password_history <= 0:
        return False
    hashes = [getattr(user, "password", None)]
    hashes += list(getattr(user, "password_history", ()))[: rules.password_history]
    return any(h and _hash_matches(password, h) for h in hashes)


def _root(user_or_none):
    if user_or_none is not None:
        return root_of(user_or_none)
    request = get_current_request()
    return getattr(request, "root", None) if request is not None else None


def check_password(user_or_none, login, password, registry):
    """Chinese messages for every rule ``password`` breaks (empty: accepted).

    ``user_or_none`` is the account (for the history), None for a new one;
    ``login`` its login (a new account's may not exist yet).
    """
    rules = get_rules(registry, _root(user_or_none))
    password = password or ""
    errors = []
    if len(password) < rules.password_min_length:
        errors.append(
            _(
                "accounts-password-short",
                default="密码至少需要 ${n} 个字符。",
                mapping={"n": rules.password_min_length},
            )
        )
    if len(password) > MAX_LENGTH:
        errors.append(
            _(
                "accounts-password-long",
                default="密码不能超过 ${n} 个字符。",
                mapping={"n": MAX_LENGTH},
            )
        )
    if character_classes(password) < 3:
        errors.append(
            _(
                "accounts-password-classes",
                default="密码须包含大写字母、小写字母、数字、符号四类中的至少三类。",
            )
        )
    login = (login or "").strip()
    if login and login.casefold() in password.casefold():
        errors.append(_("accounts-password-login", default="密码不能包含登录名。"))
    if not errors and len(password) <= MAX_LENGTH:
        inputs = [login] if login else []
        if zxcvbn(password[:MAX_LENGTH], user_inputs=inputs)["score"] < rules.password_min_score:
            errors.append(
                _(
                    "accounts-password-weak",
                    default="密码太容易被猜到（常见密码、键盘序列或简单变形），请换一个更难猜的密码。",
                )
            )
    if not errors and reused(user_or_none, password, rules):
        errors.append(
            _(
                "accounts-password-reused",
                default="不能使用最近 ${n} 次用过的密码。",
                mapping={"n": rules.password_history},
            )
        )
    return [text(e) for e in errors]


def store_password(user, password, rules, *, must_change=False):
    """Store ``password`` (no policy check): hash, history, changed-at."""
    previous = getattr(user, "password", None)
    history = list(getattr(user, "password_history", ()))
    if previous:
        history.insert(0, previous)
    user.password_history = tuple(history[: max(rules.password_history - 1, 0)])
    user.set_password(password)
    user.password_changed_at = utcnow()
    user.must_change_password = bool(must_change)


def set_password(user, password, request, *, by_admin=False):
    """Set ``user``'s password under the policy.

    Raises :class:`PasswordRejected` with the broken rules.  Keeps the
    history, sets the change time, revokes every session of the user (ticket
    version) and records ``password.change``.  A password set by an
    administrator (``by_admin``) must be changed at the next sign-in.
    """
    registry = request.registry
    errors = check_password(user, login_of(user), password, registry)
    if errors:
        raise PasswordRejected(errors)
    rules = get_rules(registry, root_of(user))
    store_password(user, password, rules, must_change=by_admin)
    bump_ticket_version(user)
    record_action(
        request,
        "password.change",
        target=login_of(user),
        details={"by_admin": bool(by_admin)},
    )
