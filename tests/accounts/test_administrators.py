"""No default accounts (F5): three administrators, each in a group of its own
with its duty role only; nobody holds ALL_PERMISSIONS."""

from pyramid.security import ALL_PERMISSIONS, Allow
from substanced.util import get_oid

from govportal.security.localroles import get_local_roles

from ..conftest import csrf_token, read_root, totp_code
from .conftest import post_login, write_root


def _walk(resource, depth=3):
    yield resource
    if depth and hasattr(resource, "values"):
        for child in resource.values():
            yield from _walk(child, depth - 1)


def test_no_one_holds_all_permissions(wsgi_app):
    def check(root):
        for resource in _walk(root):
            for ace in getattr(resource, "__acl__", ()) or ():
                assert ace[0] != Allow or ace[2] != ALL_PERMISSIONS, (resource, ace)

    read_root(wsgi_app, check)


def test_each_administrator_holds_its_duty_role_only(wsgi_app):
    def check(root):
        users = root["principals"]["users"]
        grants = get_local_roles(root)
        expected = {
            "sysadmin": "system_admin",
            "secadmin": "security_admin",
            "auditadmin": "audit_admin",
        }
        for login, role in expected.items():
            user = users[login]
            groups = list(user.groups)
            assert len(groups) == 1 and groups[0].__name__ in (
                "系统管理员",
                "安全管理员",
                "审计管理员",
            )
            assert grants[get_oid(groups[0])] == frozenset({role})
            assert get_oid(user) not in grants
        admins = root["principals"]["groups"]["admins"]
        assert [u.__name__ for u in admins.members] == ["admin"]

    read_root(wsgi_app, check)


def test_first_sign_in_of_an_administrator_changes_the_password(client, wsgi_app):
    write_root(
        wsgi_app,
        lambda root: setattr(
            root["principals"]["users"]["auditadmin"], "must_change_password", True
        ),
    )
    post_login(client, "auditadmin", status=302)
    token = csrf_token(client.get("/@@login-totp").text)
    res = client.post(
        "/@@login-totp",
        {"code": totp_code(wsgi_app, "auditadmin"), "csrf_token": token},
        status=302,
    )
    assert res.location.endswith("/@@password")


def test_init_script_prints_three_administrators(tmp_path):
    import io

    from govportal.scripts import init

    from ..test_bootstrap import make_settings, write_ini

    ini = write_ini(tmp_path / "site.ini", make_settings(tmp_path / "site"))
    out = io.StringIO()
    init.init_site(ini, out=out)
    text = out.getvalue()
    for login in ("sysadmin", "secadmin", "auditadmin"):
        assert login in text
    assert "admin " not in text.replace("sysadmin", "").replace("secadmin", "").replace(
        "auditadmin", ""
    )
