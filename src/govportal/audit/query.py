"""Searching the audit log: a filter read from the form, newest first.

Times are entered and shown in China time (``DISPLAY_TZ``) and stored in
UTC.  Entry times never decrease along the sequence (:mod:`.store` makes
each at least its predecessor's), so a time range is found by bisecting the
sequence numbers; the other criteria are tested entry by entry within it.
"""

import json
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from ..i18n import _
from ..workflow.history import DISPLAY_TZ
from .actions import ACTION_TITLES, RESULT_TITLES
from .store import parse_stamp, utc_stamp

MAX_TEXT = 100


@dataclass(frozen=True)
class AuditFilter:
    """What to look for; every criterion is optional."""

    start: str = ""  # China time as entered: YYYY-MM-DD or YYYY-MM-DDTHH:MM
    end: str = ""
    actor: str = ""
    action: str = ""
    result: str = ""
    text: str = ""

    def params(self):
        """The filter as query parameters (for links and the export form)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def key(self):
        return json.dumps(self.params(), sort_keys=True, ensure_ascii=False)


def _parse_local(text, end=False):
    """A UTC stamp for China-time ``text``; a date alone means its start
    (or, for the end of a range, the start of the next day)."""
    text = text.strip().replace(" ", "T")
    for fmt, is_date in (
        ("%Y-%m-%d", True),
        ("%Y-%m-%dT%H:%M", False),
        ("%Y-%m-%dT%H:%M:%S", False),
    ):
        try:
            when = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if is_date and end:
            when += timedelta(days=1)
        return utc_stamp(when.replace(tzinfo=DISPLAY_TZ))
    return None


def parse_filter(params):
    """``(AuditFilter, errors)`` from request parameters; errors are
    translation strings."""
    errors = []
    values = {}
    for f in fields(AuditFilter):
        raw = params.get(f.name, "")
        raw = raw.strip() if isinstance(raw, str) else ""
        if len(raw) > MAX_TEXT:
            errors.append(_("audit-filter-too-long", default="查询条件过长（不超过100个字符）。"))
            raw = raw[:MAX_TEXT]
        values[f.name] = raw
    for name in ("start", "end"):
        if values[name] and _parse_local(values[name]) is None:
            errors.append(
                _(
                    "audit-filter-bad-time",
                    default="时间格式不正确，请按“年-月-日”或“年-月-日 时:分”填写。",
                )
            )
            values[name] = ""
    if values["action"] and values["action"] not in ACTION_TITLES:
        errors.append(_("audit-filter-bad-action", default="没有这种操作类型。"))
        values["action"] = ""
    if values["result"] and values["result"] not in RESULT_TITLES:
        errors.append(_("audit-filter-bad-result", default="没有这种操作结果。"))
        values["result"] = ""
    flt = AuditFilter(**values)
    if flt.start and flt.end and _parse_local(flt.start) >= _parse_local(flt.end, end=True):
        errors.append(_("audit-filter-bad-range", default="开始时间必须早于结束时间。"))
    return flt, errors


def _first_seq_at(entries, stamp, lo, hi):
    """The smallest seq in [lo, hi) whose entry's time is >= ``stamp``."""
    while lo < hi:
        mid = (lo + hi) // 2
        try:
            key = entries.minKey(mid)
        except ValueError:
            return hi
        if key >= hi:
            hi = mid
            continue
        if entries[key].data["time"] >= stamp:
            hi = mid
        else:
            lo = key + 1
    return lo


def _matches(data, flt):
    if flt.action and data["action"] != flt.action:
        return False
    if flt.result and data["result"] != flt.result:
        return False
    if flt.actor and flt.actor.lower() not in (data.get("actor") or "").lower():
        return False
    if flt.text:
        haystack = (
            data.get("target", "") + " " + json.dumps(data.get("details"), ensure_ascii=False)
        )
        if flt.text.lower() not in haystack.lower():
            return False
    return True


def search(root, flt, offset=0, limit=50, below=None):
    """Matching entries (dicts), newest first: ``limit`` of them after
    skipping ``offset``, only seqs under ``below`` if given.  ``root`` is the
    :class:`~.store.AuditRoot` or None."""
    found, _resume = search_page(root, flt, limit + offset, below)
    return found[offset:]


def search_page(root, flt, limit=50, below=None, max_scan=None):
    """``(entries, resume)``: up to ``limit`` matching entries, newest first,
    with seqs under ``below``, looking at no more than ``max_scan`` entries;
    ``resume`` is the ``below`` of the next page (None: nothing older)."""
    if root is None or limit <= 0:
        return [], None
    entries = root.entries
    lo, hi = root.anchor_seq + 1, root.head_seq + 1
    if below is not None:
        hi = min(hi, below)
    if flt.start:
        lo = _first_seq_at(entries, _parse_local(flt.start), lo, hi)
    if flt.end:
        hi = _first_seq_at(entries, _parse_local(flt.end, end=True), lo, hi)
    found = []
    scanned = 0
    for seq in range(hi - 1, lo - 1, -1):
        if max_scan is not None and scanned >= max_scan:
            return found, seq + 1
        scanned += 1
        entry = entries.get(seq)
        if entry is None or not _matches(entry.data, flt):
            continue
        found.append(entry.as_dict())
        if len(found) >= limit:
            return found, (seq if seq > lo else None)
    return found, None


def local_time(stamp, fmt="%Y-%m-%d %H:%M:%S"):
    """A stored UTC stamp in China time."""
    return parse_stamp(stamp).astimezone(DISPLAY_TZ).strftime(fmt) if stamp else ""


def details_text(details):
    """``details`` as one readable line: ``key: value; …``."""
    if not details:
        return ""
    if not isinstance(details, dict):
        return str(details)
    parts = []
    for key, value in details.items():
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)
