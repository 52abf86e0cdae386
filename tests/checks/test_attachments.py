"""Personal data and words in attachments (PDF, DOCX, XLSX); the text cache."""

import io

import pytest

from govportal.checks import run_checks
from govportal.checks.attachments import CACHE
from govportal.checks.findings import BANK_CARD, ID_NUMBER, MOBILE, NAME, TYPO
from tests.search.files import make_docx, make_pdf, make_xlsx

from .helpers import in_session, make_document

ID = "510123198506121237"
CARD = "6222020200001234562"


def found(report, where):
    return sorted((f.kind, f.text) for f in report.findings if f.where == where)


@pytest.fixture
def document(wsgi_app):
    files = [
        ("名单.pdf", make_pdf("资助名单", f"张三 {ID}", "电话13812345678")),
        (
            "名单.docx",
            make_docx("请各校按排好报名", table=[["姓名", "身份证号"], ["李四", ID]]),
        ),
        ("名单.xlsx", make_xlsx([["姓名", "手机", "卡号"], ["王五", 13912345678, CARD]])),
    ]
    return make_document(wsgi_app, "with-files", files=files)


def test_findings_in_each_format(wsgi_app, document):
    report = in_session(wsgi_app, document, lambda doc, request: run_checks(doc, request))
    assert found(report, "file1") == [(ID_NUMBER, ID), (MOBILE, "13812345678")]
    # the tables' 姓名 columns: names under a label header
    assert found(report, "file2") == [(ID_NUMBER, ID), (NAME, "李四"), (TYPO, "按排")]
    assert found(report, "file3") == [(BANK_CARD, CARD), (MOBILE, "13912345678"), (NAME, "王五")]
    first = next(f for f in report.findings if f.where == "file1")
    assert first.where_title == "名单.pdf"
    assert first.masked == "510123********1237"
    assert ID not in first.context and "510123********1237" in first.context
    # personal data in attachments blocks; the typo does not
    assert sorted(f.kind for f in report.blocking) == [
        BANK_CARD,
        ID_NUMBER,
        ID_NUMBER,
        MOBILE,
        MOBILE,
        NAME,
        NAME,
    ]
    summary = report.summary()
    assert summary["counts"] == {ID_NUMBER: 2, MOBILE: 2, BANK_CARD: 1, NAME: 2, TYPO: 1}
    # the summary keeps findings and their context, not the attachments' text
    assert sorted(summary) == ["blocking", "counts", "findings", "when"]
    assert all(len(f["context"]) <= 2 * 12 + 2 + 18 for f in summary["findings"])


def test_text_is_extracted_once_per_stored_file(wsgi_app, document):
    CACHE.clear()
    before = CACHE.misses
    in_session(wsgi_app, document, run_checks)
    assert CACHE.misses - before == 3
    in_session(wsgi_app, document, run_checks)
    assert CACHE.misses - before == 3  # all three from the cache

    def replace(doc, request):
        doc["file1"].replace(io.BytesIO(make_pdf("已删除个人信息")), "名单.pdf")
        # uncommitted: read again (and not cached), so the check sees the new file
        assert found(run_checks(doc, request), "file1") == []

    in_session(wsgi_app, document, replace, commit=True)
    assert CACHE.misses - before == 4
    report = in_session(wsgi_app, document, run_checks)
    assert found(report, "file1") == []
    assert found(report, "file2") == [(ID_NUMBER, ID), (NAME, "李四"), (TYPO, "按排")]
    assert CACHE.misses - before == 5  # only the replaced file was read again


def test_attachment_title_is_checked(wsgi_app):
    path = make_document(wsgi_app, "named", files=[(f"{ID}.pdf", make_pdf("无"))])
    report = in_session(wsgi_app, path, run_checks)
    assert found(report, "file1") == [(ID_NUMBER, ID)]
