"""安全 pages through HTTP, as the security administrator: unlock, force a
password change, revoke sessions, reset the second factor, the policy."""

from govportal.accounts import get_rules
from tests.conftest import csrf_token, read_root
from tests.http.helpers import JSON

from .conftest import user_oid


def post(client, path, fields=None, **kw):
    token = csrf_token(client.get("/@@admin-security").text)
    return client.post(path, dict(fields or {}, csrf_token=token), **kw)


def fail_logins(browser, login, times):
    client = browser()
    for _ in range(times):
        token = csrf_token(client.get("/@@login").text)
        client.post(
            "/@@login", {"login": login, "password": "wrong", "csrf_token": token}, status="*"
        )


def user_attr(app, login, name):
    return read_root(app, lambda r: getattr(r["principals"]["users"][login], name, None))


def test_locked_account_is_listed_and_unlocked(secadmin, wsgi_app, browser):
    rules = get_rules(wsgi_app.registry)
    fail_logins(browser, "jyj_editor", rules.lockout_failures)
    page = secadmin.get("/@@admin-security")
    assert "jyj_editor" in page.html.find(id="h-locked").parent.text
    oid = user_oid(wsgi_app, "jyj_editor")
    assert "锁定至" in secadmin.get(f"/@@admin-security/{oid}").text
    res = post(secadmin, f"/@@admin-security/{oid}/unlock")
    assert res.status_int == 303
    assert "已解锁" in secadmin.get(res.location).text
    browser("jyj_editor")  # signs in again
    res = post(secadmin, f"/@@admin-security/{oid}/unlock", headers=JSON)
    assert res.json["ok"] is True and "没有被锁定" in res.json["message"]


def test_force_change_and_revoke_sessions(secadmin, wsgi_app, browser):
    editor = browser("jyj_editor")
    oid = user_oid(wsgi_app, "jyj_editor")
    post(secadmin, f"/@@admin-security/{oid}/revoke-sessions")
    assert editor.get("/@@workspace", status="*").status_int == 302
    post(secadmin, f"/@@admin-security/{oid}/force-change")
    assert user_attr(wsgi_app, "jyj_editor", "must_change_password") is True
    assert "下次登录时必须修改" in secadmin.get(f"/@@admin-security/{oid}").text


def test_reset_totp(secadmin, wsgi_app):
    oid = user_oid(wsgi_app, "auditadmin")
    assert user_attr(wsgi_app, "auditadmin", "totp_secret")
    res = post(secadmin, f"/@@admin-security/{oid}/reset-totp")
    assert "已重置" in secadmin.get(res.location).text
    assert not user_attr(wsgi_app, "auditadmin", "totp_secret")


def policy_fields(app, **changes):
    rules = get_rules(app.registry)
    names = (
        "password_min_length password_history password_max_age_days password_min_score "
        "lockout_failures lockout_minutes address_failures address_window_minutes "
        "reset_link_hours"
    ).split()
    fields = {name: str(getattr(rules, name)) for name in names}
    fields["totp_roles"] = [r for r in rules.totp_roles if r == "site_admin"]
    fields.update(changes)
    return fields


def test_policy_change_is_stored_and_recorded(secadmin, wsgi_app):
    from govportal.security.events import ActionRecorded

    seen = []
    wsgi_app.registry.registerHandler(
        lambda e: seen.append((e.action, e.target)), (ActionRecorded,)
    )
    res = post(secadmin, "/@@admin-security/policy", policy_fields(wsgi_app, lockout_minutes="30"))
    assert res.status_int == 303
    rules = read_root(wsgi_app, lambda root: get_rules(wsgi_app.registry, root))
    assert rules.lockout_minutes == 30
    assert ("settings.change", "accounts.lockout_minutes") in seen
    assert 'value="30"' in secadmin.get("/@@admin-security").text


def test_policy_cannot_be_weakened_below_level_3(secadmin, wsgi_app):
    for name, value in (
        ("password_min_length", "6"),
        ("lockout_failures", "50"),
        ("lockout_minutes", "1"),
        ("password_history", "x"),
    ):
        res = post(
            secadmin,
            "/@@admin-security/policy",
            policy_fields(wsgi_app, **{name: value}),
            status=400,
        )
        assert "须" in res.text
    res = post(
        secadmin,
        "/@@admin-security/policy",
        policy_fields(wsgi_app, totp_roles=["system"]),
        status=400,
    )
    rules = read_root(wsgi_app, lambda root: get_rules(wsgi_app.registry, root))
    assert rules.password_min_length >= 10 and rules.lockout_failures <= 10


def test_bad_paths(secadmin, wsgi_app):
    oid = user_oid(wsgi_app, "jyj_editor")
    secadmin.get(f"/@@admin-security/{oid}/unlock", status=405)
    post(secadmin, f"/@@admin-security/{oid}/explode", status=404)
    post(secadmin, "/@@admin-security/123456789/unlock", status=404)
    secadmin.get("/@@admin-security/policy", status=405)
