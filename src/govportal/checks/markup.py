"""The text of a rich-text body, and changes made to its text nodes only.

A body is split into tags (kept byte for byte) and text nodes (entities
decoded).  :func:`body_text` joins the text nodes into the text the checks
read: inline markup (``<b>5101</b>23…``) does not interrupt it, block
elements (paragraphs, cells, ``<br>``) separate it with a newline, so a
number is never glued across two paragraphs.  The offsets of body findings
refer to that text.

Attributes that reach a visitor are read too (:data:`READ_ATTRIBUTES`: an
image's ``alt``, any ``title``, and the ``href`` of ``tel:``, ``mailto:`` and
``sms:`` links), each as a paragraph of its own placed where its tag is.
Tables are read by row as well: a header cell that is a label (姓名,
申请人, 住址 …) makes the cells under it names or addresses
(:func:`~govportal.checks.personal.labelled_cells`).

:func:`mask_personal_data` changes text nodes and those attributes, and
writes what it changes back escaped; :func:`highlight` changes text nodes
only.  Nodes they do not change are kept as they were.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..i18n import _
from ..search.extract import BLOCK_TAGS, SKIP_TAGS
from .findings import BODY, EXTERNAL_LINK, KIND_TITLES, Finding, context_of, render
from .personal import find_personal_data, labelled_cells, mask

# A comment, a declaration, or a tag whose quoted attribute values may hold ">".
_TAG = re.compile(
    r"<!--.*?-->|<[!?][^>]*>|</?[A-Za-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.S
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ATTRIBUTE = re.compile(r"""\s([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")

#: Attributes whose value a visitor reads (a tooltip, an image's text
#: alternative); ``href`` only for these schemes, whose value is shown or
#: dialled as it is.
READ_ATTRIBUTES = frozenset({"alt", "title"})
READ_HREF_SCHEMES = ("tel:", "mailto:", "sms:")

#: What separates block elements in :func:`body_text`.
BLOCK_SEPARATOR = "\n"


@dataclass
class _Attribute:
    text: str  # the decoded value
    start: int  # offset of the value in body_text()
    raw_start: int  # the value's place in the tag's markup
    raw_end: int
    quote: str  # '"', "'" or "" (unquoted)


@dataclass
class _Node:
    raw: str  # the markup as written
    text: str | None  # decoded text of a text node, None for a tag
    start: int = -1  # offset of the text in body_text()
    tag: str = ""  # lower-case tag name ("/p" for an end tag)
    attributes: list = None  # readable attributes of a start tag (_Attribute)


def _readable_attributes(raw):
    """``(value, raw_start, raw_end, quote)`` of the attributes of a start
    tag that a visitor reads."""
    found = []
    for m in _ATTRIBUTE.finditer(raw):
        name = m.group(1).lower()
        group = next(i for i in (2, 3, 4) if m.group(i) is not None)
        value = html.unescape(m.group(group))
        if name == "href":
            if not value.strip().lower().startswith(READ_HREF_SCHEMES):
                continue
        elif name not in READ_ATTRIBUTES:
            continue
        quote = {2: '"', 3: "'", 4: ""}[group]
        found.append((value, m.start(group), m.end(group), quote))
    return found


def _parse(markup):
    """Split ``markup`` into :class:`_Node` s; give text nodes their offsets."""
    nodes = []
    position = 0
    offset = 0
    skipping = None

    def add_text(raw):
        nonlocal offset
        if skipping:
            nodes.append(_Node(raw, None))
            return
        text = html.unescape(raw)
        nodes.append(_Node(raw, text, offset))
        offset += len(text)

    for m in _TAG.finditer(markup):
        if m.start() > position:
            add_text(markup[position : m.start()])
        raw = m.group()
        name_match = _TAG_NAME.match(raw)
        name = name_match.group(1).lower() if name_match else ""
        closing = raw.startswith("</")
        node = _Node(raw, None, tag=("/" + name) if closing else name)
        nodes.append(node)
        if skipping:
            if closing and name == skipping:
                skipping = None
        elif name in SKIP_TAGS and not closing and not raw.endswith("/>"):
            skipping = name
        else:
            if name in BLOCK_TAGS:
                node.start = offset
                offset += len(BLOCK_SEPARATOR)
            if not closing and name:
                for value, raw_start, raw_end, quote in _readable_attributes(raw):
                    if node.attributes is None:
                        node.attributes = []
                    offset += len(BLOCK_SEPARATOR)
                    node.attributes.append(_Attribute(value, offset, raw_start, raw_end, quote))
                    offset += len(value) + len(BLOCK_SEPARATOR)
        position = m.end()
    if position < len(markup):
        add_text(markup[position:])
    return nodes


def _text_of(nodes):
    parts = []
    for node in nodes:
        if node.text is not None:
            parts.append(node.text)
            continue
        if node.start >= 0:
            parts.append(BLOCK_SEPARATOR)
        for attribute in node.attributes or ():
            parts.append(BLOCK_SEPARATOR + attribute.text + BLOCK_SEPARATOR)
    return "".join(parts)


def _table_rows(nodes, text):
    """The rows of every table of the body: lists of ``(text, start, end)``
    cells, offsets in :func:`body_text` (a nested table's rows are listed
    too; its text is also part of the outer cell)."""
    rows = []
    stack = []  # per open table: (current row or None, cell start or None)
    for node in nodes:
        if node.tag == "table":
            stack.append([None, None])
        elif node.tag == "/table" and stack:
            stack.pop()
        elif not stack:
            continue
        elif node.tag == "tr":
            stack[-1][0] = []
            rows.append(stack[-1][0])
        elif node.tag in ("td", "th") and stack[-1][0] is not None:
            stack[-1][1] = node.start + len(BLOCK_SEPARATOR)
        elif node.tag in ("/td", "/th") and stack[-1][1] is not None:
            start, end = stack[-1][1], node.start
            stack[-1][0].append((text[start:end], start, end))
            stack[-1][1] = None
    return [row for row in rows if row]


def body_personal_data(markup):
    """``(text, spans)``: the text the checks read in ``markup`` and its
    personal data (:func:`~govportal.checks.personal.find_personal_data`,
    with names and addresses under a table's label headers)."""
    nodes = _parse(markup or "")
    text = _text_of(nodes)
    return text, find_personal_data(text, labelled_cells(_table_rows(nodes, text)))


def body_text(markup):
    """The text that the checks read in a rich-text body (see module doc)."""
    return _text_of(_parse(markup or ""))


def _escape(text):
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def _serialise(nodes):
    return "".join(node.raw for node in nodes)


# -- masking ------------------------------------------------------------------------------


def mask_personal_data(markup):
    """``(new_markup, count)``: personal data in the text of ``markup`` masked (G7).

    Only text nodes change; a number split by inline tags is masked in
    every piece.  Masks have the length of what they replace.
    """
    if not markup:
        return markup, 0
    nodes = _parse(markup)
    text = _text_of(nodes)
    spans = find_personal_data(text, labelled_cells(_table_rows(nodes, text)))
    if not spans:
        return markup, 0
    chars = list(text)
    for kind, start, end in spans:
        chars[start:end] = mask(kind, text[start:end])
    for node in nodes:
        if node.text:
            new = "".join(chars[node.start : node.start + len(node.text)])
            if new != node.text:
                node.raw = _escape(new)
                node.text = new
        for attribute in reversed(node.attributes or ()):
            new = "".join(chars[attribute.start : attribute.start + len(attribute.text)])
            if new != attribute.text:
                value = html.escape(new, quote=True)
                if not attribute.quote:
                    value = f'"{value}"'
                node.raw = node.raw[: attribute.raw_start] + value + node.raw[attribute.raw_end :]
    return _serialise(nodes), len(spans)


# -- external links ---------------------------------------------------------------------------


def is_government_host(host):
    host = (host or "").lower().rstrip(".")
    return host == "gov.cn" or host.endswith(".gov.cn")


def _href(raw):
    m = _HREF.search(raw)
    if m is None:
        return None
    return html.unescape(next(g for g in m.groups() if g is not None)).strip()


def _external_host(url):
    """The host of ``url`` if a browser would follow it off ``.gov.cn``
    (absolute, or protocol-relative like ``//evil.example/x``: see
    :func:`govportal.public.links.web_url`)."""
    from ..public.links import web_url

    url = web_url(url)
    if url is None:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return None if is_government_host(host) else host


def external_links(markup, request=None):
    """Findings for ``<a href>`` links in ``markup`` to hosts outside ``.gov.cn``.

    ``text`` is the URL; ``start``/``end`` span the link's text in
    :func:`body_text`; ``context`` is the link's text.
    """
    nodes = _parse(markup or "")
    findings = []
    current = None  # (url, host, start, [texts])
    for node in nodes:
        if node.tag == "a":
            url = _href(node.raw)
            host = _external_host(url) if url else None
            current = (url, host, None, []) if host else None
        elif node.tag == "/a":
            if current is not None:
                url, host, start, texts = current
                label = "".join(texts).strip()
                start = start if start is not None else 0
                findings.append(
                    Finding(
                        kind=EXTERNAL_LINK,
                        text=url,
                        start=start,
                        end=start + len("".join(texts)),
                        where=BODY,
                        suggestion=host,
                        context=label,
                        message=render(
                            _(
                                "checks-external-link",
                                default="链接到政府网站以外的网站（${host}），请核实。",
                                mapping={"host": host},
                            ),
                            request,
                        ),
                    )
                )
            current = None
        elif node.text is not None and current is not None:
            if current[2] is None:
                current = (current[0], current[1], node.start, current[3])
            current[3].append(node.text)
    return findings


# -- highlighting -----------------------------------------------------------------------------


def _locate(text, findings):
    """Non-overlapping ``(start, end, finding)`` spans of body findings in ``text``.

    A finding whose offsets no longer match ``text`` (the body changed since
    the report) is looked up by its matched text instead.
    """
    spans = []
    for f in findings:
        if f.where != BODY or f.kind == EXTERNAL_LINK or not f.text:
            continue
        if 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.text:
            spans.append((f.start, f.end, f))
            continue
        position = text.find(f.text)
        while position >= 0:
            spans.append((position, position + len(f.text), f))
            position = text.find(f.text, position + len(f.text))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen = []
    for span in spans:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def _title(finding):
    """The tooltip of a highlighted finding (plain text, escaped by the caller)."""
    if finding.message:
        return finding.message
    label = KIND_TITLES[finding.kind].default
    if finding.suggestion:
        return f"{label}：建议改为“{finding.suggestion}”"
    if finding.masked:
        return f"{label}：发布前须遮盖为 {finding.masked}"
    return label


def _open(finding):
    return f'<mark class="check-{finding.kind}" title="{html.escape(_title(finding))}">'


def highlight(markup, findings):
    """``markup`` with the text of ``findings`` wrapped in ``<mark>``.

    Each mark has the class ``check-<kind>`` and a ``title`` explaining the
    finding.  Only text nodes are wrapped (a finding split by inline tags
    gets a mark per piece); external links get their link text marked.
    Everything inserted is escaped.
    """
    if not markup:
        return markup or ""
    nodes = _parse(markup)
    text = _text_of(nodes)
    spans = _locate(text, findings)
    links = {f.text: f for f in findings if f.kind == EXTERNAL_LINK and f.where == BODY}
    link = None
    out = []
    index = 0
    for node in nodes:
        if node.tag == "a":
            url = _href(node.raw)
            link = links.get(url) if url else None
        elif node.tag == "/a":
            link = None
        if not node.text:
            out.append(node.raw)
            continue
        node_start, node_end = node.start, node.start + len(node.text)
        while index < len(spans) and spans[index][1] <= node_start:
            index += 1
        pieces = []
        cursor = node_start
        i = index
        while i < len(spans) and spans[i][0] < node_end:
            start, end, finding = spans[i]
            start, end = max(start, node_start), min(end, node_end)
            if start > cursor:
                pieces.append(_escape(text[cursor:start]))
            pieces.append(_open(finding) + _escape(text[start:end]) + "</mark>")
            cursor = end
            if spans[i][1] > node_end:
                break  # the span goes on in the next text node
            i += 1
        if not pieces:
            piece = node.raw
        else:
            if cursor < node_end:
                pieces.append(_escape(text[cursor:node_end]))
            piece = "".join(pieces)
        if link is not None:
            piece = _open(link) + piece + "</mark>"
        out.append(piece)
    return "".join(out)


def body_context(text, start, end, shown=None):
    """:func:`~govportal.checks.findings.context_of` for body text."""
    return context_of(text, start, end, shown).replace(BLOCK_SEPARATOR, " ")
