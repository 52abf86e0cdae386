"""Text extraction: HTML bodies and attachments made in the test."""

import io
import zipfile

import pytest

from govportal.search.extract import PARA, clean_text, extract_text, html_to_text

from .files import make_docx, make_pdf, make_pptx, make_xlsx


def test_html_paragraphs_entities_and_scripts():
    text = html_to_text(
        "<h2>第一章</h2><p>优化&nbsp;营商<br>环境&amp;服务</p><script>alert('营商')</script>"
        "<style>p{}</style><ul><li>一</li><li>二</li></ul>"
    )
    assert text.split(PARA) == ["第一章", "优化 营商", "环境&服务", "一", "二"]


def test_line_breaks_inside_chinese_are_removed():
    assert clean_text("优化营商\n环境 and\nmore") == "优化营商环境 and more"


def test_pdf_text():
    text = extract_text("a.pdf", make_pdf("三公经费预算说明", "Budget 2022"))
    assert "三公经费预算说明" in text and "Budget 2022" in text


def test_docx_paragraphs_and_tables():
    data = make_docx("教师资格认定", "申请材料清单", table=[["姓名", "身份证号"], ["张三", "5113"]])
    assert extract_text("a.docx", data).split(PARA) == [
        "教师资格认定",
        "申请材料清单",
        "姓名",
        "身份证号",
        "张三",
        "5113",
    ]


def test_xlsx_cells_are_separate():
    text = extract_text("a.xlsx", make_xlsx([["营商", "环境"], ["助学金", 1200]], title="名单"))
    assert text.split(PARA) == ["名单", "营商", "环境", "助学金", "1200"]


def test_pptx_and_plain_text():
    assert extract_text("a.pptx", make_pptx("第一页", "第二页")) == f"第一页{PARA}第二页"
    assert extract_text("a.txt", "营商环境".encode("gb18030")) == "营商环境"
    assert (
        extract_text("a.txt", "优化营商\n环境。\n\n第二段".encode())
        == f"优化营商环境。{PARA}第二段"
    )
    assert extract_text("a.csv", "名称,金额\n助学金,1\n".encode()).split(PARA) == [
        "名称",
        "金额",
        "助学金",
        "1",
    ]


@pytest.mark.parametrize(
    "filename, data",
    [
        ("a.pdf", b"%PDF-1.4 not really"),
        ("a.docx", b"PK\x03\x04 broken"),
        ("a.xlsx", b"garbage"),
        ("a.pptx", b""),
        ("a.doc", b"\xd0\xcf\x11\xe0"),
        ("a.png", b"\x89PNG"),
        ("noextension", b"text"),
    ],
)
def test_damaged_or_unsupported_files_give_no_text(filename, data):
    assert extract_text(filename, data) == ""


def test_zip_bombs_are_not_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"0" * (101 * 1024 * 1024))
    assert extract_text("bomb.docx", out.getvalue()) == ""
