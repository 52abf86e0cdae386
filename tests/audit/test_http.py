"""The audit log through HTTP: who may read and export it, what gets recorded."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.security.events import record_action
from tests.conftest import csrf_token
from tests.http.helpers import add_document, transition

from .conftest import all_entries

AUDIT_ADMIN = "t_auditadmin"
#: every other kind of staff: the other two administrators, the site
#: administrator, the 审计员 (auditor), editors and reviewers
OTHERS = ["t_sysadmin", "t_secadmin", "admin", "auditor", "jyj_editor", "jyj_reviewer"]
COLUMN = "/jyj/gzdt/"


@pytest.fixture
def auditadmin(browser, staff):
    return browser(AUDIT_ADMIN)


def site_admin_login(wsgi_app):
    """The demo site administrator's login (``admin`` or, with the accounts'
    bootstrap, whoever is in the admins group)."""
    from tests.conftest import read_root

    def find(root):
        users = root["principals"]["users"]
        return "admin" if "admin" in users else None

    return read_root(wsgi_app, find)


def export_fields(token, fmt="csv", **flt):
    return {"csrf_token": token, "format": fmt, **flt}


def test_audit_admin_reads_the_log(auditadmin, wsgi_app):
    res = auditadmin.get("/@@audit", status=200)
    assert "审计日志" in res.text
    assert 'lang="zh-CN"' in res.text
    assert "<script>" not in res.text and " onclick" not in res.text and "style=" not in res.text
    assert res.headers["Cache-Control"].startswith("private")
    # the form's labels and the action titles are Chinese
    assert '<label for="audit-action">操作</label>' in res.text
    assert "登录失败" in res.text and "导出审计日志" in res.text


@pytest.mark.parametrize("login", OTHERS)
def test_nobody_else_reads_or_exports(browser, staff, wsgi_app, login):
    if login == "admin" and site_admin_login(wsgi_app) is None:
        pytest.skip("no demo site administrator named admin")
    client = browser(login)
    client.get("/@@audit", status=403)
    token = client.csrf()
    client.post("/@@audit-export", export_fields(token), status=403)
    assert not [e for e in all_entries(wsgi_app) if e["action"] in ("audit.view", "audit.export")]


def test_anonymous_is_refused(testapp, wsgi_app):
    res = testapp.get("/@@audit", status="*")
    assert res.status_int in (302, 303, 403, 404)
    if res.status_int in (302, 303):
        assert "login" in res.location
    res = testapp.post("/@@audit-export", {"format": "csv"}, status="*")
    assert res.status_int in (302, 303, 400, 403, 404)
    assert "序号" not in res.text


def test_viewing_is_recorded_once_per_search(auditadmin, wsgi_app):
    for _ in range(3):
        auditadmin.get("/@@audit", status=200)
    views = [e for e in all_entries(wsgi_app) if e["action"] == "audit.view"]
    assert len(views) == 1
    assert views[0]["actor"] == AUDIT_ADMIN and views[0]["actor_id"]
    auditadmin.get("/@@audit", {"action": "login.failure"}, status=200)
    auditadmin.get("/@@audit", {"action": "login.failure", "before": "5"}, status=200)
    views = [e for e in all_entries(wsgi_app) if e["action"] == "audit.view"]
    assert len(views) == 2
    assert views[1]["details"] == {"action": "login.failure"}


def test_bad_filter_is_a_400_in_chinese(auditadmin):
    res = auditadmin.get("/@@audit", {"start": "yesterday"}, status=400)
    assert "时间格式不正确" in res.text
    res = auditadmin.get("/@@audit", {"action": "nope"}, status=400)
    assert "没有这种操作类型" in res.text
    token = auditadmin.csrf("/@@audit")
    res = auditadmin.post(
        "/@@audit-export",
        export_fields(token, fmt="pdf"),
        headers={"Accept": "application/json"},
        status=400,
    )
    assert res.json["ok"] is False and "导出格式" in res.json["errors"][0]


def test_export_csv_and_xlsx_are_recorded(auditadmin, wsgi_app):
    auditadmin.get("/@@audit", status=200)
    token = auditadmin.csrf("/@@audit")
    res = auditadmin.post("/@@audit-export", export_fields(token, "csv"), status=200)
    assert res.content_type == "text/csv"
    assert "attachment" in res.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(res.body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "时间（北京时间）", "时间（UTC）"]
    assert any(r[7] == "audit.view" and r[6] == "查阅审计日志" for r in rows[1:])
    exports = [e for e in all_entries(wsgi_app) if e["action"] == "audit.export"]
    assert len(exports) == 1 and exports[0]["details"]["format"] == "csv"
    assert exports[0]["actor"] == AUDIT_ADMIN

    res = auditadmin.post(
        "/@@audit-export", export_fields(token, "xlsx", action="audit.export"), status=200
    )
    sheet = load_workbook(io.BytesIO(res.body)).active
    values = list(sheet.values)
    assert values[0][0] == "序号"
    assert [v[7] for v in values[1:]] == ["audit.export"]
    exports = [e for e in all_entries(wsgi_app) if e["action"] == "audit.export"]
    assert len(exports) == 2 and exports[1]["details"]["filter"] == {"action": "audit.export"}


def test_forged_and_unsafe_requests_change_nothing(auditadmin, wsgi_app):
    auditadmin.get("/@@audit", status=200)
    before = all_entries(wsgi_app)
    # no token, a wrong token: refused, nothing exported
    res = auditadmin.post("/@@audit-export", {"format": "csv"}, status="*")
    assert res.status_int in (400, 403)
    res = auditadmin.post("/@@audit-export", {"format": "csv", "csrf_token": "x" * 40}, status="*")
    assert res.status_int in (400, 403)
    # exports are POST only; the page is GET only; nothing edits or deletes
    assert auditadmin.get("/@@audit-export", status="*").status_int in (404, 405)
    token = auditadmin.csrf("/@@audit")
    for method in ("post", "put", "delete", "patch"):
        res = getattr(auditadmin.app, method)(
            "/@@audit", {"csrf_token": token, "seq": "1"}, status="*"
        )
        assert res.status_int in (400, 403, 404, 405), method
    assert all_entries(wsgi_app) == before
    assert wsgi_app.registry.govportal_audit.verify().ok


def test_transition_recorded_with_actor_and_address(browser, wsgi_app):
    editor = browser("jyj_editor")
    editor.app.extra_environ["REMOTE_ADDR"] = "192.0.2.7"
    path = add_document(editor, COLUMN, "审计测试稿")
    transition(editor, path, "submit", status=200)
    entries = [
        e
        for e in all_entries(wsgi_app)
        if e["action"] == "workflow.transition" and e["target"] == path.rstrip("/")
    ]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["actor"] == "jyj_editor" and entry["actor_id"].lstrip("-").isdigit()
    assert entry["address"] == "192.0.2.7"
    assert entry["target"] == path.rstrip("/")
    assert entry["details"]["transition"] == "submit"
    assert (entry["details"]["from"], entry["details"]["to"]) == ("draft", "review")
    assert entry["details"]["title"] == "审计测试稿"


def test_refused_transition_leaves_no_transition_entry(browser, wsgi_app):
    editor = browser("jyj_editor")
    path = add_document(editor, COLUMN, "不能自审")
    transition(editor, path, "approve", status="*")
    assert not [e for e in all_entries(wsgi_app) if e["target"] == path.rstrip("/")]


def delete_as(app, login, path, address):
    """Delete the item at ``path`` as ``login`` from ``address`` (in-process:
    the workspace has no delete form)."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        user = root["principals"]["users"][login]
        req = request_as(request, get_oid(user))
        req.environ["REMOTE_ADDR"] = address
        manager.push({"registry": app.registry, "request": req})
        try:
            item = find_resource(root, path)
            item.__parent__.remove(item.__name__)
        finally:
            manager.pop()


def test_deletion_recorded_with_actor_and_address(browser, wsgi_app, staff):
    editor = browser("jyj_editor")
    path = add_document(editor, COLUMN, "将被删除的稿件")
    delete_as(wsgi_app, "t_sysadmin", path, "198.51.100.9")
    entries = [e for e in all_entries(wsgi_app) if e["action"] == "content.delete"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["target"] == path.rstrip("/")
    assert entry["actor"] == "t_sysadmin" and entry["actor_id"].lstrip("-").isdigit()
    assert entry["address"] == "198.51.100.9"
    assert entry["details"]["title"] == "将被删除的稿件"
    assert entry["details"].get("state") == "draft", entry["details"]


def test_aborted_deletion_leaves_no_entry(browser, wsgi_app):
    editor = browser("jyj_editor")
    path = add_document(editor, COLUMN, "删除后回滚")
    with site_session(wsgi_app.registry, commit=False) as (zodb_root, _request):
        item = find_resource(zodb_root["app_root"], path)
        item.__parent__.remove(item.__name__)  # no acting request: a script
    assert not [e for e in all_entries(wsgi_app) if e["action"] == "content.delete"]


def test_failed_login_is_stored_though_the_request_is_aborted(testapp, wsgi_app):
    """A refusal is written at once, in the audit's own transaction."""
    res = testapp.get("/@@login", status="*")
    if res.status_int == 200 and "csrf_token" in res.text:
        token = csrf_token(res.text)
        testapp.post(
            "/@@login",
            {"login": "jyj_editor", "password": "wrong-password", "csrf_token": token},
            extra_environ={"REMOTE_ADDR": "203.0.113.5"},
            status="*",
        )
    failures = [e for e in all_entries(wsgi_app) if e["action"] == "login.failure"]
    if not failures:  # the accounts' sign-in does not announce yet: announce here
        with site_session(wsgi_app.registry, commit=False) as (_zodb_root, request):
            request.environ["REMOTE_ADDR"] = "203.0.113.5"
            record_action(request, "login.failure", actor="jyj_editor", result="failure")
        failures = [e for e in all_entries(wsgi_app) if e["action"] == "login.failure"]
    assert len(failures) == 1
    assert failures[0]["actor"] == "jyj_editor"
    assert failures[0]["address"] == "203.0.113.5"
    assert failures[0]["result"] == "failure"


def test_success_announcement_waits_for_commit(wsgi_app):
    def changes():
        return [e for e in all_entries(wsgi_app) if e["action"] == "settings.change"]

    with site_session(wsgi_app.registry, commit=False) as (_zodb_root, request):
        record_action(request, "settings.change", target="password_min_length")
    assert changes() == []
    with site_session(wsgi_app.registry) as (_zodb_root, request):
        record_action(request, "settings.change", target="password_min_length")
        record_action(request, "settings.change", target="password_min_length")
    assert [e["target"] for e in changes()] == ["password_min_length"]


def test_trusted_proxy_forwarded_address(wsgi_app):
    from govportal.audit.recording import client_address

    with site_session(wsgi_app.registry, commit=False) as (_zodb_root, request):
        request.environ["REMOTE_ADDR"] = "127.0.0.1"
        request.headers["X-Forwarded-For"] = "198.51.100.1, 203.0.113.9"
        assert client_address(request) == "127.0.0.1"  # not trusted by default
        wsgi_app.registry.govportal_audit_proxies = frozenset({"127.0.0.1"})
        try:
            assert client_address(request) == "203.0.113.9"
        finally:
            wsgi_app.registry.govportal_audit_proxies = frozenset()


def test_audit_write_failure_keeps_the_answer(browser, wsgi_app, monkeypatch, caplog):
    def broken(fields):
        raise OSError("disk full")

    monkeypatch.setattr(wsgi_app.registry.govportal_audit, "append", broken)
    editor = browser("jyj_editor")
    path = add_document(editor, COLUMN, "审计写入失败")
    res = transition(editor, path, "submit", status=200)
    assert res.json["ok"] is True
    assert "AUDIT WRITE FAILED" in caplog.text
