"""Authorization matrix of the users, roles and security pages of 管理:
each view × each role (anonymous, editor, reviewer, auditor, site_admin and
the three administrators).  Only the owning duty gets in (三员分立); every
other signed-in role gets 403 and changes nothing; anonymous visitors never
see a page.  Then the attacks: forged POSTs without or with a foreign CSRF
token, a security administrator creating users, a system administrator
granting roles."""

import pytest

from govportal.accounts.rules import Rules
from govportal.admin.users_security import RULES
from tests.conftest import csrf_token, read_root

from .conftest import ROLES, add_plain_user, place_oid, user_oid

#: (method, path template, owning role); {user}/{place} are filled in
VIEWS = (
    ("GET", "/@@admin-users", "system_admin"),
    ("GET", "/@@admin-users?q=jyj&state=locked", "system_admin"),
    ("GET", "/@@admin-users-new", "system_admin"),
    ("POST", "/@@admin-users-new", "system_admin"),
    ("GET", "/@@admin-user/{user}", "system_admin"),
    ("POST", "/@@admin-user/{user}", "system_admin"),
    ("POST", "/@@admin-user/{user}/disable", "system_admin"),
    ("POST", "/@@admin-user/{user}/enable", "system_admin"),
    ("POST", "/@@admin-user/{user}/reset-link", "system_admin"),
    ("GET", "/@@admin-roles", "security_admin"),
    ("GET", "/@@admin-roles/user/{user}", "security_admin"),
    ("GET", "/@@admin-roles/place/{place}", "security_admin"),
    ("POST", "/@@admin-roles/grant", "security_admin"),
    ("POST", "/@@admin-roles/revoke", "security_admin"),
    ("POST", "/@@admin-roles/groups", "security_admin"),
    ("GET", "/@@admin-security", "security_admin"),
    ("GET", "/@@admin-security/{user}", "security_admin"),
    ("POST", "/@@admin-security/{user}/unlock", "security_admin"),
    ("POST", "/@@admin-security/{user}/force-change", "security_admin"),
    ("POST", "/@@admin-security/{user}/revoke-sessions", "security_admin"),
    ("POST", "/@@admin-security/{user}/reset-totp", "security_admin"),
    ("POST", "/@@admin-security/policy", "security_admin"),
)

#: roles that see the 管理 home (they have some administration page; a
#: department's editors its 依申请公开 queue and 公开时效 list)
HOME = set(ROLES) - {"anonymous"}


def _snapshot(root):
    """What a refused request must leave alone: accounts, memberships, grants."""
    users = root["principals"]["users"]
    state = {
        login: (
            getattr(u, "disabled", False),
            getattr(u, "must_change_password", False),
            getattr(u, "fullname", None),
            tuple(sorted(u.groupids)),
            getattr(u, "ticket_version", 0),
            bool(getattr(u, "totp_secret", None)),
            getattr(u, "reset_token_hash", None),
        )
        for login, u in users.items()
    }
    grants = {
        path: dict(getattr(node, "__local_roles__", None) or {})
        for path, node in (("", root), ("jyj", root["jyj"]), ("gzdt", root["jyj"]["gzdt"]))
    }
    rules = dict(getattr(root, "govportal_account_rules", None) or {})
    return state, grants, rules


def _fields(path, token, target, place):
    """Plausible fields for each POST (the owner's request would succeed)."""
    fields = {"csrf_token": token, "_csrf_token_": token}
    if path == "/@@admin-users-new":
        fields.update(login="matrix.user", fullname="测试", email="m@example.gov.cn", save="save")
    elif path.startswith("/@@admin-user/") and path.count("/") == 2:
        fields.update(fullname="改名", email="x@example.gov.cn", save="save")
    elif path.startswith("/@@admin-roles/"):
        fields.update(user=target, place=place, role="editor", groups=[])
    elif path == "/@@admin-security/policy":
        fields.update({spec.name: str(getattr(Rules(), spec.name)) for spec in RULES})
        fields.update(lockout_minutes="20")
    return fields


def _request(client, method, path, token, target, place):
    if method == "GET":
        return client.get(path, status="*")
    return client.post(path, _fields(path, token, target, place), status="*")


@pytest.mark.parametrize("role", ROLES)
def test_matrix(role, client, wsgi_app):
    target = user_oid(wsgi_app, "wsj_editor") if _has(wsgi_app, "wsj_editor") else None
    target = target or user_oid(wsgi_app, "jyj_reviewer")
    place = place_oid(wsgi_app, "jyj/gzdt")
    c = client(role)
    token = csrf_token(c.get("/@@login").text)
    home = c.get("/@@admin", status="*").status_int
    if role in HOME:
        assert home == 200, role
    else:
        assert home in ((403,) if role != "anonymous" else (302, 303, 403, 404)), (role, home)
    for method, template, owner in VIEWS:
        path = template.format(user=target, place=place)
        before = read_root(wsgi_app, _snapshot)
        res = _request(c, method, path, token, target, place)
        status = res.status_int
        if role == owner:
            assert status in (200, 303), (role, method, path, status)
            continue
        if role == "anonymous":
            assert status in (302, 303, 403, 404), (role, method, path, status)
        else:
            assert status == 403, (role, method, path, status)
        assert read_root(wsgi_app, _snapshot) == before, (role, method, path)


def _has(app, login):
    return read_root(app, lambda root: login in root["principals"]["users"])


def test_home_links_by_permission(client):
    links = {}
    for role in ("reviewer", "site_admin", "system_admin", "security_admin", "audit_admin"):
        page = client(role).get("/@@admin")
        links[role] = {a["href"].split("localhost", 1)[-1] for a in page.html.main.find_all("a")}
    assert "/@@admin-users" in links["system_admin"]
    assert "/manage" in links["system_admin"]
    assert "/@@admin-roles" in links["security_admin"]
    assert "/@@admin-security" in links["security_admin"]
    assert "/@@admin-users" not in links["security_admin"]
    assert "/@@admin-roles" not in links["system_admin"]
    assert not any("admin-users" in h or "admin-roles" in h for h in links["site_admin"])
    assert {"/@@admin-sites", "/@@admin-settings", "/@@admin-words", "/@@admin-calendar"} <= links[
        "site_admin"
    ]
    assert "/@@audit" in links["audit_admin"]
    assert not any("/@@audit" in links[r] for r in links if r != "audit_admin")
    assert links["audit_admin"] - {"/@@admin", "/@@audit"} == set()
    # a department reviewer finds the 依申请公开 queue and the annual report
    assert "/jyj/@@applications" in links["reviewer"]
    assert "/jyj/@@annual-report" in links["reviewer"]
    assert not any("/wsj/" in h for h in links["reviewer"])
    assert not any("admin-" in h for h in links["reviewer"] - {"/@@admin"})


def test_nav_and_home_only_for_those_with_pages(client, browser, wsgi_app):
    assert '/@@admin"' in client("reviewer").get("/@@workspace").text
    add_plain_user(wsgi_app, "nobody")
    plain = browser("nobody")
    assert '/@@admin"' not in plain.get("/@@workspace").text
    res = plain.get("/@@admin", status=403)
    assert "没有可以使用的管理功能" in res.text


def test_forged_posts_without_csrf_change_nothing(sysadmin, secadmin, wsgi_app, browser):
    target = user_oid(wsgi_app, "jyj_editor")
    place = place_oid(wsgi_app, "jyj")
    other = csrf_token(browser().get("/@@login").text)  # another session's token
    cases = (
        (sysadmin, "/@@admin-users-new"),
        (sysadmin, f"/@@admin-user/{target}"),
        (sysadmin, f"/@@admin-user/{target}/disable"),
        (sysadmin, f"/@@admin-user/{target}/reset-link"),
        (secadmin, "/@@admin-roles/grant"),
        (secadmin, "/@@admin-roles/groups"),
        (secadmin, f"/@@admin-security/{target}/force-change"),
        (secadmin, "/@@admin-security/policy"),
    )
    for client, path in cases:
        before = read_root(wsgi_app, _snapshot)
        fields = _fields(path, "", target, place)
        for token in (None, "forged", other):
            if token is None:
                fields.pop("csrf_token"), fields.pop("_csrf_token_")
            else:
                fields.update(csrf_token=token, _csrf_token_=token)
            res = client.post(path, fields, status="*")
            assert res.status_int == 400, (path, token, res.status_int)
        assert read_root(wsgi_app, _snapshot) == before, path


def test_security_admin_cannot_create_users(secadmin, wsgi_app):
    token = csrf_token(secadmin.get("/@@admin-roles").text)
    fields = _fields("/@@admin-users-new", token, None, None)
    secadmin.post("/@@admin-users-new", fields, status=403)
    assert not _has(wsgi_app, "matrix.user")


def test_system_admin_cannot_grant_roles(sysadmin, wsgi_app):
    target = user_oid(wsgi_app, "jyj_reviewer")
    place = place_oid(wsgi_app, "jyj/gzdt")
    token = csrf_token(sysadmin.get("/@@admin-users").text)
    before = read_root(wsgi_app, _snapshot)
    fields = _fields("/@@admin-roles/grant", token, target, place)
    sysadmin.post("/@@admin-roles/grant", fields, status=403)
    assert read_root(wsgi_app, _snapshot) == before
