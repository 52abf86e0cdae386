"""Every change that matters reaches the index: transitions, edits, attachments
added, replaced and removed, removal, closed columns."""

import pytest
import transaction

from govportal.bootstrap import site_session
from govportal.overrides.answers import ContentRefused
from govportal.search.index import get_index
from tests.http.helpers import (
    add_attachment,
    edit_document,
    remove_attachment,
    replace_attachment_file,
    transition,
)

from .conftest import results
from .files import make_docx, make_pdf


def found(client, q, **params):
    return [p for p, _t in results(client.get("/search", dict(params, q=q), status=200))]


def test_retract_edit_and_publish_again(staff, testapp):
    path = staff.publish("关于开展读书月活动的通知", "<p>开展全民读书月活动。</p>")
    assert found(testapp, "读书月") == [path]
    transition(staff.reviewer, path, "retract", comment="标题有误")
    assert found(testapp, "读书月") == []
    # the editor corrects the draft
    edit_document(
        staff.editor, path, title="关于开展全民阅读周活动的通知", body="<p>开展全民阅读周活动。</p>"
    )
    assert found(testapp, "阅读周") == []  # a draft
    transition(staff.editor, path, "submit")
    transition(staff.reviewer, path, "approve")
    assert found(testapp, "阅读周") == [path]
    assert found(testapp, "读书月") == []


def test_archive_and_restore(staff, testapp):
    path = staff.publish("城区停车场收费标准公示", "<p>停车场收费标准。</p>")
    assert found(testapp, "停车场收费") == [path]
    transition(staff.reviewer, path, "archive")
    assert found(testapp, "停车场收费") == []
    assert testapp.get(path, status=200)  # still readable at its address
    transition(staff.reviewer, path, "restore")
    assert found(testapp, "停车场收费") == [path]


def test_attachments_added_replaced_and_removed(staff, testapp, wsgi_app):
    doc = staff.publish("学生资助政策解读", "<p>见附件。</p>", column="/jyj/gzdt/")
    transition(staff.reviewer, doc, "retract", comment="补充附件")
    pdf = add_attachment(staff.editor, doc, "政策.pdf", make_pdf("旧版资助标准说明"))
    docx = add_attachment(staff.editor, doc, "表格.docx", make_docx("待删除的申请表格"))
    transition(staff.editor, doc, "submit")
    transition(staff.reviewer, doc, "approve")
    assert found(testapp, "旧版资助标准") == [doc]
    assert found(testapp, "待删除的申请表格") == [doc]
    # replace the PDF's file and remove the DOCX, then publish again
    transition(staff.reviewer, doc, "retract", comment="更新附件")
    # (no staff UI for replacing or removing an attachment yet: database steps)
    replace_attachment_file(wsgi_app, pdf, "政策.pdf", make_pdf("新版资助标准说明"))
    remove_attachment(wsgi_app, docx)
    transition(staff.editor, doc, "submit")
    transition(staff.reviewer, doc, "approve")
    assert found(testapp, "新版资助标准") == [doc]
    assert found(testapp, "旧版资助标准") == []
    assert found(testapp, "待删除的申请表格") == []


def test_a_published_document_changed_by_a_script_is_reindexed(staff, testapp, wsgi_app):
    """An administrator's script edits a published document and notifies the
    change as the forms do: the index follows."""
    from substanced.event import ObjectModified

    doc = staff.publish("公共资源交易目录", "<p>交易目录第一版。</p>")
    assert found(testapp, "交易目录") == [doc]
    with site_session(wsgi_app.registry) as (zodb_root, request):
        document = _find(zodb_root, doc)
        document.body = "<p>采购目录第二版。</p>"
        request.registry.subscribers((ObjectModified(document), document), None)
    assert found(testapp, "采购目录") == [doc]
    assert found(testapp, "交易目录") == [doc]  # still in the title
    assert found(testapp, "第一版") == []


def test_removed_documents_leave_the_index(staff, testapp, wsgi_app):
    doc = staff.publish("将被移除的栏目文件", "<p>移除测试专用词。</p>", column="/jyj/gzdt/")
    assert found(testapp, "移除测试专用词") == [doc]
    # a published document is a record: its column cannot be removed with it
    with pytest.raises(ContentRefused):
        with site_session(wsgi_app.registry) as (zodb_root, _request):
            del zodb_root["app_root"]["jyj"]["gzdt"]
    assert found(testapp, "移除测试专用词") == [doc]
    # once retracted (a draft again), the column goes, and the index forgets it
    transition(staff.reviewer, doc, "retract", comment="栏目撤销")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        del zodb_root["app_root"]["jyj"]["gzdt"]
    assert found(testapp, "移除测试专用词") == []
    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        index = get_index(conn.root())
        assert not any("移除测试专用词" in r.body for r in index.records.values())
    finally:
        conn.close()


def test_documents_of_a_closed_column_are_not_found(staff, testapp, browser):
    doc = staff.publish("栏目停用测试文件", "<p>停用栏目专用词。</p>", column="/jyj/gzdt/")
    assert found(testapp, "停用栏目专用词") == [doc]
    admin = browser("admin")
    transition(admin, "/jyj/gzdt/", "close", comment="栏目停止更新")
    assert found(testapp, "停用栏目专用词") == []
    transition(admin, "/jyj/gzdt/", "reopen")
    assert found(testapp, "停用栏目专用词") == [doc]


def _find(zodb_root, path):
    node = zodb_root["app_root"]
    for name in [n for n in path.strip("/").split("/") if n]:
        node = node[name]
    return node
