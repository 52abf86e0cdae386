"""One-time submission tokens: issued with a form, checked when it comes back.

A token is ``<kind>.<issued>.<nonce>.<signature>``:

``kind``
    which submission it may be used for (``apply``, ``ws-add`` …);
``issued``
    when it was issued (seconds since the epoch, hexadecimal);
``nonce``
    128 random bits, so that every form shown gets its own token;
``signature``
    HMAC-SHA256 of the three, keyed by the site's secret and bound to the
    session (its CSRF token): a token made up, altered, issued for another
    kind of submission or taken from another visitor's session is refused.

Issuing writes nothing (a GET stays a GET); the ledger (:mod:`.ledger`)
records a token only when the submission it carries is stored.
"""

import base64
import hashlib
import hmac
import re
import secrets
import time

#: The form field and the request header that carry a token.
FIELD = "submission_token"
HEADER = "X-Submission-Token"

KIND = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
TOKEN = re.compile(
    r"^([a-z][a-z0-9-]{0,31})\.([0-9a-f]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$"
)
#: Longest token accepted (anything longer is refused before any work).
MAX_LENGTH = 120


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _key(registry, purpose):
    secret = registry.settings["substanced.secret"]
    return hmac.new(secret.encode("utf-8"), purpose.encode("ascii"), hashlib.sha256).digest()


def _binding(request):
    """What ties a token to the visitor: the session's CSRF token."""
    return request.session.get_csrf_token()


def _sign(registry, payload, binding):
    mac = hmac.new(
        _key(registry, "govportal.submissions.token.v1"),
        f"{payload}|{binding}".encode(),
        hashlib.sha256,
    )
    return _b64(mac.digest()[:16])


def make(request, kind, now=None):
    """A new token for a submission of ``kind``, bound to the session."""
    if not KIND.match(kind):
        raise ValueError(f"bad submission kind {kind!r}")
    issued = int(time.time() if now is None else now)
    payload = f"{kind}.{issued:x}.{_b64(secrets.token_bytes(16))}"
    return f"{payload}.{_sign(request.registry, payload, _binding(request))}"


class Parsed:
    """A token whose signature matched: its kind, issue time and ledger key."""

    def __init__(self, token, kind, issued):
        self.token = token
        self.kind = kind
        self.issued = issued
        self.digest = hashlib.sha256(token.encode("ascii")).hexdigest()


def parse(request, token):
    """The :class:`Parsed` token, or None when it is malformed, forged or
    bound to another session (compared in constant time)."""
    if not token or len(token) > MAX_LENGTH:
        return None
    match = TOKEN.match(token)
    if match is None:
        return None
    kind, issued, _nonce, signature = match.groups()
    payload = token.rsplit(".", 1)[0]
    expected = _sign(request.registry, payload, _binding(request))
    if not hmac.compare_digest(expected, signature):
        return None
    return Parsed(token, kind, int(issued, 16))


def derive(registry, token, purpose, length=32):
    """``length`` bytes only the holder of ``token`` (and the server) can
    compute: e.g. a tracking code shown again on a replay without being
    stored."""
    mac = hmac.new(_key(registry, "govportal.submissions.derive.v1"), digestmod=hashlib.sha256)
    mac.update(purpose.encode("utf-8") + b"\x00" + token.encode("ascii"))
    digest = mac.digest()
    while len(digest) < length:
        digest += hashlib.sha256(digest).digest()
    return digest[:length]
