"""Plain text of document bodies (HTML) and attachments (PDF, DOCX, XLSX, …).

Every part a reader sees is read: a DOCX's body with nested tables and text
boxes, headers, footers, footnotes, endnotes and comments (its XML parts);
every sheet of an XLSX with comments and page headers; every PDF page with
its annotations and form fields; legacy ``.xls``/``.et`` (xlrd) and
``.doc``/``.wps`` (the Word binary format through olefile); the members of a
``.zip`` (bounded: count, size, ratio, nesting).  A file holding something
that cannot be read raises :class:`UnsupportedFormat` in the sandbox's child
(the checks report it as 无法检查的附件); formats without an extractor other
than pictures (``.ppt``, ``.dps`` …) are reported the same way by
:func:`attachment_extraction`.  Table rows (DOCX, XLSX, XLS, CSV) are
paragraphs whose cells are apart (:data:`CELL`), so that the checks can read
a column under its header; the search index reads every cell as a paragraph
(:func:`search_text`, applied by :func:`extract_text` and
:func:`attachment_text`).

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
#: Separates the cells of a table row inside a paragraph (a row) in the raw
#: extraction, so that the checks can read a column under its header
#: (姓名, 住址 …).  Not a space for ``str.strip`` (U+001F would be).  The
#: search index reads every cell as a paragraph (:func:`search_text`).
CELL = "\u241f"
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
        parts.extend(_annotations(page))
        size += len(text)
    try:
        fields = reader.get_form_text_fields() or {}
    except Exception:
        log.info("could not read the form fields of a PDF", exc_info=True)
        fields = {}
    parts.extend(str(v) for v in fields.values() if v)
    return PARA.join(parts)


def _annotations(page):
    """The text of a PDF page's annotations (comments, free text)."""
    texts = []
    try:
        annotations = page.get("/Annots") or []
        for reference in annotations[:1000]:
            annotation = reference.get_object()
            for key in ("/Contents", "/RC"):
                value = annotation.get(key)
                if value:
                    texts.append(str(value))
                    break
    except Exception:
        log.info("could not read the annotations of a PDF page", exc_info=True)
    return texts


class UnsupportedFormat(Exception):  # noqa: N818 - a reason, not a failure
    """The file holds something whose text cannot be read (a member of a zip
    in a format without an extractor): it cannot be checked."""


#: The parts of a DOCX package that a reader sees: the body (with its nested
#: tables and text boxes), headers, footers, footnotes, endnotes, comments.
_DOCX_PARTS = re.compile(
    r"^word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$"
)
_DOCX_TOKEN = re.compile(
    r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:t\s*/>|</w:p>|</w:tc>|</w:tr>|<w:tbl>|</w:tbl>"
    r"|<w:(?:tab|br|cr)\b[^>]*/>"
)
#: A text box is written twice (a DrawingML one and its VML fallback).
_DOCX_FALLBACK = re.compile(r"<mc:Fallback\b.*?</mc:Fallback>", re.S)


def _part_order(name):
    for rank, prefix in enumerate(("word/document", "word/header", "word/footer")):
        if name.startswith(prefix):
            return (rank, name)
    return (3, name)


def docx_text(data):
    """Every paragraph of every part a reader sees, in document order: nested
    tables, text boxes, headers, footers, footnotes, endnotes, comments."""
    if not _zip_ok(data):
        return ""
    import html

    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted((n for n in zf.namelist() if _DOCX_PARTS.match(n)), key=_part_order)
        if "word/document.xml" not in names:
            raise ValueError("not a Word document")
        for name in names:
            # the zip guard bounds what a part unpacks to, the sandbox the memory
            xml = zf.read(name).decode("utf-8", "replace")
            xml = _DOCX_FALLBACK.sub("", xml)
            runs = []
            tables = 0  # depth of table nesting
            for m in _DOCX_TOKEN.finditer(xml):
                tag = m.group()
                if m.group(1) is not None:
                    runs.append(html.unescape(m.group(1)))
                elif tag == "<w:tbl>":
                    tables += 1
                    runs.append(PARA)
                elif tag == "</w:tbl>":
                    tables = max(0, tables - 1)
                    runs.append(PARA)
                elif tag == "</w:tc>":
                    runs.append(CELL)  # a row is a paragraph, its cells apart
                elif tag == "</w:tr>":
                    runs.append(PARA)
                elif tag.startswith(("</w:p", "<w:br", "<w:cr")):
                    # the paragraphs of a cell stay in its row
                    runs.append(" " if tables else PARA)
                elif tag.startswith("<w:tab"):
                    runs.append(" ")
            # no space left before a cell's or a paragraph's end
            parts.append(_SPACE_BEFORE_END.sub("", "".join(runs)))
    return PARA.join(parts)


_SPACE_BEFORE_END = re.compile(f" +(?=[{CELL}{PARA}])")


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
                cells += len(row)
                # a row is a paragraph, its cells apart (empty ones kept, so
                # that a column stays under its header)
                values = ["" if v is None else str(v).strip() for v in row]
                if any(values):
                    parts.append(_row(values))
                if cells >= MAX_CELLS:
                    break
    finally:
        workbook.close()
    parts.extend(_xlsx_extras(data))
    return PARA.join(parts)


_XLSX_COMMENT_TEXT = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_XLSX_HEADER = re.compile(r"<(?:odd|even|first)(?:Header|Footer)>([^<]*)<")
#: Formatting codes of a sheet's header or footer (&C, &"宋体,常规", &12 …).
_XLSX_HEADER_CODE = re.compile(r'&(?:"[^"]*"|\d+|[A-Za-z&])')


def _row(values):
    while values and not values[-1]:
        values = values[:-1]
    return CELL.join(" ".join(v.split()) for v in values)


def search_text(text):
    """The raw extraction as the search index reads it: every table cell a
    paragraph of its own, no empty paragraphs."""
    if CELL not in text:
        return text
    paragraphs = (p.strip() for p in text.replace(CELL, PARA).split(PARA))
    return PARA.join(p for p in paragraphs if p)


def _xlsx_extras(data):
    """What openpyxl's cell reader leaves out: comments (notes) and the
    headers and footers of the sheets."""
    import html

    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in sorted(zf.namelist()):
            if re.match(r"^xl/(?:comments\d*|comments/[^/]+|threadedComments/[^/]+)\.xml$", name):
                xml = zf.read(name).decode("utf-8", "replace")
                parts.extend(html.unescape(t) for t in _XLSX_COMMENT_TEXT.findall(xml))
            elif re.match(r"^xl/worksheets/sheet\d+\.xml$", name):
                xml = zf.read(name).decode("utf-8", "replace")
                for value in _XLSX_HEADER.findall(xml):
                    parts.append(_XLSX_HEADER_CODE.sub(" ", html.unescape(value)))
    return parts


def xls_text(data):
    """A legacy Excel (BIFF, ``.xls``; WPS ``.et`` saved as such) workbook:
    every sheet, every cell a paragraph (xlrd)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    parts = []
    cells = 0
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            parts.append(sheet.name)
            for row in range(sheet.nrows):
                values = []
                for value in sheet.row_values(row):
                    cells += 1
                    if isinstance(value, float) and value.is_integer():
                        value = int(value)
                    values.append(str(value).strip())
                if any(values):
                    parts.append(_row(values))
                if cells >= MAX_CELLS:
                    break
            book.unload_sheet(index)
    finally:
        book.release_resources()
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
    """A CSV file: every line a row, its cells apart."""
    rows = (re.split(r"[,\t]", line) for line in re.split(r"\r?\n", _decode(data)))
    return PARA.join(_row([cell.strip() for cell in row]) for row in rows)


# -- legacy Word (.doc) and WPS 文字 (.wps): the Word binary format ----------------

#: Word's control characters: paragraph, cell and row ends, line and page
#: breaks become paragraph separators; the others (objects, fields) go.
_WORD_BREAKS = str.maketrans({"\r": PARA, "\x07": PARA, "\x0b": PARA, "\x0c": PARA})
_WORD_FIELD_CODE = re.compile(r"\x13[^\x13\x14\x15]*\x14")
_WORD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def doc_text(data):
    """The text of a Word 97–2003 document (``.doc``) or a WPS 文字 file saved
    in that format (``.wps``): every piece of the piece table (main text,
    headers, footers, footnotes, text boxes), read through olefile.  An
    encrypted file or one without a Word stream raises
    :class:`UnsupportedFormat`."""
    import struct

    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise UnsupportedFormat("no Word stream")
        word = ole.openstream("WordDocument").read()
        ident, _nfib = struct.unpack_from("<HH", word, 0)
        flags = struct.unpack_from("<H", word, 0x0A)[0]
        if ident != 0xA5EC or flags & 0x0100:  # not Word, or encrypted
            raise UnsupportedFormat("not a readable Word stream")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise UnsupportedFormat("no table stream")
        table = ole.openstream(table_name).read()
    # FibBase (32 bytes), then csw/fibRgW, cslw/fibRgLw, cbRgFcLcb/fibRgFcLcb
    position = 32
    csw = struct.unpack_from("<H", word, position)[0]
    position += 2 + 2 * csw
    cslw = struct.unpack_from("<H", word, position)[0]
    position += 2 + 4 * cslw
    pairs = struct.unpack_from("<H", word, position)[0]
    position += 2
    if pairs < 34:
        raise UnsupportedFormat("no piece table")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, position + 33 * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: property modifiers, skipped
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if i >= len(clx) or clx[i] != 0x02:
        raise UnsupportedFormat("no piece table")
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5 : i + 5 + size]
    count = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    parts = []
    total = 0
    for k in range(count):
        fc = struct.unpack_from("<I", plc, (count + 1) * 4 + k * 8 + 2)[0]
        length = max(0, min(cps[k + 1] - cps[k], MAX_CHARS - total))
        if fc & 0x40000000:  # 8-bit characters
            start = (fc & 0x3FFFFFFF) // 2
            parts.append(word[start : start + length].decode("cp1252", "replace"))
        else:
            parts.append(word[fc : fc + 2 * length].decode("utf-16-le", "replace"))
        total += length
        if total >= MAX_CHARS:
            break
    text = _WORD_FIELD_CODE.sub("", "".join(parts))
    return _WORD_CONTROL.sub("", text.translate(_WORD_BREAKS))


#: Members of a ``.zip`` attachment: at most this many, nested this deep.
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_DEPTH = 2
MAX_ZIP_RATIO = 100
#: Files whose text nobody reads (pictures): skipped inside a zip.
NO_TEXT = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "svg"})


def _zip_members_ok(zf):
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        return False
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNZIPPED:
            return False
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > (
            MAX_ZIP_RATIO
        ):
            return False
    return True


def _member_name(info):
    """A member's name as its author wrote it (zips made on Chinese Windows
    store names in GBK without saying so)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def zip_text(data, depth=1):
    """Every member of a zip archive: its name and its text, bounded (member
    count, unpacked size, ratio, nesting).  A member that cannot be read
    (encrypted, a format without an extractor, nested too deep) raises
    :class:`UnsupportedFormat`: the archive cannot be checked."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if not _zip_members_ok(zf):
            raise UnsupportedFormat("zip bomb")
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = _member_name(info)
            parts.append(name.rsplit("/", 1)[-1])
            ext = extension(name)
            if ext in NO_TEXT:
                continue
            if info.flag_bits & 0x1:
                raise UnsupportedFormat("encrypted member")
            if ext == "zip":
                if depth >= MAX_ZIP_DEPTH:
                    raise UnsupportedFormat("nested too deep")
                parts.append(zip_text(zf.read(info), depth + 1))
                continue
            extractor = EXTRACTORS.get(ext)
            if extractor is None:
                raise UnsupportedFormat(f"member of type {ext!r}")
            parts.append(extractor(zf.read(info)) or "")
    return PARA.join(parts)


EXTRACTORS = {
    "pdf": pdf_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
    "xls": xls_text,
    "et": xls_text,
    "doc": doc_text,
    "wps": doc_text,
    "zip": zip_text,
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
    except UnsupportedFormat:
        if raise_errors:
            raise
        log.warning("the text of %r cannot be read (format)", filename)
        return ""
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
    return search_text(result.text)


def attachment_extraction(attachment):
    """The :class:`~govportal.hardening.sandbox.Extraction` of an
    :class:`~govportal.content.Attachment` (its blob)."""
    from ..hardening.sandbox import FORMAT, UNREADABLE, Extraction

    filename = getattr(attachment, "filename", "") or ""
    if not can_extract(filename):
        if extension(filename) in NO_TEXT:
            return Extraction()
        # A format whose text cannot be read (legacy Word or PowerPoint, WPS
        # 文字 and 演示 …): nobody knows what it holds.
        return Extraction(ok=False, reason=FORMAT)
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
    return search_text(result.text)
