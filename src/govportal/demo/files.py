"""Small valid files for the demo's attachments and images, made in code.

Every file is generated from the item's own text (nothing is copied from a
real site) and is small, so building the demo stays fast: a one-page PDF
(hand-written objects, Latin text in a standard font: a PDF needs an
embedded font for Chinese), a DOCX (python-docx), an XLSX (openpyxl) and a
PNG bar chart (zlib, no imaging library).
"""

import io
import struct
import zlib


def pdf_from_objects(objects, info=None):
    """A PDF file of numbered ``objects`` (bytes; object 1 the catalog), with
    the cross-reference table; ``info`` is the number of an /Info object."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    info_ref = b" /Info %d 0 R" % info if info else b""
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info_ref))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pdf_bytes(title, lines):
    """A one-page PDF showing ``title`` and ``lines`` (ASCII text)."""

    def esc(text):
        text = text.encode("ascii", "replace").decode("ascii")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 16 Tf", "72 760 Td", f"({esc(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        ops += [f"({esc(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (%s) /Producer (govportal demo) >>" % esc(title).encode("ascii"),
    ]
    return pdf_from_objects(objects, info=len(objects))


def docx_bytes(title, paragraphs):
    """A DOCX with a heading and ``paragraphs``."""
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "营山县人民政府"
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(title, header, rows):
    """An XLSX with a title row, a header row and ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.properties.title = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bytes(values, width=480, height=270, colour=(0x1F, 0x5F, 0xA8)):
    """A PNG bar chart of ``values`` (a light grid, one bar per value)."""
    top = max(values) or 1
    margin = 24
    bar_width = (width - 2 * margin) // max(1, len(values))
    background, grid = (0xF7, 0xF9, 0xFC), (0xD8, 0xDE, 0xE8)
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter: none
        for x in range(width):
            pixel = background
            if (height - margin - y) % 40 == 0 and margin <= x < width - margin:
                pixel = grid
            index = (x - margin) // bar_width if x >= margin else -1
            if 0 <= index < len(values) and (x - margin) % bar_width < bar_width - 8:
                bar_top = height - margin - int(values[index] / top * (height - 2 * margin))
                if bar_top <= y < height - margin:
                    pixel = colour
            row += bytes(pixel)
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
