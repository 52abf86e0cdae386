import io
import zipfile

import pytest

from govportal.content.uploads import check_upload


def docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "filename,data,mimetype",
    [
        ("通知.pdf", b"%PDF-1.7\n...", "application/pdf"),
        (
            "a.DOCX",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "application/msword"),
        ("p.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image/png"),
        ("说明.txt", "中文说明".encode("gb18030"), "text/plain"),
    ],
)
def test_accepts_real_files(filename, data, mimetype):
    assert check_upload(filename, io.BytesIO(data)) == mimetype


@pytest.mark.parametrize(
    "filename,data",
    [
        ("report.pdf", b"MZ\x90\x00\x03" + b"\0" * 100),  # an executable named .pdf
        ("a.docx", b"PK\x03\x04not really a zip"),
        ("a.docx", b"%PDF-1.4"),
        ("a.exe", b"MZ\x90\x00"),
        ("noextension", b"%PDF-1.4"),
        ("a.txt", b"\x00\x01\x02binary"),
        ("empty.pdf", b""),
    ],
)
def test_refuses_disguised_unknown_and_empty_files(filename, data):
    with pytest.raises(ValueError):
        check_upload(filename, io.BytesIO(data))


def test_refuses_oversized_files():
    with pytest.raises(ValueError) as info:
        check_upload("big.pdf", io.BytesIO(b"%PDF-" + b"0" * 2048), max_bytes=1024)
    assert "过大" in info.value.args[0].default


def test_stream_is_rewound_after_check():
    fp = io.BytesIO(b"%PDF-1.7 body")
    check_upload("a.pdf", fp)
    assert fp.read() == b"%PDF-1.7 body"
