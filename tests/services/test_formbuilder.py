"""The form builder (``<guide>/@@form-builder``) through HTTP: staff add, change,
reorder and remove fields; bad forms, stale and replayed posts change nothing;
only editors of the guide's department, only while it is editable."""

import collections
import threading

import pytest

from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow
from tests.concurrency.helpers import quiet_server, threaded_server

from ..conftest import PASSWORD, csrf_token
from .form_helpers import SPECS, form_fields, hidden, make_guide


def builder(client, path, status=200):
    return client.get(path + "@@form-builder", status=status)


def post(client, path, status=303, page=None, **fields):
    page = page or builder(client, path)
    data = {"csrf_token": csrf_token(page.text), "version": hidden(page.text, "version")}
    data.update(fields)
    return client.post(path + "@@form-builder", data, status=status)


def add(client, path, status=303, **fields):
    data = {"action": "save", "original": "", "kind": "text"}
    data.update(fields)
    return post(client, path, status=status, **data)


def test_editor_adds_changes_and_previews_fields(wsgi_app, browser):
    path = make_guide(wsgi_app, form_fields=())
    editor = browser("jyj_editor")
    page = builder(editor, path)
    assert "在线申请表单设计" in page.text and "尚未添加字段" in page.text
    add(editor, path, name="school_name", label="拟办学校名称", required="1", max_length="80")
    add(
        editor,
        path,
        name="grade",
        label="学段",
        kind="multichoice",
        choices="小学\r\n初中\r\n\r\n高中",
    )
    add(
        editor, path, name="plan", label="办学方案", kind="file", extensions="pdf, docx", max_mb="5"
    )
    specs = form_fields(wsgi_app, path)
    assert [s["name"] for s in specs] == ["school_name", "grade", "plan"]
    assert specs[0]["required"] is True and specs[0]["max_length"] == 80
    assert specs[1]["choices"] == ("小学", "初中", "高中")
    assert specs[2]["extensions"] == ("pdf", "docx") and specs[2]["max_mb"] == 5
    page = editor.get(path + "@@form-builder")
    assert "在线申请表单已保存" in page.text  # the flash of the last save
    # the preview shows the public form: labelled controls, a group for choices
    assert '<label for="p-school_name">拟办学校名称' in page.text
    assert "<legend>学段</legend>" in page.text
    assert 'accept=".pdf,.docx"' in page.text
    # change a field: its name and kind may change too
    page = editor.get(path + "@@form-builder?edit=school_name")
    assert 'value="拟办学校名称"' in page.text and hidden(page.text, "original") == "school_name"
    post(
        editor,
        path,
        page=page,
        action="save",
        original="school_name",
        name="school",
        label="学校名称",
        kind="text",
    )
    specs = form_fields(wsgi_app, path)
    assert [s["name"] for s in specs] == ["school", "grade", "plan"]
    assert specs[0]["required"] is False and specs[0]["max_length"] == 100  # the default


def test_preview_shows_an_unsaved_field_after_the_applicant_block(wsgi_app, browser):
    path = make_guide(wsgi_app, user_types=("legal",))
    editor = browser("jyj_editor")
    page = builder(editor, path)
    # the applicant block of a guide for legal persons comes first
    assert '<label for="pa-applicant_credit_code">统一社会信用代码' in page.text
    assert 'id="pa-applicant_id_number"' not in page.text
    res = post(
        editor,
        path,
        status=200,
        page=page,
        action="preview",
        original="",
        name="capital",
        label="注册资本（万元）",
        kind="text",
        required="1",
    )
    assert '<label for="p-capital">注册资本（万元）' in res.text
    assert "含尚未保存的修改" in res.text and 'value="注册资本（万元）"' in res.text
    assert form_fields(wsgi_app, path) == SPECS  # nothing saved
    res = post(editor, path, status=400, action="preview", name="school_name", label="重名")
    assert "字段名重复" in res.text and "含尚未保存的修改" not in res.text
    # a required choice group says so to screen readers too
    assert '<legend>学校类别<span class="req" aria-hidden="true"> *</span>' in res.text
    assert '<span class="visually-hidden">（必填）</span></legend>' in res.text


def test_reorder_and_remove(wsgi_app, browser):
    path = make_guide(wsgi_app)
    editor = browser("jyj_editor")
    post(editor, path, action="down", field="school_name")
    post(editor, path, action="up", field="licence")
    names = [s["name"] for s in form_fields(wsgi_app, path)]
    assert names == ["school_type", "school_name", "licence", "open_on"]
    post(editor, path, action="remove", field="open_on")
    post(editor, path, action="up", field="school_type")  # already first: unchanged
    names = [s["name"] for s in form_fields(wsgi_app, path)]
    assert names == ["school_type", "school_name", "licence"]
    res = post(editor, path, status=409, action="remove", field="nope")
    assert "已不存在" in res.text


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "school_name", "label": "重名"}, "字段名重复"),
        ({"name": "Bad-Name", "label": "坏名"}, "字段名须以小写英文字母开头"),
        ({"name": "applicant_name", "label": "保留"}, "保留名称"),
        (
            {"name": "kind1", "label": "单选", "kind": "choice", "choices": "只有一项"},
            "2 至 50 个选项",
        ),
        (
            {"name": "f", "label": "文件", "kind": "file", "extensions": "exe"},
            "不支持的文件类型 exe",
        ),
        ({"name": "f", "label": "文件", "kind": "file", "max_mb": "500"}, "1 至 50 MB"),
        ({"name": "t", "label": "", "kind": "text"}, "请填写标题"),
        ({"name": "t", "label": "文本", "kind": "nonsense"}, "未知的字段类型"),
        ({"name": "t", "label": "文本", "max_length": "99999"}, "最多字数"),
    ],
)
def test_bad_fields_are_refused_in_chinese_and_nothing_saved(wsgi_app, browser, fields, message):
    path = make_guide(wsgi_app)
    editor = browser("jyj_editor")
    res = add(editor, path, status=400, **fields)
    assert message in res.text and "未保存" in res.text
    assert 'role="alert"' in res.text
    # what was typed is kept for correction, escaped
    if fields.get("label"):
        assert f'value="{fields["label"]}"' in res.text
    assert form_fields(wsgi_app, path) == SPECS


def test_at_most_forty_fields(wsgi_app, browser):
    specs = [{"name": f"f{i}", "label": f"第{i}项", "kind": "text"} for i in range(40)]
    path = make_guide(wsgi_app, form_fields=specs)
    res = add(browser("jyj_editor"), path, status=400, name="f40", label="第41项")
    assert "表单最多 40 项" in res.text
    assert len(form_fields(wsgi_app, path)) == 40


def test_labels_are_escaped(wsgi_app, browser):
    path = make_guide(wsgi_app, form_fields=())
    editor = browser("jyj_editor")
    evil = "<script>alert(1)</script>"
    add(editor, path, name="x", label=evil[:60], help=evil, kind="choice", choices=f"{evil}\n乙")
    page = builder(editor, path)
    assert evil not in page.text and "&lt;script&gt;" in page.text


def test_stale_and_replayed_posts_change_nothing(wsgi_app, browser):
    path = make_guide(wsgi_app, form_fields=())
    editor = browser("jyj_editor")
    page = builder(editor, path)
    data = {
        "csrf_token": csrf_token(page.text),
        "version": hidden(page.text, "version"),
        "action": "save",
        "original": "",
        "name": "a",
        "label": "甲",
        "kind": "text",
    }
    editor.post(path + "@@form-builder", data, status=303)
    res = editor.post(path + "@@form-builder", data, status=409)  # a replay
    assert "已被他人修改" in res.text
    # someone else's change meanwhile: this page's post is refused
    other = browser("jyj_editor")
    stale = builder(other, path)
    add(editor, path, name="b", label="乙")
    post(other, path, status=409, page=stale, action="remove", field="a")
    assert [s["name"] for s in form_fields(wsgi_app, path)] == ["a", "b"]


def test_csrf_is_required(wsgi_app, browser):
    path = make_guide(wsgi_app, form_fields=())
    editor = browser("jyj_editor")
    page = builder(editor, path)
    data = {"version": hidden(page.text, "version"), "action": "save", "name": "a", "label": "甲"}
    editor.post(path + "@@form-builder", data, status=400)
    assert form_fields(wsgi_app, path) == ()


def test_only_editors_of_the_department_while_editable(wsgi_app, browser):
    path = make_guide(wsgi_app)
    builder(browser("wjj_editor"), path, status=403)
    builder(browser(), path, status=404)  # anonymous: a draft does not exist for them
    builder(browser("jyj_reviewer"), path, status=403)  # reviewers do not edit drafts
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        guide = root["jyj"]["bszn"]["test-guide"]
        user = root["principals"]["users"]["jyj_editor"]
        from substanced.util import get_oid

        get_workflow(guide, request.registry).transition(
            guide, request_as(request, get_oid(user)), "submit"
        )
    editor = browser("jyj_editor")
    builder(editor, path, status=403)  # submitted for review: no longer editable
    res = editor.post(path + "@@form-builder", {"action": "remove", "field": "x"}, status="*")
    assert res.status_int in (400, 403)
    assert form_fields(wsgi_app, path) == SPECS


# -- 16 editors at once ----------------------------------------------------------


@pytest.fixture
def server_port(wsgi_app):
    with threaded_server(wsgi_app, "formbuilder-server") as port:
        yield port


@quiet_server
def test_sixteen_editors_save_one_version_once(wsgi_app, server_port, monkeypatch):
    """16 editors post a field, all from the same version of the form: one
    wins, the others are told it changed (409); no field is lost or doubled
    and the form stays consistent."""
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    path = make_guide(wsgi_app, form_fields=())
    clients = []
    for _ in range(16):
        client = Client(server_port)
        client.login("jyj_editor", PASSWORD)
        clients.append(client)
    pages = [c.get(path + "@@form-builder") for c in clients]
    statuses = collections.Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def writer(i):
        page = pages[i]
        fields = {
            "csrf_token": csrf_token(page.text),
            "version": hidden(page.text, "version"),
            "action": "save",
            "original": "",
            "name": f"f{i}",
            "label": f"第{i}项",
            "kind": "text",
        }
        barrier.wait()
        status = clients[i].post(path + "@@form-builder", fields).status
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert statuses == {303: 1, 409: 15}, statuses
    specs = form_fields(wsgi_app, path)
    assert len(specs) == 1 and specs[0]["name"].startswith("f")
