"""The workspace's new-document form saves one draft per form shown."""

from tests.conftest import read_root


def drafts(app, title):
    def read(root):
        return [n for n, d in root["jyj"]["gzdt"].items() if getattr(d, "title", "") == title]

    return read_root(app, read)


def new_form(editor, title):
    form = editor.get("/jyj/gzdt/@@ws-add").forms["ws-document"]
    form["title"] = title
    form["body"] = "<p>请各校于本周内完成自查。</p>"
    return form


def test_double_submit_of_a_new_document_saves_one_draft(browser, wsgi_app):
    editor = browser("jyj_editor")
    form = new_form(editor, "双击保存的通知")
    first = form.submit("save", status=303)
    second = form.submit("save", status=303)  # the double click
    assert first.location == second.location
    # a browser refresh re-sends the same fields
    refresh = editor.post("/jyj/gzdt/@@ws-add", dict(form.submit_fields("save")), status=303)
    assert refresh.location == first.location
    assert len(drafts(wsgi_app, "双击保存的通知")) == 1
    # only the first answer says it was saved
    page = editor.get(first.location)
    assert page.text.count("稿件已保存为草稿") == 1


def test_two_forms_are_two_drafts(browser, wsgi_app):
    editor = browser("jyj_editor")
    new_form(editor, "两份表单").submit("save", status=303)
    new_form(editor, "两份表单").submit("save", status=303)
    assert len(drafts(wsgi_app, "两份表单")) == 2


def test_new_document_without_token_or_with_a_forged_one_is_refused(browser, wsgi_app):
    editor = browser("jyj_editor")
    form = new_form(editor, "无标识的稿件")
    fields = dict(form.submit_fields("save"))
    token = fields.pop("submission_token")
    res = editor.post("/jyj/gzdt/@@ws-add", fields, status=400)
    assert "表单标识" in res.text
    res = editor.post(
        "/jyj/gzdt/@@ws-add", dict(fields, submission_token=token[:-1] + "x"), status=400
    )
    assert "表单标识无效" in res.text
    assert drafts(wsgi_app, "无标识的稿件") == []


def test_a_token_of_another_session_is_refused(browser, wsgi_app):
    alice, bob = browser("jyj_editor"), browser("jyj_editor")  # two sign-ins
    token = new_form(alice, "借用标识").get("submission_token").value
    form = new_form(bob, "借用标识")
    form["submission_token"] = token
    res = form.submit("save", status=400)
    assert "不属于当前会话" in res.text
    assert drafts(wsgi_app, "借用标识") == []
