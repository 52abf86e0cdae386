"""The part of a page that tamper detection compares: its *region*.

A document's page shows, besides the approved text, things that change
legitimately when *other* items change: the site's navigation, the lists of
related documents (a new 政策解读 links back), the print link and QR code.
Comparing the whole page would alarm at every publication, so only the
document's own content is compared: inside ``<main>`` (the skin layout's
stable marker), the metadata table (``table.disclosure-meta``: 索引号, 文号,
发布机构 …), the ``<article>`` (title, byline, body) and the attachment list
(``section.attachments``).  Pages that are not documents (home, department
and column pages) have no such region: their whole ``<main>`` is compared,
but only with a fresh render of the same moment, never with a baseline.

The region is serialised with lxml, absolute links to the site's own hosts
are made path-only (the public host, the host a sweep fetched from, the one
an in-process render used may differ, the page does not), and runs of
whitespace are collapsed; its SHA-256 is the fingerprint.
"""

import difflib
import hashlib
import re
import zlib

import lxml.html

#: CSS classes / tags of a document page's region, in page order
DOCUMENT_PARTS = (
    ("table", "disclosure-meta"),
    ("article", None),
    ("section", "attachments"),
)
#: lines of a unified diff kept as evidence
DIFF_LINES = 80

_SPACE = re.compile(r"\s+")
_BETWEEN_TAGS = re.compile(r">\s+<")


def _has_class(element, name):
    return name in (element.get("class") or "").split()


def _main(tree):
    found = tree.xpath("//main")
    return found[0] if found else None


def extract(html, document=True, own_prefixes=()):
    """The normalised region text of ``html`` (a page, str or bytes), or ""
    when the page has no ``<main>``.  ``own_prefixes`` are the site's own
    base URLs (``https://www.example.gov.cn``): links under them become
    path-only."""
    if not html:
        return ""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    main = _main(tree)
    if main is None:
        return ""
    if document:
        parts = []
        for element in main.iter():
            for tag, css in DOCUMENT_PARTS:
                if element.tag == tag and (css is None or _has_class(element, css)):
                    parts.append(element)
        chunks = [lxml.html.tostring(e, encoding="unicode", with_tail=False) for e in parts]
    else:
        chunks = [lxml.html.tostring(main, encoding="unicode", with_tail=False)]
    text = "\n".join(chunks)
    for prefix in own_prefixes:
        if prefix:
            text = text.replace(prefix.rstrip("/") + "/", "/")
    return _BETWEEN_TAGS.sub("><", _SPACE.sub(" ", text)).strip()


def digest(text):
    """SHA-256 (hex) of a region text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack(text):
    """The region text compressed for keeping (evidence and diffs)."""
    return zlib.compress(text.encode("utf-8"), 9)


def unpack(data):
    return zlib.decompress(data).decode("utf-8") if data else ""


def _lines(text):
    # one element per line: diffs of one long line say nothing
    return text.replace("><", ">\n<").splitlines()


def unified_diff(expected, actual, limit=DIFF_LINES):
    """A unified diff of two region texts (first ``limit`` lines)."""
    lines = list(
        difflib.unified_diff(
            _lines(expected), _lines(actual), "已审核版本", "实际内容", lineterm="", n=1
        )
    )
    if len(lines) > limit:
        lines = lines[:limit] + [f"…（另有 {len(lines) - limit} 行）"]
    return "\n".join(lines)


def first_lines(text, count=5, width=200):
    """The first lines of a region text, for the alarm mail."""
    return "\n".join(line[:width] for line in _lines(text)[:count])
