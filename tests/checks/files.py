"""Attachments for the personal-data corpus: every part of a DOCX, XLSX and
PDF that a reader sees, zips (nested too), and legacy files.

The DOCX is made by python-docx (body, nested table, header, footer) and then
given what python-docx cannot write (a text box, a footnote, a comment) by
adding the XML parts to the package; the extractor reads the parts
themselves.  ``data/名单.xls`` is a BIFF8 workbook written once with xlwt (two
sheets; see :func:`xls_bytes`).
"""

import io
import zipfile
from pathlib import Path

from govportal.demo.files import pdf_from_objects

DATA = Path(__file__).with_name("data")

_TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
    "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t>"
    "</w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
    "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
    "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)
_NOTES = (
    '<?xml version="1.0" encoding="UTF-8"?><w:{kind}s xmlns:w="w"><w:{kind} w:id="1">'
    '<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>'
)


def make_docx(
    body=(),
    header=None,
    footer=None,
    nested=None,
    text_box=None,
    footnote=None,
    comment=None,
):
    """A DOCX with ``body`` paragraphs and, when given, text in its header,
    footer, a table nested in a table's cell, a text box, a footnote and a
    comment."""
    import docx

    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if nested:
        outer = document.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "附表"
        inner = outer.cell(0, 1).add_table(rows=len(nested), cols=len(nested[0]))
        for r, row in enumerate(nested):
            for c, value in enumerate(row):
                inner.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    if not (text_box or footnote or comment):
        return out.getvalue()
    return _add_parts(out.getvalue(), text_box, footnote, comment)


def _add_parts(data, text_box, footnote, comment):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml" and text_box:
                xml = content.decode()
                at = xml.rindex("<w:sectPr")
                xml = xml[:at] + _TEXT_BOX.format(text=text_box) + xml[at:]
                content = xml.encode()
            target.writestr(info, content)
        if footnote:
            target.writestr("word/footnotes.xml", _NOTES.format(kind="footnote", text=footnote))
        if comment:
            target.writestr("word/comments.xml", _NOTES.format(kind="comment", text=comment))
    return out.getvalue()


def make_xlsx(sheets, comment=None, header=None):
    """An XLSX with ``sheets`` (``{title: rows}``), a comment on A1 of the
    first sheet and a page header on it, when given."""
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    first = workbook.worksheets[0]
    if comment:
        first["A1"].comment = Comment(comment, "审核")
    if header:
        first.oddHeader.center.text = header
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_pdf(pages, annotation=None):
    """A PDF of several pages of text lines (CJK included, as
    :func:`tests.search.files.make_pdf` writes them); ``annotation`` is a
    text note on the last page."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
        b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    count = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 descendant, 5 cmap, then page+content pairs, then annotation
    first_page = 6
    annot_number = first_page + 2 * count
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ]
    for i, lines in enumerate(pages):
        content = ["BT", "/F1 14 Tf", "16 TL", "20 260 Td"]
        for line in lines:
            content.append("<" + line.encode("utf-16-be").hex().upper() + "> Tj T*")
        content.append("ET")
        stream = "\n".join(content).encode("ascii")
        annots = f" /Annots [{annot_number} 0 R]" if annotation and i == count - 1 else ""
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {first_page + 2 * i + 1} 0 R"
                f"{annots} >>"
            ).encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if annotation:
        objects.append(
            b"<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents <FEFF"
            + annotation.encode("utf-16-be").hex().upper().encode()
            + b"> >>"
        )
    return pdf_from_objects(objects)


def make_zip(members, utf8=True):
    """A zip of ``members`` (``(name, bytes)`` pairs)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


def xls_bytes():
    """``data/名单.xls``: sheet 资助名单 (姓名, 身份证号, 手机, 金额) and sheet
    备注 (a card number)."""
    return (DATA / "名单.xls").read_bytes()


def ole_bytes():
    """A legacy OLE file (the header of every .doc/.xls/.ppt/.wps/.et/.dps)
    whose text is not read: the same workbook, under another name."""
    return xls_bytes()


# -- legacy Word files (the Word 97 binary format in an OLE compound file) -------------

_SECTOR = 512
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_FAT = 0xFFFFFFFD


def _stream_sectors(data):
    """``data`` padded to whole sectors, at least 4096 bytes (so that it lives
    in the regular FAT, not the mini stream)."""
    size = max(4096, -(-len(data) // _SECTOR) * _SECTOR)
    return data.ljust(size, b"\0")


def _dir_entry(name, kind, child=_FREE, left=_FREE, right=_FREE, start=_END, size=0):
    import struct

    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", left, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state
        + b"\0" * 16  # times
        + struct.pack("<IQ", start, size)
    )


def make_ole(streams):
    """A compound file (CFB v3) holding ``streams`` (``{name: bytes}``, at
    most three) at its root: what Word 97–2003 and WPS write."""
    import struct

    names = list(streams)
    padded = [_stream_sectors(streams[name]) for name in names]
    # sector 0: the FAT, sector 1: the directory, then the streams
    starts = []
    next_sector = 2
    for data in padded:
        starts.append(next_sector)
        next_sector += len(data) // _SECTOR
    fat = [_FAT, _END]
    for data in padded:
        count = len(data) // _SECTOR
        fat.extend(len(fat) + 1 for _ in range(count - 1))
        fat.append(_END)
    fat.extend([_FREE] * (_SECTOR // 4 - len(fat)))
    assert len(fat) == _SECTOR // 4, "too much data for one FAT sector"
    # a simple tree: the root's child is the first stream, each stream's
    # right sibling the next (olefile does not check the red-black colours)
    entries = [_dir_entry("Root Entry", 5, child=1 if names else _FREE)]
    for n, name in enumerate(names):
        right = n + 2 if n + 1 < len(names) else _FREE
        entries.append(
            # the padded size: a stream under 4096 bytes would be in the mini stream
            _dir_entry(name, 2, right=right, start=starts[n], size=len(padded[n]))
        )
    directory = b"".join(entries).ljust(_SECTOR, b"\0")
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    fat_sector = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_sector + directory + b"".join(padded)


def make_doc(text):
    """A Word 97–2003 document whose text is ``text`` (paragraphs separated
    by ``\\r``): a FIB pointing at a one-piece table of UTF-16 text."""
    import struct

    encoded = text.encode("utf-16-le")
    text_at = 1024
    fib = bytearray(text_at)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the 1Table stream
    struct.pack_into("<H", fib, 32, 14)  # csw
    struct.pack_into("<H", fib, 62, 22)  # cslw
    struct.pack_into("<I", fib, 64 + 3 * 4, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)  # cbRgFcLcb
    plc = struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, text_at, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))  # fcClx, lcbClx
    word = bytes(fib) + encoded
    return make_ole({"WordDocument": word, "1Table": clx})
