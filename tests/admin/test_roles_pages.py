"""角色 pages through HTTP, as the security administrator: who has what,
grants per portal, department and column (F7), department groups, the
三员 rules."""

from pyramid_mailer import get_mailer  # noqa: F401 - keeps the mailer import order of other tests

from govportal.security.events import ActionRecorded
from tests.conftest import csrf_token, read_root
from tests.http.helpers import JSON

from .conftest import add_plain_user, place_oid, user_oid


def post(client, path, fields, **kw):
    token = csrf_token(client.get("/@@admin-roles").text)
    return client.post(path, dict(fields, csrf_token=token), **kw)


def grants(app, path, oid):
    def read(root):
        node = root
        for name in [p for p in path.split("/") if p]:
            node = node[name]
        return tuple((getattr(node, "__local_roles__", None) or {}).get(oid, ()))

    return read_root(app, read)


def record(app):
    seen = []
    app.registry.registerHandler(
        lambda e: seen.append((e.action, e.target, e.details)), (ActionRecorded,)
    )
    return seen


def test_index_lists_places(secadmin):
    res = secadmin.get("/@@admin-roles")
    assert res.status_int == 200
    text = res.text
    assert "县政府门户" in text and "营山县教育局 · 工作动态" in text
    res = secadmin.get("/@@admin-roles", {"q": "jyj"})
    assert "jyj_editor" in res.html.find(id="roles-users").text


def test_user_page_shows_roles_through_groups(secadmin, wsgi_app):
    res = secadmin.get(f"/@@admin-roles/user/{user_oid(wsgi_app, 'jyj_editor')}")
    row = res.html.find(id="roles-held").find("tbody").find("tr").text
    assert "营山县教育局" in row and "编辑" in row and "用户组“教育局编辑”" in row


def test_place_page_shows_who_has_what_with_inheritance(secadmin, wsgi_app):
    res = secadmin.get(f"/@@admin-roles/place/{place_oid(wsgi_app, 'jyj/gzdt')}")
    text = res.html.find(id="roles-holders").text
    assert "教育局编辑" in text and "jyj_editor" in text
    assert "营山县教育局（继承）" in text
    # global roles from the portal reach into the department …
    assert "审计员" in text and "站点管理员" in text
    # … the portal's editors do not
    assert "portal_editor" not in text and "门户编辑" not in text


def test_f7_editor_of_one_column_only(secadmin, wsgi_app, browser):
    oid = add_plain_user(wsgi_app, "zhao.lei", department="jyj")
    column = place_oid(wsgi_app, "jyj/gzdt")
    seen = record(wsgi_app)
    res = post(secadmin, "/@@admin-roles/grant", {"user": oid, "place": column, "role": "editor"})
    assert res.status_int == 303
    assert "已授予" in secadmin.get(res.location).text
    assert grants(wsgi_app, "jyj/gzdt", oid) == ("editor",)
    assert ("roles.grant", "/jyj/gzdt") in [(a, t) for a, t, _d in seen]
    assert ("session.revoke", "zhao.lei") in [(a, t) for a, t, _d in seen]
    editor = browser("zhao.lei")
    assert editor.get("/jyj/gzdt/@@ws-add").status_int == 200
    assert editor.get("/jyj/tzgg/@@ws-add", status="*").status_int == 403
    assert editor.get("/gzdt/@@ws-add", status="*").status_int in (403, 404)
    # the workspace offers her that column, and only that one, under 新建
    new = editor.get("/@@workspace").html.select("#ws-new-column option")
    assert [o["value"] for o in new] == ["/jyj/gzdt/"]
    # revoking ends the session and the right
    res = post(
        secadmin,
        "/@@admin-roles/revoke",
        {"user": oid, "place": column, "role": "editor", "back": "place"},
    )
    assert res.location.endswith(f"/@@admin-roles/place/{column}")
    assert grants(wsgi_app, "jyj/gzdt", oid) == ()
    # the old session has ended: the workspace asks to sign in again
    assert editor.get("/@@workspace", status="*").status_int == 302
    assert browser("zhao.lei").get("/jyj/gzdt/@@ws-add", status="*").status_int == 403


def test_grant_by_login_on_place_page_and_replay(secadmin, wsgi_app):
    oid = add_plain_user(wsgi_app, "zhao.lei")
    dept = place_oid(wsgi_app, "jyj")
    fields = {"login": "ZHAO.LEI", "place": dept, "role": "reviewer", "back": "place"}
    res = post(secadmin, "/@@admin-roles/grant", fields, headers=JSON)
    assert res.json["ok"] is True and res.json["changed"] is True
    res = post(secadmin, "/@@admin-roles/grant", fields, headers=JSON)
    assert res.json["changed"] is False and "已有" in res.json["message"]
    assert grants(wsgi_app, "jyj", oid) == ("reviewer",)


def test_duty_role_cannot_be_granted_through_the_form(secadmin, wsgi_app):
    oid = add_plain_user(wsgi_app, "zhao.lei")
    for role in ("system_admin", "security_admin", "audit_admin"):
        res = post(
            secadmin,
            "/@@admin-roles/grant",
            {"user": oid, "place": place_oid(wsgi_app, ""), "role": role},
            status=403,
        )
        assert "只能在服务器上用命令授予" in res.text
    for role in ("system", "anonymous", "bogus"):
        post(
            secadmin,
            "/@@admin-roles/grant",
            {"user": oid, "place": place_oid(wsgi_app, ""), "role": role},
            status=400,
        )
    assert grants(wsgi_app, "", oid) == ()


def test_duty_holder_gets_no_other_role(secadmin, wsgi_app):
    sys_oid = user_oid(wsgi_app, "sysadmin")
    res = post(
        secadmin,
        "/@@admin-roles/grant",
        {"user": sys_oid, "place": place_oid(wsgi_app, "jyj"), "role": "editor"},
        status=409,
    )
    assert "三员账号不能再拥有其他角色" in res.text
    assert grants(wsgi_app, "jyj", sys_oid) == ()
    page = secadmin.get(f"/@@admin-roles/user/{sys_oid}")
    assert "授予角色" not in page.text
    group = read_root(wsgi_app, lambda r: r["principals"]["groups"]["教育局编辑"].__oid__)

    def groups(root):
        return sorted(root["principals"]["users"]["sysadmin"].groupids)

    before = read_root(wsgi_app, groups)
    post(secadmin, "/@@admin-roles/groups", {"user": sys_oid, "groups": group}, status=409)
    assert read_root(wsgi_app, groups) == before
    assert group not in before


def test_group_membership(secadmin, wsgi_app, browser):
    oid = add_plain_user(wsgi_app, "zhao.lei")
    group = read_root(wsgi_app, lambda r: r["principals"]["groups"]["教育局审核"].__oid__)
    seen = record(wsgi_app)
    res = post(secadmin, "/@@admin-roles/groups", {"user": oid, "groups": group})
    assert res.status_int == 303
    assert "加入：教育局审核" in secadmin.get(res.location).text
    assert ("roles.grant", "/jyj") in [(a, t) for a, t, _d in seen]
    assert browser("zhao.lei").get("/jyj/@@applications").status_int == 200
    res = post(secadmin, "/@@admin-roles/groups", {"user": oid})
    assert "退出：教育局审核" in secadmin.get(res.location).text
    assert ("roles.revoke", "/jyj") in [(a, t) for a, t, _d in seen]
    members = read_root(wsgi_app, lambda r: list(r["principals"]["groups"]["教育局审核"].memberids))
    assert oid not in members


def test_foreign_and_forged_ids(secadmin, wsgi_app):
    oid = add_plain_user(wsgi_app, "zhao.lei")
    doc = read_root(wsgi_app, lambda r: r["zcwj"]["yingshan-website-regulation-2019"].__oid__)
    group = read_root(wsgi_app, lambda r: r["principals"]["groups"]["教育局编辑"].__oid__)
    # a document is no place, a group is no user, a user is no group
    post(
        secadmin, "/@@admin-roles/grant", {"user": oid, "place": doc, "role": "editor"}, status=400
    )
    post(
        secadmin,
        "/@@admin-roles/grant",
        {"user": group, "place": place_oid(wsgi_app, "jyj"), "role": "editor"},
        status=404,
    )
    post(secadmin, "/@@admin-roles/groups", {"user": oid, "groups": oid}, status=400)
    post(secadmin, "/@@admin-roles/grant", {"user": oid, "role": "editor"}, status=400)
    post(
        secadmin,
        "/@@admin-roles/grant",
        {"user": oid, "place": "1" * 5000, "role": "editor"},
        status=400,
    )
    secadmin.get(f"/@@admin-roles/place/{doc}", status=404)
    secadmin.get(f"/@@admin-roles/user/{group}", status=404)
    secadmin.get("/@@admin-roles/elsewhere/1", status=404)
    secadmin.get("/@@admin-roles/grant", status=405)
    # revoking what was never granted
    post(
        secadmin,
        "/@@admin-roles/revoke",
        {"user": oid, "place": place_oid(wsgi_app, "jyj"), "role": "editor"},
        status=409,
    )
