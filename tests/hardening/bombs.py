"""Hostile files built in the tests (never stored in the repository)."""

import io
import random
import zipfile

MIB = 1024 * 1024


def docx_bomb(text_mib=90, total_kib=270):
    """A DOCX of about ``total_kib`` KiB whose ``word/document.xml`` unpacks to
    about ``text_mib`` MiB: 30 paragraphs of 3 MiB of 通知, deflated, plus a
    stored random image to reach the size of the file reported in issue 9."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    template = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    para = ("<w:p><w:r><w:t>" + "通知" * (512 * 1024) + "</w:t></w:r></w:p>").encode()
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>"
    )
    xml = head + para * -(-text_mib * MIB // len(para)) + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in template.infolist():
            data = xml if info.filename == "word/document.xml" else template.read(info.filename)
            zf.writestr(info.filename, data)
    size = len(out.getvalue())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as zf:
        filler = random.Random(9).randbytes(max(0, total_kib * 1024 - size - 200))
        zf.writestr("word/media/image1.png", filler)
    return out.getvalue()


def small_docx(text):
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(text)
    document.save(buf)
    return buf.getvalue()


def many_members_zip(n=20_000):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for i in range(n):
            zf.writestr(f"word/x{i}.xml", "")
    return out.getvalue()
