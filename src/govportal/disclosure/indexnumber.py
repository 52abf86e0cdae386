"""索引号 (index numbers of the disclosure catalogue), issued on first publication.

A document gets its 索引号 when it is published for the first time (the
``ContentTransitioned`` event that enters a listed public state, see
``govportal.workflow.facts.published_by``) if it has
none yet; retracting and publishing again keeps it, and a number is never
issued again — not after the document is deleted, not after the pattern
changes.

Pattern
-------
Each site configures the pattern (索引号设置 on the portal root, see
:mod:`govportal.disclosure.sitesettings`); the default is
:data:`DEFAULT_PATTERN`, ``{organ_code}/{year}-{seq:05d}``, e.g.
``008000001/2026-00017``.  The placeholders (:data:`PLACEHOLDERS`):

``{organ_code}``
    the 机构代码 of the document's department; for the portal's own content
    (and a department with no code) the portal's organ code setting; when
    that is empty too, :data:`UNKNOWN_ORGAN_CODE`.
``{year}``
    the year of the document's 发布日期 (today's year if it has none).
``{seq}``
    the sequence number, counted per (organ code, year) — per the
    placeholders the pattern uses: a pattern without ``{year}`` counts per
    organ code across years, one without ``{organ_code}`` counts for the whole
    site.  Accepts an integer format: ``{seq:05d}`` pads to five digits.

Everything else in the pattern is literal text.  A pattern must contain
``{seq}`` exactly once and may use no other placeholder, attribute, index or
conversion (:func:`check_pattern`).

Concurrency
-----------
Each counter is a :class:`Counter`: a persistent object holding one integer
and **no** conflict resolution.  Two transactions that approve documents of
the same organ and year both read the counter, both write it, and ZODB lets
only the first commit; the second gets a ``ConflictError`` and
``pyramid_retry`` runs its request again from the start, which now reads the
committed value and issues the next number.  So both approvals succeed with
distinct, consecutive numbers (or, if retries run out, the later one fails
and is not published — it never gets a duplicate).  An aborted transaction
takes its increment with it, so no number is skipped either.

A ``BTrees.Length`` counter would be wrong here: its conflict resolution
*merges* concurrent increments (5 + 1 and 5 + 1 → 7), so both transactions
commit — having both formatted and stored the number 6.  Resolution makes a
count correct, not the values read during the transactions.

Counters live in an ``OOBTree`` keyed by (organ code, year); two first
approvals of a new (organ, year) insert the same key, which the BTree's
conflict resolution also refuses, so that race is retried as well.  Every
issued number is also kept (``issued``: number → oid of the document, and
``by_oid``, the reverse; neither is ever pruned): a formatted number that was
issued before — possible after a pattern change, or typed in by hand — is
skipped and the counter moves on, and a document published again gets back
the number it received the first time.
"""

import logging
import re
import string

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import find_root
from substanced.util import get_oid

from ..content.containers import find_department
from ..content.document import IDocument
from ..siteobjects import site_object
from ..sitetime import today as site_today
from ..workflow.facts import published_by

log = logging.getLogger(__name__)

DEFAULT_PATTERN = "{organ_code}/{year}-{seq:05d}"

#: placeholder -> what it stands for (shown in the settings form).
PLACEHOLDERS = {
    "organ_code": "机构代码（部门的机构代码；门户内容用门户机构代码）",
    "year": "发布年份",
    "seq": "流水号（按机构代码和年份分别计数），可写作 {seq:05d} 补足五位",
}

#: The organ code used when neither the department nor the portal has one.
UNKNOWN_ORGAN_CODE = "000000000"

#: The root attribute holding the site's :class:`IndexNumbers`.
REGISTRY_ATTR = "govportal_index_numbers"

#: Root attributes of the two site settings (see .sitesettings).
PATTERN_ATTR = "index_number_pattern"
ORGAN_CODE_ATTR = "portal_organ_code"

#: The longest index number the document form accepts.
MAX_LENGTH = 60

_SEQ_SPEC = re.compile(r"^(0[1-9]d|d)?$")


class PatternError(ValueError):
    """An index-number pattern that cannot be used; the message is Chinese."""


def check_pattern(pattern):
    """Return the placeholders ``pattern`` uses, or raise :class:`PatternError`."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError("索引号格式不能为空。")
    used = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise PatternError("索引号格式中的花括号不匹配；字面花括号请写作 {{ 或 }}。") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS:
            known = "、".join(f"{{{k}}}" for k in PLACEHOLDERS)
            raise PatternError(f"未知的占位符 {{{name}}}，只能使用 {known}。")
        if conversion is not None:
            raise PatternError(f"占位符 {{{name}}} 不能带转换（!{conversion}）。")
        if name == "seq":
            if not _SEQ_SPEC.match(spec or ""):
                raise PatternError("流水号只能写作 {seq}，或 {seq:05d} 这样的补零格式（1至9位）。")
        elif spec:
            raise PatternError(f"占位符 {{{name}}} 不能带格式。")
        used.append(name)
    if used.count("seq") != 1:
        raise PatternError("索引号格式必须包含且只包含一个 {seq}（流水号）。")
    sample = render(pattern, "A" * 18, 2026, 99999)
    if len(sample) > MAX_LENGTH:
        raise PatternError(f"按此格式生成的索引号可能超过{MAX_LENGTH}个字符。")
    return frozenset(used)


def render(pattern, organ_code, year, seq):
    """The index number ``pattern`` gives for these values."""
    return pattern.format(organ_code=organ_code, year=year, seq=seq)


_MISSING = object()


class Counter(Persistent):
    """One sequence counter.  Deliberately without ``_p_resolveConflict``:
    concurrent increments must conflict (see the module docstring)."""

    def __init__(self):
        self.value = 0


class IndexNumbers(Persistent):
    """A site's counters and the record of every number it issued."""

    def __init__(self):
        self.counters = OOBTree()  # (organ_code, year) -> Counter
        self.issued = OOBTree()  # number -> oid of the document (never removed)
        self.by_oid = OOBTree()  # oid of a document -> its number (never removed)

    def counter_value(self, organ_code="", year=""):
        counter = self.counters.get((organ_code, str(year)))
        return 0 if counter is None else counter.value

    def issue(self, pattern, organ_code, year, oid=None):
        """Issue the next number for ``organ_code`` and ``year``."""
        used = check_pattern(pattern)
        key = (organ_code if "organ_code" in used else "", str(year) if "year" in used else "")
        counter = self.counters.get(key)
        if counter is None:
            counter = self.counters[key] = Counter()
        while True:
            counter.value += 1
            number = render(pattern, organ_code, year, counter.value)
            if number not in self.issued:
                break
        self._record(number, oid)
        return number

    def record(self, number, oid):
        """Record a number given by hand (so it is never generated).

        Returns False if ``number`` was already issued to another document.
        """
        owner = self.issued.get(number, _MISSING)
        if owner is not _MISSING and owner != oid:
            return False
        self._record(number, oid)
        return True

    def _record(self, number, oid):
        if self.issued.get(number, _MISSING) != oid:
            self.issued[number] = oid
        if oid is not None and oid not in self.by_oid:
            self.by_oid[oid] = number

    def owner(self, number):
        """The oid of the document ``number`` was issued to (None if never issued)."""
        return self.issued.get(number)

    def was_issued(self, number):
        return number in self.issued

    def number_of(self, oid):
        """The number the document with ``oid`` received first (None if none)."""
        return None if oid is None else self.by_oid.get(oid)


def find_index_numbers(context, create=False):
    """The :class:`IndexNumbers` of ``context``'s site (None if none yet)."""
    return site_object(context, REGISTRY_ATTR, IndexNumbers if create else None)


def site_pattern(root):
    """The site's pattern (:data:`DEFAULT_PATTERN` unless configured).

    A stored pattern that does not pass :func:`check_pattern` (set around the
    settings form) is logged and replaced by the default, so that approvals
    never fail because of it.
    """
    pattern = getattr(root, PATTERN_ATTR, None) or DEFAULT_PATTERN
    try:
        check_pattern(pattern)
    except PatternError as e:
        log.error("invalid index number pattern %r (%s); using the default", pattern, e)
        return DEFAULT_PATTERN
    return pattern


def organ_code_of(resource):
    """The organ code that index numbers of ``resource`` carry."""
    department = find_department(resource)
    code = getattr(department, "organ_code", "") if department is not None else ""
    if not code:
        code = getattr(find_root(resource), ORGAN_CODE_ATTR, "") or ""
    return code or UNKNOWN_ORGAN_CODE


def publication_year(document, today=None):
    published = getattr(document, "publish_date", None)
    if published:
        return published.year
    # the year in China: a document first published at 00:30 on 1 January
    # carries the new year
    return (today or site_today()).year


def issue_index_number(document):
    """Give ``document`` a new 索引号 and return it (it must not have one)."""
    if (document.index_number or "").strip():
        raise ValueError("the document already has an index number")
    root = find_root(document)
    numbers = find_index_numbers(root, create=True)
    number = numbers.issue(
        site_pattern(root),
        organ_code_of(document),
        publication_year(document),
        get_oid(document, None),
    )
    document.index_number = number
    return number


def assign_on_publication(event):
    """Subscriber of ``IContentTransitioned``: number a document's first publication.

    * A document published before keeps the number it received then — also
      when it was changed or cleared while it was back in draft.
    * A document that reaches its first publication with a number typed in
      by hand keeps it, and the number is recorded so it is never generated;
      unless that number was already issued to another document (typed twice,
      or a copy of a published document): then it gets a new one.
    * Otherwise a new number is issued.
    """
    document = event.content
    if not IDocument.providedBy(document) or not published_by(event):
        return
    oid = get_oid(document, None)
    current = (getattr(document, "index_number", "") or "").strip()
    numbers = find_index_numbers(document)
    known = numbers.number_of(oid) if numbers is not None else None
    if known:
        if current != known:
            document.index_number = known
        return
    if current:
        if find_index_numbers(document, create=True).record(current, oid):
            return
        log.warning("索引号 %s was issued to another document; issuing a new one", current)
        document.index_number = ""
    issue_index_number(document)
