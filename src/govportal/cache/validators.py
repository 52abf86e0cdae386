"""HTTP validators: ETags from bodies, Last-Modified from transaction ids.

``Last-Modified`` has a resolution of one second, while several commits may
land in one second.  A page's ``Last-Modified`` is ``L = ceil(time(T))`` for
the transaction id ``T`` its render started from, and it is sent only when
``T`` was seen to still be the last transaction at a time ``r >= L +
CLOCK_MARGIN``.  Any later commit then has a time later than ``L`` and so a
``Last-Modified`` of at least ``L + 1``: an ``If-Modified-Since: L`` can never
match a page that changed after it was sent (see :mod:`govportal.cache`).
Until the margin has passed, answers carry the ETag only.
"""

import hashlib
import math
from email.utils import formatdate, parsedate_to_datetime

from persistent.TimeStamp import TimeStamp

DAY = 86_400
#: China Standard Time (UTC+8, no daylight saving time), in seconds.
CST_OFFSET = 8 * 3600

#: Seconds allowed between the clock that stamps transaction ids (this
#: process for a FileStorage, the ZEO server or database otherwise) and ours.
CLOCK_MARGIN = 1.0


def make_etag(body):
    """A strong ETag for ``body`` (a content hash: equal bodies, equal tags,
    whichever process rendered them; SHA-256 is the fastest hash here)."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header, etag):
    """Weak comparison of ``etag`` with an ``If-None-Match`` header value."""
    header = header.strip()
    if header == "*":
        return True
    opaque = etag[2:] if etag.startswith("W/") else etag
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == opaque:
            return True
    return False


def parse_http_date(value):
    """Seconds since the epoch of an HTTP date, or None if it is malformed."""
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def format_http_date(seconds):
    return formatdate(seconds, usegmt=True)


def tid_seconds(tid):
    """The time (seconds since the epoch) at which transaction ``tid`` committed."""
    return TimeStamp(tid).timeTime()


def last_modified_seconds(tid):
    """``ceil(time(tid))``: the ``Last-Modified`` of content read at ``tid``."""
    return max(0, math.ceil(tid_seconds(tid)))


def may_send_last_modified(lm_seconds, observed_at):
    """True when ``Last-Modified: lm_seconds`` may be sent for content whose
    transaction id was still the last one at time ``observed_at``."""
    return observed_at >= lm_seconds + CLOCK_MARGIN


def day_start(seconds):
    """The start (seconds since the epoch) of the day, in China Standard Time,
    that contains ``seconds``."""
    return (int(seconds + CST_OFFSET) // DAY) * DAY - CST_OFFSET
