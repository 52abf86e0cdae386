"""An accessible challenge for the public letter form (no outside service).

The form asks a short question in Chinese that a screen reader reads like
any other label ("七加五等于几？"); the answer is typed as a number, in
Arabic or Chinese numerals, half- or full-width.  Nothing is stored when
the question is shown: the form carries a token

    ``<issued hex>.<nonce>.<signature>``

whose signature is an HMAC (keyed by the site's secret) of the issue time,
the nonce, the session's CSRF token and the expected answer.  Checking an
answer recomputes the signature with what was typed, so a token made up,
altered, taken from another session or answered wrongly is refused alike.
A token is good for ``govportal.interaction.challenge_minutes`` (default 30)
and once: :func:`consume` records its nonce in a tree on the portal root in
the transaction that stores the letter, so a solved challenge cannot be
reused for another letter (a replay of the same submission is answered
from the submissions ledger before the challenge is looked at).
"""

import base64
import hashlib
import hmac
import re
import secrets
import time

from pyramid.traversal import find_root

from ...i18n import _
from ...private_stores import root_tree
from ...submissions.ledger import cutoff_key, prune_tree

#: The form fields carrying the token and the answer.
TOKEN_FIELD = "challenge_token"  # noqa: S105 (a field name)
ANSWER_FIELD = "challenge_answer"
#: The root attribute holding the nonces of challenges already used.
USED_ATTR = "govportal_letter_challenges"
MINUTES_SETTING = "govportal.interaction.challenge_minutes"
DEFAULT_MINUTES = 30
HOUR = 3600

DIGITS = "零一二三四五六七八九十"
TOKEN = re.compile(r"^([0-9a-f]{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$")

WRONG = _("letters-challenge-wrong", default="验证问题回答不正确，请重新计算后填写。")
EXPIRED = _(
    "letters-challenge-expired",
    default="验证问题已过期，请回答页面上新的验证问题后再提交。",
)
USED = _(
    "letters-challenge-used",
    default="该验证问题已经使用过，请回答页面上新的验证问题后再提交。",
)


class ChallengeFailed(ValueError):
    """The answer is refused; ``args[0]`` is the message."""


def chinese(n):
    """``n`` (0–99) in Chinese numerals as people write them (十二, 二十, 三十五)."""
    if n <= 10:
        return DIGITS[n]
    tens, units = divmod(n, 10)
    text = ("" if tens == 1 else DIGITS[tens]) + "十"
    return text + (DIGITS[units] if units else "")


def _question(rng):
    """``(question, answer)``: a sum, a difference or a small product."""
    kind = rng.randrange(3)
    if kind == 0:
        a, b = rng.randint(1, 9), rng.randint(1, 9)
        return f"{chinese(a)}加{chinese(b)}等于几？", a + b
    if kind == 1:
        a = rng.randint(5, 19)
        b = rng.randint(1, a - 1)
        return f"{chinese(a)}减{chinese(b)}等于几？", a - b
    a, b = rng.randint(2, 5), rng.randint(2, 5)
    return f"{chinese(a)}乘以{chinese(b)}等于几？", a * b


def normalise_answer(text):
    """What was typed as a number string ('' when it is none): Arabic
    digits (full-width folded) or Chinese numerals up to 99."""
    text = (text or "").strip().translate({0xFF10 + i: 0x30 + i for i in range(10)})
    text = text.replace(" ", "").replace("\u3000", "").rstrip("。.")
    if text.isdigit() and len(text) <= 3:
        return str(int(text))
    text = text.replace("两", "二").replace("〇", "零")
    if not text or any(ch not in DIGITS for ch in text) or len(text) > 3:
        return ""
    for n in range(100):
        if chinese(n) == text or (n < 20 and n >= 10 and "一" + chinese(n) == text):
            return str(n)
    return ""


def _now():
    """Seconds since the epoch (tests move it)."""
    return time.time()


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _sign(request, issued_hex, nonce, answer):
    secret = request.registry.settings["substanced.secret"].encode("utf-8")
    key = hmac.new(secret, b"govportal.letters.challenge.v1", hashlib.sha256).digest()
    binding = request.session.get_csrf_token()
    payload = f"{issued_hex}.{nonce}.{binding}.{answer}".encode()
    return _b64(hmac.new(key, payload, hashlib.sha256).digest()[:16])


def issue(request, now=None, rng=None):
    """A new challenge: ``{"question", "token"}`` (nothing stored)."""
    rng = rng or secrets.SystemRandom()
    question, answer = _question(rng)
    issued_hex = f"{int(_now() if now is None else now):x}"
    nonce = _b64(secrets.token_bytes(12))
    token = f"{issued_hex}.{nonce}.{_sign(request, issued_hex, nonce, str(answer))}"
    return {"question": question, "token": token}


def max_age(registry):
    try:
        minutes = int(registry.settings.get(MINUTES_SETTING) or DEFAULT_MINUTES)
    except (TypeError, ValueError):
        minutes = DEFAULT_MINUTES
    return max(1, minutes) * 60


def check(request, token, answer, now=None):
    """The nonce key of a correctly answered, unexpired challenge; raises
    :class:`ChallengeFailed` (wrong or forged: :data:`WRONG`, too old:
    :data:`EXPIRED`).  Nothing is written."""
    match = TOKEN.match(token or "") if isinstance(token, str) else None
    if match is None:
        raise ChallengeFailed(WRONG)
    issued_hex, nonce, signature = match.groups()
    expected = _sign(request, issued_hex, nonce, normalise_answer(answer))
    if not hmac.compare_digest(expected, signature):
        raise ChallengeFailed(WRONG)
    age = (_now() if now is None else now) - int(issued_hex, 16)
    if age > max_age(request.registry) or age < -300:
        raise ChallengeFailed(EXPIRED)
    return f"{int(issued_hex, 16) // HOUR:08d}:{nonce}"


def consume(request, key):
    """Record the challenge ``key`` as used (in the request's transaction);
    raises :class:`ChallengeFailed` (:data:`USED`) when it was used before."""
    used = root_tree(find_root(request.context), USED_ATTR, create=True)
    if key in used:
        raise ChallengeFailed(USED)
    used[key] = 1


def prune(root, request):
    """Periodic job: forget used challenges older than twice their lifetime."""
    cutoff = cutoff_key(_now(), 2 * max_age(request.registry))
    return prune_tree(getattr(root, USED_ATTR, None), cutoff)
