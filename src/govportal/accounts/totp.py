"""The second factor: time-based one-time codes (RFC 6238, pyotp).

Holders of the roles listed in the ``totp_roles`` rule (the three
administrators and site administrators) must use it; anyone else may.  A
code is accepted once: the time step of the last accepted code is kept on
the user, and a code of that step or an earlier one is refused.
"""

import time

import pyotp
import segno
from pyramid.traversal import find_root
from substanced.util import get_oid

from ..security import get_vocabulary
from ..security.events import record_action
from ..security.localroles import LOCAL_ROLES_ATTR
from .rules import get_rules
from .state import has_totp, login_of

#: codes of the previous and the next time step are accepted too (clock drift)
DRIFT_STEPS = 1
#: how deep below the root grants are looked for (departments, columns)
GRANT_DEPTH = 2


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, login, rules):
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=rules.totp_issuer)


def qr_svg(uri):
    """The ``otpauth://`` URI as an inline SVG QR code (no script, no style)."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, title="身份验证器二维码")


def matching_step(secret, code, now=None):
    """The time step whose code is ``code`` (within the drift), else None."""
    code = "".join(ch for ch in str(code or "") if not ch.isspace())
    if not (code.isdigit() and len(code) == 6) or not secret:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def verify(user, code, now=None, secret=None):
    """Accept ``code`` for ``user`` once: True and the step remembered, or
    False (wrong code, or a code of a step already used)."""
    secret = secret or getattr(user, "totp_secret", None)
    step = matching_step(secret, code, now)
    if step is None or step <= int(getattr(user, "totp_last_step", -1) or -1):
        return False
    user.totp_last_step = step
    return True


def enrol(user, secret, request):
    """Make ``secret`` the user's second factor (after a confirmed code)."""
    user.totp_secret = secret
    record_action(request, "totp.enrol", target=login_of(user))


def reset_totp(user, request):
    """Remove the user's second factor; they enrol again at the next sign-in
    (when it is required) or from their account page."""
    user.totp_secret = None
    user.totp_last_step = -1
    record_action(request, "totp.reset", target=login_of(user))


def _grants_below(root, depth):
    yield getattr(root, LOCAL_ROLES_ATTR, None) or {}
    if depth <= 0 or not hasattr(root, "values"):
        return
    for child in root.values():
        if getattr(child, LOCAL_ROLES_ATTR, None) is not None or hasattr(child, "values"):
            if getattr(child, "__name__", "") in ("principals", "catalogs", "objectmap"):
                continue
            yield from _grants_below(child, depth - 1)


def held_roles(user, depth=GRANT_DEPTH):
    """Every role granted to the user or their groups on the root and the
    folders just below it (departments and their columns)."""
    root = find_root(user)
    principals = {get_oid(user), *getattr(user, "groupids", ())}
    roles = set()
    for grants in _grants_below(root, depth):
        for principal in principals.intersection(grants.keys()):
            roles.update(grants[principal])
    return roles


def requires_totp(user, request):
    """True when ``user`` must sign in with a second factor: they hold one of
    the ``totp_roles`` (by default the three administrators and site
    administrators) anywhere."""
    rules = get_rules(request.registry, find_root(user))
    required = set(rules.totp_roles)
    vocabulary = get_vocabulary(request.registry)
    required |= set(getattr(vocabulary, "duty_roles", ()) or ())
    return bool(held_roles(user) & required)


def may_skip(user, request):
    """True when the user signs in without a code (not required, not enrolled)."""
    return not has_totp(user) and not requires_totp(user, request)
