"""Staff writing service guides in the workspace, through HTTP: the add and
edit forms, checks of each element, attachments, department boundaries,
CSRF, locks, the workspace lists, and exactly-once creation."""

from pyramid.traversal import find_resource

from tests.conftest import read_root

from .guide_helpers import (
    COLUMN,
    COMPLETE,
    add_guide,
    docx_bytes,
    edit_guide,
    form_fields,
    guide_attr,
    guide_state,
    hidden,
    new_guide,
)


def test_dashboard_offers_new_guide_in_service_columns(browser):
    page = browser("jyj_editor").get("/@@workspace")
    section = page.html.find(id="h-new-guide").find_parent("section")
    options = [o["value"] for o in section.find_all("option")]
    assert "/jyj/bszn/" in options
    assert all(o.startswith("/jyj/") for o in options)
    res = browser("jyj_editor").get("/@@ws-new-guide", {"column": "/jyj/bszn"}, status=303)
    assert res.location.endswith("/jyj/bszn/@@ws-add-guide")


def test_new_guide_only_in_service_columns(browser):
    editor = browser("jyj_editor")
    editor.get("/jyj/gzdt/@@ws-add-guide", status=404)
    editor.get("/@@ws-new-guide", {"column": "/jyj/gzdt"}, status=400)


def test_create_and_edit_a_guide(wsgi_app, browser):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    assert path.startswith(COLUMN)
    assert guide_state(wsgi_app, path) == "draft"
    materials, process, themes, phone = guide_attr(
        wsgi_app, path, "materials", "process", "themes", "supervise_phone"
    )
    assert [m["name"] for m in materials] == ["教师资格认定申请表", "身份证明"]
    assert materials[1] == {
        "name": "身份证明",
        "form": "copy",
        "count": 1,
        "required": True,
        "note": "查验原件",
        "template": "",
        "example": "",
    }
    assert [s["title"] for s in process] == ["申请", "受理"]
    assert themes == ("education",) and phone == "0817-8221110、12345"
    page = editor.get(path + "@@ws-item")
    assert "教师资格认定申请表" in page.text and "送审" in page.text
    # the workspace lists it under 我的稿件
    assert COMPLETE["title"] in editor.get("/@@workspace").text
    values = dict(COMPLETE, title="中小学教师资格认定（修订）", themes=["education", "employment"])
    edit_guide(editor, path, values)
    assert guide_attr(wsgi_app, path, "title", "themes") == (
        "中小学教师资格认定（修订）",
        ("education", "employment"),
    )


def test_draft_may_be_saved_incomplete(wsgi_app, browser):
    path = new_guide(browser("jyj_editor"), {"title": "只有名称的草稿"})
    assert guide_attr(wsgi_app, path, "title", "materials", "legal_days") == (
        "只有名称的草稿",
        (),
        0,
    )


def _refused(client, values, field_text):
    res = add_guide(client, values, status=400)
    assert field_text in res.text, res.text
    return res


def test_bad_values_are_refused_with_chinese_messages(wsgi_app, browser):
    editor = browser("jyj_editor")
    cases = [
        (dict(COMPLETE, title=""), "必填"),
        (dict(COMPLETE, promised_days="30"), "承诺时限不能超过法定时限"),
        (dict(COMPLETE, legal_days="400"), "400"),
        (dict(COMPLETE, consult_phone="abc"), "不是有效的电话号码"),
        (dict(COMPLETE, online_mode="external"), "请填写省平台的办理地址"),
        (
            dict(COMPLETE, online_mode="external", external_url="http://example.com"),
            "https://",
        ),
        (dict(COMPLETE, co_departments=["jyj"]), "协办部门不能包括牵头部门本身"),
        (dict(COMPLETE, item_type="nonsense"), "item_type"),
        (dict(COMPLETE, materials=[{"name": "", "note": "只有说明"}]), "请填写名称"),
    ]
    for values, text in cases:
        if text == "item_type":
            add_guide(editor, values, status=400)
            continue
        _refused(editor, values, text)
    # nothing was created
    names = read_root(wsgi_app, lambda root: list(root["jyj"]["bszn"].keys()))
    assert not any(n.startswith("bszn-") for n in names)


def test_co_departments_and_another_lead(wsgi_app, browser):
    values = dict(COMPLETE, lead_department="zwfwj", co_departments=["jyj", "wjj"])
    path = new_guide(browser("jyj_editor"), values)
    assert guide_attr(wsgi_app, path, "lead_department", "co_departments") == (
        "zwfwj",
        ("jyj", "wjj"),
    )


def test_other_department_cannot_edit(browser):
    path = new_guide(browser("jyj_editor"))
    outsider = browser("wjj_editor")
    outsider.get(path + "@@ws-edit", status=403)
    outsider.get("/jyj/bszn/@@ws-add-guide", status=403)
    token = outsider.csrf("/@@workspace")
    fields = form_fields(COMPLETE, token, serial="x")
    outsider.post(path + "@@ws-edit", fields, status=403)
    outsider.post(
        path + "@@ws-guide-file",
        {"csrf_token": token, "action": "upload"},
        upload_files=[("upload", "a.pdf", b"%PDF-1.4\n")],
        status=403,
    )


def test_forged_posts_without_csrf_are_refused(wsgi_app, browser):
    editor = browser("jyj_editor")
    page = editor.get(COLUMN + "@@ws-add-guide")
    fields = [
        f
        for f in form_fields(COMPLETE, "forged", token=hidden(page.text, "submission_token"))
        if f[0] != "csrf_token"
    ]
    editor.post(COLUMN + "@@ws-add-guide", fields, status=400)
    path = new_guide(editor)
    editor.post(path + "@@ws-transition", {"transition": "submit"}, status=400)
    res = editor.post(
        path + "@@ws-guide-file",
        {"csrf_token": "forged", "action": "upload"},
        upload_files=[("upload", "a.pdf", b"%PDF-1.4\n")],
        status=400,
    )
    assert "页面已过期" in res.text
    assert guide_state(wsgi_app, path) == "draft"
    assert read_root(wsgi_app, lambda root: len(find_resource(root, path).attachments())) == 0


def _upload(client, path, filename, data, title="申请表", status=303):
    page = client.get(path + "@@ws-edit")
    return client.post(
        path + "@@ws-guide-file",
        {
            "csrf_token": hidden(page.text, "csrf_token"),
            "submission_token": hidden(page.text, "submission_token"),
            "action": "upload",
            "title": title,
        },
        upload_files=[("upload", filename, data)],
        status=status,
    )


def test_attachments_upload_choose_and_remove(wsgi_app, browser):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    _upload(editor, path, "申请表.docx", docx_bytes())
    names = read_root(
        wsgi_app, lambda root: [a.__name__ for a in find_resource(root, path).attachments()]
    )
    assert len(names) == 1
    # a material names it as its blank form
    materials = [dict(COMPLETE["materials"][0], template=names[0])]
    edit_guide(editor, path, dict(COMPLETE, materials=materials))
    assert guide_attr(wsgi_app, path, "materials")[0][0]["template"] == names[0]
    # an unknown attachment name is refused
    bad = [dict(COMPLETE["materials"][0], example="nope.pdf")]
    edit_guide(editor, path, dict(COMPLETE, materials=bad), status=400)
    # a named attachment cannot be removed
    page = editor.get(path + "@@ws-edit")
    token = hidden(page.text, "csrf_token")
    remove = {"csrf_token": token, "action": "remove", "name": names[0]}
    res = editor.post(path + "@@ws-guide-file", remove, status=409)
    assert "被申请材料引用" in res.text
    edit_guide(editor, path, COMPLETE)
    editor.post(path + "@@ws-guide-file", remove, status=303)
    assert read_root(wsgi_app, lambda root: len(find_resource(root, path).attachments())) == 0
    editor.post(path + "@@ws-guide-file", remove, status=303)  # a replay changes nothing


def test_uploads_are_sniffed_and_size_limited(wsgi_app, browser, monkeypatch):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    res = _upload(editor, path, "evil.pdf", b"MZ\x90\x00 not a pdf", status=400)
    assert "文件内容与扩展名" in res.text
    res = _upload(editor, path, "run.exe", b"MZ\x90\x00", status=400)
    assert "不支持该文件类型" in res.text
    wsgi_app.registry.settings["govportal.max_upload_bytes"] = str(1024 * 1024)
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    res = _upload(editor, path, "big.pdf", big, status=400)
    assert "文件过大" in res.text
    assert read_root(wsgi_app, lambda root: len(find_resource(root, path).attachments())) == 0


def test_stale_form_is_refused(wsgi_app, browser):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    page = editor.get(path + "@@ws-edit")
    serial = hidden(page.text, "serial")
    edit_guide(editor, path, dict(COMPLETE, title="第一次修改"))
    fields = form_fields(
        dict(COMPLETE, title="过期表单的修改"), hidden(page.text, "csrf_token"), serial=serial
    )
    res = editor.post(path + "@@ws-edit", fields, status=409)
    assert "已被他人修改" in res.text
    assert guide_attr(wsgi_app, path, "title") == ("第一次修改",)


def _take_lock(client, path):
    page = client.get(path + "@@ws-edit")
    offer = [f for f in page.forms.values() if (f.action or "").endswith("@@lock")][0]
    return offer.submit(status=303)


def test_lock_held_by_another_refuses_saving(wsgi_app, browser):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    # 开始编辑 on the edit page takes the lock (a POST to @@lock)
    assert _take_lock(editor, path).location.endswith(path + "@@ws-edit")
    # the holder saves from another window; the lock is released on saving
    edit_guide(browser("jyj_editor"), path, dict(COMPLETE, title="同一用户另一窗口"))
    _take_lock(editor, path)
    # the site administrator (edit in draft) is refused while the editor holds it
    admin = browser("admin")
    page = admin.get(path + "@@ws-edit")
    assert "正在编辑此办事指南" in page.text
    res = edit_guide(admin, path, dict(COMPLETE, title="管理员的修改"), status=423)
    assert "已锁定" in res.text
    res = admin.post(
        path + "@@ws-guide-file",
        {
            "csrf_token": hidden(page.text, "csrf_token"),
            "submission_token": hidden(page.text, "submission_token"),
            "action": "upload",
        },
        upload_files=[("upload", "表.docx", docx_bytes())],
        status=423,
    )
    assert guide_attr(wsgi_app, path, "title") == ("同一用户另一窗口",)
    # the reviewer sees the lock and breaks it, with a reason kept in the history
    reviewer = browser("jyj_reviewer")
    item = reviewer.get(path + "@@ws-item")
    assert "正在编辑" in item.text
    form = [f for f in item.forms.values() if (f.action or "").endswith("@@break-lock")][0]
    form["reason"] = "编辑请假，由管理员修改"
    form.submit(status=303)
    edit_guide(admin, path, dict(COMPLETE, title="管理员的修改"))
    history = reviewer.get(path + "@@ws-item").html.find(id="h-hist").find_parent("section")
    assert "编辑请假，由管理员修改" in history.text


def test_every_field_is_labelled_and_errors_are_tied_to_fields(browser):
    editor = browser("jyj_editor")
    page = editor.get(COLUMN + "@@ws-add-guide")
    form = page.html.find("form", id="ws-guide")
    labels = {label.get("for") for label in form.find_all("label")}
    controls = [
        c
        for c in form.find_all(["input", "select", "textarea"])
        if c.get("type") not in ("hidden", "submit")
    ]
    assert controls and all(c.get("id") in labels for c in controls), [
        c.get("name") for c in controls if c.get("id") not in labels
    ]
    # groups of checkboxes and rows of a sequence are named fieldsets
    legends = [legend.text.strip() for legend in form.find_all("legend")]
    for name in ("服务主题", "服务对象", "协办部门（并联审批）", "申请材料", "材料 1", "办理流程"):
        assert name in legends, legends
    headings = [int(h.name[1]) for h in page.html.find_all(["h1", "h2", "h3"])]
    steps = zip(headings, headings[1:], strict=False)
    assert headings[0] == 1 and all(b - a <= 1 for a, b in steps)
    res = add_guide(editor, dict(COMPLETE, promised_days="30"), status=400)
    field = res.html.find("input", attrs={"name": "promised_days"})
    assert field["aria-invalid"] == "true"
    error_id = [d for d in field["aria-describedby"].split() if d.startswith("error-")][0]
    assert "承诺时限不能超过法定时限" in res.html.find(id=error_id).text
