"""One answer per person without collecting identity (在线调查).

A visitor gets a random voter id in a cookie (:data:`COOKIE`: HttpOnly,
SameSite=Lax, Secure over HTTPS, one year); an answer is stored under the
HMAC of that id with the site secret and the survey's object id, so that
answers of one visitor cannot be linked across surveys and the id itself is
never stored.  Nothing else about the person is kept (no address, no
account).  Clearing cookies gives a new id: the per-address limit of
:mod:`govportal.interaction.limits` bounds what that buys.
"""

import hashlib
import hmac
import re
import secrets

from pyramid.traversal import resource_path
from substanced.util import get_oid

COOKIE = "gp_voter"
MAX_AGE = 365 * 24 * 3600
#: environ key holding the id given to this request's browser just now
ENVIRON = "govportal.surveys.voter"
VALID = re.compile(r"^[A-Za-z0-9_-]{32}$")


def voter_id(request):
    """The voter id the browser sent (or was just given), or None."""
    given = request.environ.get(ENVIRON)
    if given:
        return given
    value = request.cookies.get(COOKIE, "")
    return value if VALID.match(value or "") else None


def ensure_voter(request):
    """Give the browser a voter id when it has none; returns whether it had one."""
    if voter_id(request) is not None:
        return True
    new = secrets.token_urlsafe(24)
    request.environ[ENVIRON] = new
    request.response.set_cookie(
        COOKIE,
        new,
        max_age=MAX_AGE,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=request.scheme == "https",
    )
    return False


def voter_hash(registry, survey, voter):
    """The key an answer of ``voter`` to ``survey`` is stored under."""
    secret = registry.settings["substanced.secret"].encode("utf-8")
    where = str(get_oid(survey, None) or resource_path(survey)).encode("utf-8")
    message = b"govportal.surveys.voter\x00" + where + b"\x00" + voter.encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
