"""The document form: validation next to the field, sanitising, uploads,
the stale-form check, the lock and the preview."""

import transaction
from pyramid.traversal import find_resource
from webtest import Upload

from tests.conftest import read_root
from tests.http.helpers import PDF_BYTES

from .helpers import COLUMN, add_form, create, fill, open_and_lock


def _doc(wsgi_app, path, attr):
    transaction.begin()
    return read_root(wsgi_app, lambda root: getattr(find_resource(root, path), attr))


def _count(wsgi_app, path=COLUMN):
    return read_root(wsgi_app, lambda root: len(find_resource(root, path)))


def test_validation_errors_are_shown_next_to_the_field(wsgi_app, editor):
    before = _count(wsgi_app)
    form = fill(add_form(editor).forms["ws-document"], title="  ", written_date="2026-13-45")
    res = form.submit("save", status=400)
    title_item = res.html.find("input", {"name": "title"}).find_parent("div")
    assert title_item.find(class_="invalid-feedback") is not None
    date_item = res.html.find("input", {"name": "written_date"}).find_parent("div")
    assert date_item.find(class_="invalid-feedback") is not None
    assert _count(wsgi_app) == before  # nothing written


def test_script_in_the_body_is_removed(wsgi_app, editor):
    path = create(
        editor,
        body=(
            '<p onclick="steal()">通知<script>alert(1)</script>'
            '<a href="javascript:x()">链接</a></p>'
        ),
    )
    body = _doc(wsgi_app, path, "body")
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert "通知" in body


def test_attachment_upload_and_disguised_executable(wsgi_app, editor):
    path = create(editor, upload=Upload("细则.pdf", PDF_BYTES, "application/pdf"))
    names = read_root(
        wsgi_app, lambda root: [a.filename for a in find_resource(root, path).attachments()]
    )
    assert names == ["细则.pdf"]

    before = _count(wsgi_app)
    form = fill(add_form(editor).forms["ws-document"], title="带附件的通知")
    form["upload"] = Upload("通知.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    res = form.submit("save", status=400)
    upload_item = res.html.find("input", {"name": "upload"}).find_parent("div", class_="mb-3")
    assert "文件内容与扩展名“.pdf”不符" in upload_item.text
    assert _count(wsgi_app) == before


def test_stale_form_is_refused(wsgi_app, browser, editor):
    path = create(editor, title="原标题")
    first = editor.get(path + "@@ws-edit").forms["ws-document"]
    other = browser("jyj_editor")  # the same account in another browser
    second = other.get(path + "@@ws-edit").forms["ws-document"]
    second["title"] = "他人修改的标题"
    second.submit("save", status=303)
    first["title"] = "我的修改"
    res = first.submit("save", status=409)
    assert "已被他人修改" in res.text
    assert _doc(wsgi_app, path, "title") == "他人修改的标题"


def test_edit_form_locks_and_reviewer_breaks_the_lock(wsgi_app, editor, reviewer):
    path = create(editor, title="锁定测试")
    open_and_lock(editor, path)
    page = reviewer.get(path + "@@ws-item")
    lock = page.html.find(class_="ws-lock")
    assert "jyj_editor 正在编辑" in lock.text
    form = [f for f in page.forms.values() if f.action.endswith("@@break-lock")][0]
    form["reason"] = "编辑已下班，需先处理"
    form.submit(status=303)
    page = reviewer.get(path + "@@ws-item")
    assert page.html.find(class_="ws-lock") is None
    assert "编辑已下班" in page.text  # recorded in the history


def test_preview_shows_the_public_page_without_saving(wsgi_app, editor):
    path = create(editor, title="预览前的标题", doc_number="营教发〔2026〕9号")
    form = editor.get(path + "@@ws-edit").forms["ws-document"]
    form["title"] = "预览中的新标题"
    res = form.submit("preview", status=200)
    assert "预览" in res.html.find(role="status").text
    assert res.html.find("h1").text == "预览中的新标题"
    assert "营教发〔2026〕9号" in res.text  # the public template's metadata table
    assert "site-footer" in res.text  # the public layout
    assert "no-store" in res.headers["Cache-Control"]
    assert _doc(wsgi_app, path, "title") == "预览前的标题"
    saved = editor.get(path + "@@ws-preview")
    assert saved.html.find("h1").text == "预览前的标题"
    # a new document's preview from the add form
    form = fill(add_form(editor).forms["ws-document"], title="尚未保存的稿件")
    before = _count(wsgi_app)
    res = form.submit("preview", status=200)
    assert res.html.find("h1").text == "尚未保存的稿件"
    assert _count(wsgi_app) == before


def test_preview_sanitises_the_unsaved_body(editor):
    """Script typed into the editor never runs in the preview either."""
    form = fill(
        add_form(editor).forms["ws-document"],
        title="带脚本的稿件",
        body='<p>正文<script>alert(1)</script><img src="x" onerror="alert(2)"></p>',
    )
    res = form.submit("preview", status=200)
    body = str(res.html.find(class_="body"))
    assert "正文" in body
    assert "<script" not in body and "onerror" not in body and "alert" not in body
