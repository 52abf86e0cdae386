"""Side-by-side comparison of two snapshots of a document.

:func:`compare_snapshots` compares field by field.  The rich-text body is
compared as text: it is split into blocks (paragraphs, headings, list items,
table cells, line breaks) and each block into sentences at Chinese (and
Western) sentence ends; sentences are aligned with :mod:`difflib`, and
changed sentences are compared character by character, the removed
characters wrapped in ``<del>`` on the left and the added ones in ``<ins>``
on the right.  Every text is HTML-escaped before any tag is added; the
results are :class:`HTML` strings that Chameleon inserts as they are.

The result is a :class:`Comparison`; the macro ``comparison`` in
``templates/diff.pt`` renders it (see :func:`diff_macros`).
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from html.parser import HTMLParser

from substanced.util import find_objectmap

from ..content.document import VALIDITY_TITLES
from ..i18n import _
from .snapshot import attachment_key, field_titles, is_form_internal, take_snapshot
from .store import note_text

#: Character comparisons above this size (len(a) * len(b)) show the whole
#: sentence as removed and added instead (difflib is quadratic).
MAX_INLINE_WORK = 4_000_000

BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
_SENTENCE = re.compile(r".+?(?:[。！？；!?;…]+[”’」』）)\"']*|$)", re.S)
_SPACE = re.compile(r"\s+")
#: Fields holding the oid of another document (govportal.disclosure.links).
LINK_FIELDS = ("replaced_by", "interprets")


class HTML(str):
    """A string of markup that templates insert without escaping again."""

    def __html__(self):
        return str(self)


@dataclass
class Row:
    """One line of a side-by-side comparison: ``kind`` is ``equal``,
    ``delete`` (only on the left), ``insert`` (only on the right) or
    ``replace`` (both, with inline marks)."""

    kind: str
    left: HTML
    right: HTML


@dataclass
class FieldChange:
    name: str
    title: str
    changed: bool
    rows: list = field(default_factory=list)


@dataclass
class AttachmentChange:
    """``kind``: ``added``, ``removed``, ``changed`` or ``unchanged``; ``old``
    and ``new`` are the attachment records (dicts) or None."""

    kind: str
    name: str
    old: dict | None
    new: dict | None


@dataclass
class Comparison:
    old_label: str
    new_label: str
    fields: list
    attachments: list

    @property
    def changed(self):
        return any(f.changed for f in self.fields) or any(
            a.kind != "unchanged" for a in self.attachments
        )

    @property
    def changed_fields(self):
        return [f for f in self.fields if f.changed]

    @property
    def unchanged_fields(self):
        return [f for f in self.fields if not f.changed]

    @property
    def changed_attachments(self):
        return [a for a in self.attachments if a.kind != "unchanged"]


# -- text of rich text ------------------------------------------------------------


class _BlockText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self._current = []
        self._skip = 0

    def _flush(self):
        text = _SPACE.sub(" ", "".join(self._current)).strip()
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()
        elif tag == "img":
            attrs = dict(attrs)
            label = attrs.get("alt") or (attrs.get("src") or "").rsplit("/", 1)[-1]
            self._current.append(f"［图片：{label}］")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._current.append(data)

    def close(self):
        super().close()
        self._flush()


def html_blocks(html):
    """The text blocks of a piece of rich text, in order."""
    parser = _BlockText()
    parser.feed(html or "")
    parser.close()
    return parser.blocks


def sentences(text):
    """``text`` split after each sentence end (。！？； …), keeping the marks."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def html_segments(html):
    """The sentences of a piece of rich text, block by block."""
    return [s for block in html_blocks(html) for s in sentences(block)]


# -- inline and side-by-side -------------------------------------------------------


def inline_diff(old, new):
    """``(left, right)`` HTML of two strings, the changes marked inline."""
    if old == new:
        return HTML(escape(old)), HTML(escape(new))
    if len(old) * len(new) > MAX_INLINE_WORK:
        return _wrap("del", old), _wrap("ins", new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(_wrap("del", old[i1:i2]))
        if j2 > j1:
            right.append(_wrap("ins", new[j1:j2]))
    return HTML("".join(left)), HTML("".join(right))


def _wrap(tag, text):
    return HTML(f"<{tag}>{escape(text)}</{tag}>") if text else HTML("")


def side_by_side(old_segments, new_segments):
    """Rows aligning two lists of text segments."""
    rows = []
    matcher = difflib.SequenceMatcher(None, old_segments, new_segments, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_segments[i1:i2], new_segments[j1:j2]
        if op == "equal":
            rows.extend(Row("equal", HTML(escape(s)), HTML(escape(s))) for s in olds)
            continue
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for a, b in zip(olds[:paired], news[:paired], strict=True):
            left, right = inline_diff(a, b)
            rows.append(Row("replace", left, right))
        rows.extend(Row("delete", _wrap("del", s), HTML("")) for s in olds[paired:])
        rows.extend(Row("insert", HTML(""), _wrap("ins", s)) for s in news[paired:])
    return rows


# -- fields ---------------------------------------------------------------------


def display_value(name, value, context=None):
    """How a field value reads in a comparison (``context``: a resource of
    the site, to show a linked document's title instead of its oid)."""
    if value is None:
        return ""
    if name in LINK_FIELDS and isinstance(value, int) and context is not None:
        objectmap = find_objectmap(context)
        target = objectmap.object_for(value) if objectmap is not None else None
        return getattr(target, "title", "") or str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if name == "validity":
        return VALIDITY_TITLES.get(value, value)
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(display_value(name, v, context) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def compare_field(name, title, old, new, context=None):
    """A :class:`FieldChange` for one field."""
    if name == "body":
        old_segments, new_segments = html_segments(old), html_segments(new)
        changed = old_segments != new_segments
        return FieldChange(name, title, changed, side_by_side(old_segments, new_segments))
    old_text, new_text = display_value(name, old, context), display_value(name, new, context)
    changed = old != new and old_text != new_text
    if not changed:
        return FieldChange(name, title, False, [Row("equal", *inline_diff(old_text, new_text))])
    if not old_text:
        return FieldChange(name, title, True, [Row("insert", HTML(""), _wrap("ins", new_text))])
    if not new_text:
        return FieldChange(name, title, True, [Row("delete", _wrap("del", old_text), HTML(""))])
    return FieldChange(name, title, True, [Row("replace", *inline_diff(old_text, new_text))])


def compare_attachments(old_records, new_records):
    """:class:`AttachmentChange` per attachment name, in name order."""
    old = {r["name"]: r for r in old_records}
    new = {r["name"]: r for r in new_records}
    changes = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a is None:
            kind = "added"
        elif b is None:
            kind = "removed"
        elif attachment_key(a) != attachment_key(b):
            kind = "changed"
        else:
            kind = "unchanged"
        changes.append(AttachmentChange(kind, name, a, b))
    return changes


def compare_snapshots(old, new, old_label="", new_label="", context=None):
    """Compare two snapshots (``{"fields", "attachments"}``) side by side.

    Fields are taken in the current schema's order, then any field only one
    snapshot has (a field added or removed since).  ``context`` (a resource
    of the site) lets linked documents show by title.
    """
    titles = field_titles()
    names = list(titles)
    for name in list(old["fields"]) + list(new["fields"]):
        if name not in names and not is_form_internal(name):
            names.append(name)
    fields = [
        compare_field(
            name,
            titles.get(name, name),
            old["fields"].get(name),
            new["fields"].get(name),
            context,
        )
        for name in names
    ]
    return Comparison(
        old_label=old_label,
        new_label=new_label,
        fields=fields,
        attachments=compare_attachments(old["attachments"], new["attachments"]),
    )


def revision_label(request, revision):
    """``第 3 版（2026-11-27 10:20 jyj_editor）`` as a translated string."""
    return note_text(
        request,
        _(
            "revision-label",
            default="第 ${number} 版（${when} ${user}）",
            mapping={
                "number": revision.number,
                "when": revision.local_when.strftime("%Y-%m-%d %H:%M"),
                "user": revision.user_name or "",
            },
        ),
    )


def compare_revisions(document, old_revision, new_revision, request=None):
    """Compare two :class:`~govportal.revisions.store.Revision` objects."""
    return compare_snapshots(
        old_revision.snapshot,
        new_revision.snapshot,
        revision_label(request, old_revision),
        revision_label(request, new_revision),
        context=document,
    )


def compare_working_copy(working_copy, request=None):
    """Compare a working copy (right) with its live document as it is now (left)."""
    from .workingcopy import live_document

    live = live_document(working_copy)
    return compare_snapshots(
        take_snapshot(live),
        take_snapshot(working_copy),
        note_text(request, _("diff-live", default="线上版本")),
        note_text(request, _("diff-working-copy", default="工作副本")),
        context=working_copy,
    )


def diff_macros():
    """The macros of ``templates/diff.pt`` (``comparison``), for templates
    that show a comparison: ``<div metal:use-macro="diff_macros['comparison']">``
    with ``comparison`` defined."""
    from pyramid.renderers import get_renderer

    return get_renderer("govportal.revisions:templates/diff.pt").implementation().macros
