"""Plain text of document bodies (HTML) and attachments (PDF, DOCX, XLSX, …).

Paragraphs are joined by U+2029 (PARAGRAPH SEPARATOR), which the splitter
treats as a separator like any other and snippets show as a space.  Line breaks
*inside* Chinese text (PDF lines, HTML source lines) are removed, so that a
compound broken over two lines is still one phrase.

Extraction never raises: a damaged or unsupported file gives ``""`` (and a
log line).  Sizes are bounded (:data:`MAX_CHARS` per attachment,
:data:`MAX_PAGES` PDF pages, :data:`MAX_UNZIPPED` bytes unpacked from an
Office file), and :func:`extract_text` / :func:`attachment_extraction` run
the parsers in a child process bounded in time and memory, behind a zip-bomb
guard (:mod:`govportal.hardening.sandbox`), so that a hostile upload cannot
exhaust the indexer or the pre-publication checks.

This module is also imported inside that child, without the rest of the
application: it imports nothing from govportal at module level but the
splitter.
"""

import io
import logging
import re
import zipfile
from html.parser import HTMLParser

from .splitter import CJK_CLASS

log = logging.getLogger(__name__)

PARA = "\u2029"
MAX_CHARS = 200_000
MAX_PAGES = 300
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_CELLS = 200_000
#: Bytes of an attachment read for extraction (uploads are limited to 50 MB).
MAX_READ = 60 * 1024 * 1024

_CJK_BREAK = re.compile(
    rf"(?<=[{CJK_CLASS}])[ \t\r\f\v\u3000]*\n[ \t\r\f\v\u3000\n]*(?=[{CJK_CLASS}])"
)
_SPACES = re.compile(r"[ \t\r\n\f\v\u3000\xa0\u200b]+")


def clean_text(text):
    """Collapse whitespace; drop line breaks between CJK characters; keep
    paragraph separators; strip control characters."""
    text = text.replace("\x00", "")
    text = _CJK_BREAK.sub("", text)
    paragraphs = []
    for para in text.split(PARA):
        para = _SPACES.sub(" ", para).strip()
        if para:
            paragraphs.append(para)
    return PARA.join(paragraphs)


def _limit(text):
    return text[:MAX_CHARS]


# -- HTML -----------------------------------------------------------------

BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(PARA)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(PARA)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(PARA)

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup):
    """The text of an HTML fragment, paragraphs separated by U+2029."""
    if not markup:
        return ""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # pragma: no cover - HTMLParser is lenient
        log.warning("could not parse HTML body", exc_info=True)
    return clean_text("".join(parser.parts))


# -- attachments ----------------------------------------------------------


def _zip_ok(data):
    """True if ``data`` is a zip whose members unpack to a reasonable size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return total <= MAX_UNZIPPED


def pdf_text(data):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    parts = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or size >= MAX_CHARS:
            break
        try:
            text = page.extract_text() or ""
        except Exception:
            log.info("could not read the text of a PDF page", exc_info=True)
            continue
        parts.append(text)
        size += len(text)
    return PARA.join(parts)


def docx_text(data):
    if not _zip_ok(data):
        return ""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                parts.append(cell.text)
    return PARA.join(parts)


def xlsx_text(data):
    if not _zip_ok(data):
        return ""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    cells = 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                values = [str(v) for v in row if v is not None and str(v).strip()]
                cells += len(row)
                if values:
                    # Cells are separate fields: a paragraph each.
                    parts.extend(values)
                if cells >= MAX_CELLS:
                    break
    finally:
        workbook.close()
    return PARA.join(parts)


_XML_TEXT = {
    # PowerPoint slides: <a:t>text</a:t>
    "pptx": (re.compile(r"^ppt/slides/slide\d+\.xml$"), re.compile(r"<a:t>([^<]*)</a:t>")),
    # OFD (GB/T 33190) pages: <ofd:TextCode ...>text</ofd:TextCode>
    "ofd": (
        re.compile(r"(^|/)Content\.xml$"),
        re.compile(r"<(?:ofd:)?TextCode\b[^>]*>([^<]*)</(?:ofd:)?TextCode>"),
    ),
}


def zipped_xml_text(data, kind):
    """Text runs of a zipped XML format (PPTX slides, OFD pages)."""
    if not _zip_ok(data):
        return ""
    import html

    names_re, text_re = _XML_TEXT[kind]
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(n for n in zf.namelist() if names_re.search(n))
        for name in names:
            xml = zf.read(name).decode("utf-8", "replace")
            runs = [html.unescape(t) for t in text_re.findall(xml)]
            parts.append("".join(runs) if kind == "ofd" else " ".join(runs))
    return PARA.join(parts)


def _decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")  # pragma: no cover - gb18030 decodes anything


def plain_text(data):
    """A text file: blank lines separate paragraphs (lines are wrapped text)."""
    return re.sub(r"\n[ \t\u3000]*\n\s*", PARA, _decode(data))


def csv_text(data):
    """A CSV file: every cell is a paragraph of its own."""
    return PARA.join(re.split(r"[,\t]|\r?\n", _decode(data)))


EXTRACTORS = {
    "pdf": pdf_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
    "pptx": lambda data: zipped_xml_text(data, "pptx"),
    "ofd": lambda data: zipped_xml_text(data, "ofd"),
    "txt": plain_text,
    "csv": csv_text,
}


def extension(filename):
    name = (filename or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def can_extract(filename):
    return extension(filename) in EXTRACTORS


def extract_text_inline(filename, data, raise_errors=False):
    """The text of an attachment's bytes, by its file name's extension, parsed
    in this process (the sandbox's child calls it; ``raise_errors`` lets it
    tell a damaged file from an empty one)."""
    extractor = EXTRACTORS.get(extension(filename))
    if extractor is None or not data:
        return ""
    try:
        text = extractor(data)
    except MemoryError:
        raise
    except Exception as exc:  # a damaged or hostile file
        if raise_errors:
            raise
        log.warning("could not extract the text of %r: %r", filename, exc)
        log.debug("extraction failure", exc_info=True)
        return ""
    return _limit(clean_text(text or ""))


def extract_bounded(filename, data):
    """The :class:`~govportal.hardening.sandbox.Extraction` of an attachment's
    bytes: its text, or why it could not be checked."""
    from ..hardening.sandbox import extract_bounded as bounded

    return bounded(extension(filename), data)


def extract_text(filename, data):
    """The text of an attachment's bytes (``""`` if it could not be read)."""
    result = extract_bounded(filename, data)
    if not result.ok:
        log.warning("attachment %r skipped: %s", filename, result.reason)
    return result.text


def attachment_extraction(attachment):
    """The :class:`~govportal.hardening.sandbox.Extraction` of an
    :class:`~govportal.content.Attachment` (its blob)."""
    from ..hardening.sandbox import UNREADABLE, Extraction

    filename = getattr(attachment, "filename", "") or ""
    if not can_extract(filename):
        return Extraction()
    blob = getattr(attachment, "blob", None)
    if blob is None:
        return Extraction()
    try:
        with blob.open("r") as fp:
            data = fp.read(MAX_READ + 1)
    except Exception:
        log.warning("could not read the blob of %r", filename, exc_info=True)
        return Extraction(ok=False, reason=UNREADABLE)
    if len(data) > MAX_READ:
        # Only the beginning would be read: the rest could not be checked.
        return Extraction(ok=False, reason=UNREADABLE)
    return extract_bounded(filename, data)


def attachment_text(attachment):
    """Extracted text of an attachment; ``""`` when it could not be read (the
    search index skips it)."""
    result = attachment_extraction(attachment)
    if not result.ok:
        log.warning(
            "attachment %r not indexed: %s", getattr(attachment, "filename", ""), result.reason
        )
    return result.text
