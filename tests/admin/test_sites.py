"""管理 → 站点与栏目 through HTTP: who may open the pages, creating a
department (groups, standard columns, replay, bad names), columns (create,
reorder, close/reopen) and department contact details on the public page."""

import pytest
from substanced.util import find_service

from govportal.disclosure.columns import COLUMN_NAMES
from govportal.security.events import ActionRecorded
from govportal.security.localroles import get_local_roles
from govportal.workflow import get_state
from tests.conftest import csrf_token, read_root

from .conftest import ROLES

JSON = {"Accept": "application/json"}

#: every page of this part that needs manage_site
PAGES = (
    "/@@admin-sites",
    "/@@admin-site-add",
    "/@@admin-settings",
    "/jyj/@@admin-settings",
    "/@@admin-topics",
    "/@@admin-words",
    "/@@admin-calendar",
    "/@@admin-calendar.json",
    "/@@admin-column-add",
    "/jyj/@@admin-column-add",
    "/jyj/gzdt/@@admin-column-add",
)


@pytest.fixture
def actions(wsgi_app):
    """The actions recorded (``record_action``) during the test."""
    seen = []
    wsgi_app.registry.registerHandler(lambda e: seen.append(e), (ActionRecorded,))
    return seen


def dept_fields(token, name, title, short_title="", organ_code="", **extra):
    fields = [
        ("_charset_", "UTF-8"),
        ("__formid__", "dept-add"),
        ("_csrf_token_", token),
        ("name", name),
        ("title", title),
        ("short_title", short_title),
        ("organ_code", organ_code),
        ("description", extra.get("description", "")),
        ("contact_phone", extra.get("contact_phone", "")),
        ("contact_address", extra.get("contact_address", "")),
        ("office_hours", extra.get("office_hours", "")),
        ("contact_email", extra.get("contact_email", "")),
        ("add", "add"),
    ]
    return fields


def column_fields(token, name, title, kind="news"):
    return [
        ("_charset_", "UTF-8"),
        ("__formid__", "column-add"),
        ("_csrf_token_", token),
        ("name", name),
        ("title", title),
        ("kind", kind),
        ("description", ""),
        ("add", "add"),
    ]


def names(app, path=""):
    def find(root):
        node = root
        for part in [p for p in path.split("/") if p]:
            node = node[part]
        return list(node.keys())

    return read_root(app, find)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_site_administrator_opens_the_pages(client, role):
    b = client(role)
    for page in PAGES:
        expected = 200 if role == "site_admin" else (404 if role == "anonymous" else 403)
        res = b.get(page, status="*")
        assert res.status_int == expected, (role, page, res.status)
    # pages with their own permission: the organ's reviewers make its annual
    # report (annual_report); the site's staff read its timeliness list
    own = {
        "/jyj/@@annual-report": ("site_admin", "reviewer"),
        "/jyj/@@annual-report.xlsx": ("site_admin", "reviewer"),
        "/jyj/@@timeliness": ("site_admin", "reviewer", "editor", "auditor"),
    }
    for page, allowed in own.items():
        res = b.get(page, status="*")
        assert (res.status_int == 200) == (role in allowed), (role, page, res.status)
        assert res.status_int in (200, 403, 404), (role, page, res.status)
    if role != "site_admin":
        token = b.csrf() if role == "anonymous" else b.csrf("/@@workspace")
        b.post("/@@admin-site-add", dept_fields(token, "tyj", "营山县体育局"), status=(403, 404))
        b.post(
            "/jyj/gzdt/@@admin-column-state",
            {"transition": "close", "comment": "x", "csrf_token": token},
            status=(403, 404),
        )


def test_the_list_shows_every_site_and_its_columns(client):
    res = client("site_admin").get("/@@admin-sites")
    sections = [h.get_text(" ", strip=True) for h in res.html.select("section h2")]
    assert sections[0] == "门户网站" and any("营山县教育局" in s for s in sections)
    jyj = res.html.select_one("#site-jyj")
    titles = [a.get_text() for a in jyj.select(".adm-title > a")]
    assert titles[:6] == ["机构职能", "规范性文件", "办事指南", "权责清单", "工作动态", "通知公告"]
    assert "启用" in jyj.text
    assert (
        'name="csrf_token"' in res.text and "style=" not in res.text and "onclick" not in res.text
    )


def test_create_a_department_with_groups_and_standard_columns(client, wsgi_app, actions):
    admin = client("site_admin")
    token = csrf_token(admin.get("/@@admin-site-add").text)
    fields = dept_fields(
        token,
        "tyj",
        "营山县体育局",
        "体育局",
        "008000099",
        contact_phone="0817-8200000",
        contact_address="营山县朗池镇体育路1号",
        office_hours="工作日 9:00—17:00",
        contact_email="tyj@yingshan.gov.cn",
    )
    res = admin.post("/@@admin-site-add", fields, status=303)
    assert res.location.endswith("/@@admin-sites#site-tyj")
    # a replayed POST creates nothing more: the name is taken
    res = admin.post("/@@admin-site-add", fields, status=400)
    assert "已被使用" in res.text

    def check(root):
        dept = root["tyj"]
        groups = find_service(root, "principals", "groups")
        assert "体育局编辑" in groups and "体育局审核" in groups
        roles = get_local_roles(dept)
        assert sorted(r for rs in roles.values() for r in rs) == ["editor", "reviewer"]
        assert all(n in dept for n in COLUMN_NAMES)
        assert all(n in dept for n in ("jgzn", "gfxwj", "bszn", "qlqd", "gzdt", "tzgg"))
        return dept.contact_phone, dept.contact_email, len([d for d in root if d == "tyj"])

    assert read_root(wsgi_app, check) == ("0817-8200000", "tyj@yingshan.gov.cn", 1)
    assert [a.action for a in actions].count("department.create") == 1
    assert actions[-1].target == "/tyj" if actions[-1].action == "department.create" else True
    page = admin.get("/tyj/")
    assert "0817-8200000" in page.text and "营山县朗池镇体育路1号" in page.text


@pytest.mark.parametrize(
    "name, title, short, message",
    [
        ("jyj", "营山县教育局二", "教育二", "已被使用"),  # an existing department
        ("principals", "用户", "用户", "已被使用"),  # an existing service
        ("manage", "管理", "管理", "保留"),
        ("search", "搜索", "搜索", "保留"),
        ("../etc", "穿越", "穿越", "小写字母"),
        ("a/b", "斜杠", "斜杠", "小写字母"),
        ("..", "点点", "点点", "小写字母"),
        ("@@admin", "视图", "视图", "小写字母"),
        ("tyj", "营山县体育局", "教育局", "用户组"),  # the groups of 教育局 exist
    ],
)
def test_bad_department_names_are_refused(client, wsgi_app, name, title, short, message):
    admin = client("site_admin")
    token = csrf_token(admin.get("/@@admin-site-add").text)
    before = names(wsgi_app)
    res = admin.post("/@@admin-site-add", dept_fields(token, name, title, short), status=400)
    assert message in res.text
    res = admin.post(
        "/@@admin-site-add", dept_fields(token, name, title, short), headers=JSON, status=400
    )
    assert res.json["ok"] is False and res.json["errors"]
    assert names(wsgi_app) == before


def test_forged_posts_are_refused(client, wsgi_app):
    admin = client("site_admin")
    before = names(wsgi_app)
    admin.post("/@@admin-site-add", dept_fields("forged", "tyj", "营山县体育局"), status=400)
    admin.post(
        "/jyj/gzdt/@@admin-column-state", {"transition": "close", "comment": "x"}, status=400
    )
    admin.post("/jyj/@@admin-column-move", {"name": "gzdt", "direction": "up"}, status=400)
    admin.get("/jyj/@@admin-column-move", status=(403, 404, 405))  # never by GET
    assert names(wsgi_app) == before


def test_columns_are_created_reordered_closed_and_reopened(client, wsgi_app, actions):
    admin = client("site_admin")
    token = csrf_token(admin.get("/jyj/@@admin-column-add").text)
    admin.post("/jyj/@@admin-column-add", column_fields(token, "xwfb", "新闻发布"), status=303)
    admin.post("/jyj/xwfb/@@admin-column-add", column_fields(token, "tpxw", "图片新闻"), status=303)
    admin.post("/@@admin-column-add", column_fields(token, "zt", "专题专栏"), status=303)
    res = admin.post("/jyj/@@admin-column-add", column_fields(token, "xwfb", "重复"), status=400)
    assert "已被使用" in res.text
    assert "tpxw" in names(wsgi_app, "jyj/xwfb") and "zt" in names(wsgi_app)

    def order(root, path="jyj"):
        container = root[path]
        columns = [c for c in container.values() if hasattr(c, "position")]
        return [c.__name__ for c in sorted(columns, key=lambda c: (c.position, c.title))]

    first = read_root(wsgi_app, order)
    assert first[-1] == "xwfb"  # a new column goes last
    move = {"name": "xwfb", "direction": "up", "at": str(len(first) - 1), "csrf_token": token}
    res = admin.post("/jyj/@@admin-column-move", move, headers=JSON)
    assert res.json["ok"] and res.json["moved"]
    assert read_root(wsgi_app, order) == first[:-2] + ["xwfb", first[-2]]
    # the same POST again (a replay, or a second click on a stale page) moves nothing
    res = admin.post("/jyj/@@admin-column-move", move, headers=JSON, status=409)
    assert "刷新" in res.json["errors"][0]
    assert read_root(wsgi_app, order) == first[:-2] + ["xwfb", first[-2]]
    # the list's own form carries the place
    form = [
        f
        for f in admin.get("/@@admin-sites").forms.values()
        if f.action.endswith("/jyj/@@admin-column-move") and f["name"].value == "xwfb"
    ][0]
    assert form["at"].value == str(len(first) - 2)
    admin.post(
        "/jyj/@@admin-column-move",
        {"name": "jgzn", "direction": "up", "csrf_token": token},
        status=303,
    )  # already first: nothing moves
    # a column of another container, a path, an unknown direction: refused, nothing moves
    for name, direction in (("gzdt", "sideways"), ("yw", "up"), ("../yw", "up"), ("", "up")):
        admin.post(
            "/jyj/@@admin-column-move",
            {"name": name, "direction": direction, "csrf_token": token},
            status=400,
        )
    assert read_root(wsgi_app, order) == first[:-2] + ["xwfb", first[-2]]

    state = lambda root: get_state(root["jyj"]["gzdt"], wsgi_app.registry)  # noqa: E731
    res = admin.post(
        "/jyj/gzdt/@@admin-column-state",
        {"transition": "close", "comment": " ", "csrf_token": token},
        headers=JSON,
        status=400,
    )
    assert "必须填写意见" in res.json["errors"][0]
    assert read_root(wsgi_app, state) == "open"
    admin.post(
        "/jyj/gzdt/@@admin-column-state",
        {"transition": "publish", "comment": "x", "csrf_token": token},
        status=400,
    )
    admin.post(
        "/jyj/gzdt/@@admin-column-state",
        {"transition": "close", "comment": "栏目合并", "csrf_token": token},
        status=303,
    )
    assert read_root(wsgi_app, state) == "closed"
    assert "停用" in admin.get("/@@admin-sites").html.select_one("#site-jyj").text
    admin.post(
        "/jyj/gzdt/@@admin-column-state",
        {"transition": "close", "comment": "again", "csrf_token": token},
        status=409,
    )
    admin.post(
        "/jyj/gzdt/@@admin-column-state",
        {"transition": "reopen", "csrf_token": token},
        status=303,
    )
    assert read_root(wsgi_app, state) == "open"
    recorded = [a.action for a in actions]
    assert recorded.count("column.create") == 3
    assert recorded.count("column.close") == 1 and recorded.count("column.reopen") == 1
