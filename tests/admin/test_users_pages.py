"""用户 pages through HTTP, as the system administrator: list, create
(without a password, a one-time link instead), edit, disable/enable, reset
link; bad input and replays."""

import re

import pytest
from pyramid_mailer import get_mailer

from tests.conftest import csrf_token, read_root
from tests.http.helpers import JSON

from .conftest import user_oid

PUBLIC = "https://www.yingshan.gov.cn"
NEW = {
    "login": "wang.fang",
    "fullname": "王芳",
    "department": "jyj",
    "position": "科员",
    "phone": "0817-8201234",
    "email": "wangfang@example.gov.cn",
}


def form_fields(client, url, **values):
    token = csrf_token(client.get(url).text)
    fields = {"_csrf_token_": token, "csrf_token": token, "save": "save"}
    fields.update(values)
    return fields


def create(client, status=200, **values):
    fields = form_fields(client, "/@@admin-users-new", **dict(NEW, **values))
    return client.post("/@@admin-users-new", fields, status=status)


def users(app):
    return read_root(app, lambda root: sorted(root["principals"]["users"].keys()))


def test_list_shows_accounts_with_roles_and_state(sysadmin):
    res = sysadmin.get("/@@admin-users")
    assert res.status_int == 200
    table = res.html.find(id="users-table")
    assert "jyj_editor" in table.text
    assert "编辑（营山县教育局）" in table.text
    assert "正常" in table.text
    assert res.headers["Cache-Control"].startswith("private")


def test_last_sign_in_is_shown(sysadmin, browser):
    row = sysadmin.get("/@@admin-users", {"q": "jyj_editor"}).html.find(id="users-table")
    assert "从未登录" in row.text
    browser("jyj_editor")
    row = sysadmin.get("/@@admin-users", {"q": "jyj_editor"}).html.find(id="users-table")
    assert "从未登录" not in row.text
    assert re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d", row.text)


def test_search_and_filter(sysadmin):
    res = sysadmin.get("/@@admin-users", {"q": "JYJ_"})
    logins = [a.text for a in res.html.find(id="users-table").find_all("a")]
    assert logins == ["jyj_editor", "jyj_reviewer"]
    res = sysadmin.get("/@@admin-users", {"q": "教育局"})
    assert "jyj_editor" in res.text and "gaj_editor" not in res.text
    res = sysadmin.get("/@@admin-users", {"state": "disabled"})
    assert "没有符合条件的账号" in res.text
    res = sysadmin.get("/@@admin-users", {"q": "x" * 5000, "state": "bogus"})
    assert res.status_int == 200


def test_create_user_without_password_gets_one_time_link(sysadmin, wsgi_app, browser):
    res = create(sysadmin)
    assert "已创建用户“wang.fang”" in res.text
    link = res.html.find(id="reset-url")["value"]
    assert link.startswith(PUBLIC + "/@@reset-password?token=")
    assert res.headers["Cache-Control"].startswith("private")
    [mail] = get_mailer(wsgi_app.registry).outbox
    assert mail.recipients == ["wangfang@example.gov.cn"]
    assert link in mail.body
    # the link is nowhere in the session cookie
    assert link.split("token=")[1] not in str(sysadmin.app.cookies)

    def facts(root):
        user = root["principals"]["users"]["wang.fang"]
        return user.tzname, user.locale, user.fullname, user.department, user.phone

    assert read_root(wsgi_app, facts) == ("Asia/Shanghai", "zh_CN", "王芳", "jyj", "0817-8201234")
    # the new user sets a password through the link and signs in
    user = browser()
    path = link[len(PUBLIC) :]
    page = user.get(path)
    token = csrf_token(page.text)
    res = user.post(
        "/@@reset-password",
        {
            "token": link.split("token=")[1],
            "new_password": "Qiang-mima-2026!",
            "confirm_password": "Qiang-mima-2026!",
            "csrf_token": token,
        },
    )
    assert res.status_int == 302
    browser().login("wang.fang", "Qiang-mima-2026!")


def test_second_create_of_same_login_is_refused(sysadmin, wsgi_app):
    create(sysadmin)
    before = users(wsgi_app)
    res = create(sysadmin, status=400, login="WANG.FANG", fullname="另一个人")
    assert "已被使用" in res.text
    assert users(wsgi_app) == before
    assert len(get_mailer(wsgi_app.registry).outbox) == 1


def test_existing_login_in_other_case_is_refused(sysadmin, wsgi_app):
    res = create(sysadmin, status=400, login="JYJ_Editor")
    assert "“jyj_editor”已被使用" in res.text


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("login", "a", "登录名须为"),
        ("login", "bad login!", "登录名须为"),
        ("login", "x" * 200, "登录名须为"),
        ("login", "", "请填写登录名"),
        ("fullname", "", "请填写姓名"),
        ("fullname", "名" * 41, "不能超过 40 个字符"),
        ("phone", "12345", "有效的手机号码"),
        ("phone", "1" * 5000, "不能超过 30 个字符"),
        ("email", "not-an-address", "有效的电子邮箱"),
        ("email", "", "请填写电子邮箱"),
        ("department", "nowhere", "请选择列表中的部门"),
        ("position", "长" * 61, "不能超过 60 个字符"),
    ],
)
def test_invalid_fields_are_refused_in_chinese(sysadmin, wsgi_app, field, value, message):
    before = users(wsgi_app)
    res = create(sysadmin, status=400, **{field: value})
    assert message in res.text
    assert users(wsgi_app) == before
    assert get_mailer(wsgi_app.registry).outbox == []


def test_invalid_fields_answer_json_for_scripts(sysadmin):
    fields = form_fields(sysadmin, "/@@admin-users-new", **dict(NEW, phone="123"))
    res = sysadmin.post("/@@admin-users-new", fields, headers=JSON, status=400)
    assert res.json["ok"] is False
    assert any("联系电话" in e for e in res.json["errors"])


def test_mobile_numbers_are_accepted(sysadmin, wsgi_app):
    create(sysadmin, phone="138 1234 5678")
    phone = read_root(wsgi_app, lambda root: root["principals"]["users"]["wang.fang"].phone)
    assert phone == "13812345678"


def test_edit_keeps_login_and_records(sysadmin, wsgi_app):
    oid = user_oid(wsgi_app, "jyj_editor")
    url = f"/@@admin-user/{oid}"
    page = sysadmin.get(url)
    assert "登录名：" in page.text and 'name="login"' not in page.text
    assert (
        page.html.find("select", attrs={"name": "department"}).find(selected=True)["value"] == "jyj"
    )
    fields = form_fields(
        sysadmin,
        url,
        login="hijack",
        fullname="李华",
        department="jyj",
        position="编辑",
        phone="13900001111",
        email="lihua@example.gov.cn",
    )
    res = sysadmin.post(url, fields)
    assert res.status_int == 303
    assert "已保存" in sysadmin.get(res.location).text

    def facts(root):
        user = root["principals"]["users"].get("jyj_editor")
        return user.fullname, user.email, "hijack" in root["principals"]["users"]

    assert read_root(wsgi_app, facts) == ("李华", "lihua@example.gov.cn", False)


def test_disable_and_enable(sysadmin, wsgi_app, browser):
    editor = browser("jyj_editor")
    assert editor.get("/@@workspace").status_int == 200
    oid = user_oid(wsgi_app, "jyj_editor")
    token = csrf_token(sysadmin.get(f"/@@admin-user/{oid}").text)
    res = sysadmin.post(f"/@@admin-user/{oid}/disable", {"csrf_token": token})
    assert res.status_int == 303
    assert read_root(wsgi_app, lambda r: r["principals"]["users"]["jyj_editor"].disabled)
    assert "停用" in sysadmin.get("/@@admin-users", {"state": "disabled"}).text
    # the editor's session has ended
    assert editor.get("/@@workspace", status="*").status_int in (302, 303, 403)
    # a replay changes nothing more
    res = sysadmin.post(f"/@@admin-user/{oid}/disable", {"csrf_token": token}, headers=JSON)
    assert res.json["ok"] is True
    res = sysadmin.post(f"/@@admin-user/{oid}/enable", {"csrf_token": token})
    assert res.status_int == 303
    assert not read_root(wsgi_app, lambda r: r["principals"]["users"]["jyj_editor"].disabled)
    browser("jyj_editor")


def test_system_admin_cannot_disable_self(sysadmin, wsgi_app):
    oid = user_oid(wsgi_app, "sysadmin")
    token = csrf_token(sysadmin.get(f"/@@admin-user/{oid}").text)
    res = sysadmin.post(f"/@@admin-user/{oid}/disable", {"csrf_token": token}, status=409)
    assert "不能停用自己的账号" in res.text


def test_reset_link_is_mailed_and_shown_once(sysadmin, wsgi_app):
    oid = user_oid(wsgi_app, "jyj_editor")
    token = csrf_token(sysadmin.get(f"/@@admin-user/{oid}").text)
    res = sysadmin.post(f"/@@admin-user/{oid}/reset-link", {"csrf_token": token})
    link = res.html.find(id="reset-url")["value"]
    assert link.startswith(PUBLIC + "/@@reset-password?token=")
    assert res.headers["Referrer-Policy"] == "no-referrer"
    [mail] = get_mailer(wsgi_app.registry).outbox
    assert link in mail.body
    # scripts are told it was mailed, never given the link
    res = sysadmin.post(f"/@@admin-user/{oid}/reset-link", {"csrf_token": token}, headers=JSON)
    assert res.json == {"ok": True, "login": "jyj_editor", "oid": oid, "mailed": True}
    assert "token" not in res.text


def test_actions_need_post_and_known_users(sysadmin, wsgi_app):
    oid = user_oid(wsgi_app, "jyj_editor")
    assert sysadmin.get(f"/@@admin-user/{oid}/disable", status=405)
    token = csrf_token(sysadmin.get("/@@admin-users").text)
    sysadmin.post(f"/@@admin-user/{oid}/explode", {"csrf_token": token}, status=404)
    sysadmin.get("/@@admin-user/999999999", status=404)
    sysadmin.get("/@@admin-user/not-a-number", status=404)
    # a document's oid is no user
    doc = read_root(wsgi_app, lambda r: r["zcwj"]["yingshan-website-regulation-2019"].__oid__)
    sysadmin.get(f"/@@admin-user/{doc}", status=404)
    sysadmin.post(f"/@@admin-user/{doc}/disable", {"csrf_token": token}, status=404)


def test_record_actions(sysadmin, wsgi_app, monkeypatch):
    from govportal.security.events import ActionRecorded

    seen = []
    wsgi_app.registry.registerHandler(
        lambda e: seen.append((e.action, e.target)), (ActionRecorded,)
    )
    create(sysadmin)
    oid = user_oid(wsgi_app, "wang.fang")
    url = f"/@@admin-user/{oid}"
    sysadmin.post(url, form_fields(sysadmin, url, **dict(NEW, fullname="王芳芳")))
    token = csrf_token(sysadmin.get(url).text)
    sysadmin.post(f"{url}/disable", {"csrf_token": token})
    sysadmin.post(f"{url}/enable", {"csrf_token": token})
    actions = [a for a in seen if not a[0].startswith(("login", "totp", "audit"))]
    assert actions == [
        ("account.create", "wang.fang"),
        ("password.reset_link", "wang.fang"),
        ("account.update", "wang.fang"),
        ("account.disable", "wang.fang"),
        ("account.enable", "wang.fang"),
    ]


def test_link_is_built_from_public_url_not_host(sysadmin, wsgi_app):
    fields = form_fields(sysadmin, "/@@admin-users-new", **NEW)
    cookies = "; ".join(f"{k}={v}" for k, v in sysadmin.app.cookies.items())
    headers = {"Host": "evil.example", "Cookie": cookies}
    res = sysadmin.post("/@@admin-users-new", fields, headers=headers)
    link = res.html.find(id="reset-url")["value"]
    assert link.startswith(PUBLIC)
    assert "evil" not in get_mailer(wsgi_app.registry).outbox[0].body
    assert re.search(r"token=[\w-]{20,}", link)


def test_duty_account_cannot_be_taken_over(sysadmin, wsgi_app):
    """The system administrator can neither redirect the security
    administrator's mail nor see a link that signs in as her."""
    oid = user_oid(wsgi_app, "secadmin")
    url = f"/@@admin-user/{oid}"
    page = sysadmin.get(url)
    assert 'name="email"' not in page.text and "只能在服务器上用命令修改" in page.text
    fields = form_fields(sysadmin, url, fullname="安全管理员", email="attacker@example.com")
    sysadmin.post(url, fields)
    email = read_root(wsgi_app, lambda r: r["principals"]["users"]["secadmin"].email)
    assert email != "attacker@example.com"
    token = csrf_token(sysadmin.get(url).text)
    res = sysadmin.post(f"{url}/reset-link", {"csrf_token": token})
    assert res.html.find(id="reset-url") is None and "token=" not in res.text
    [mail] = get_mailer(wsgi_app.registry).outbox
    assert mail.recipients == [email]
