"""Site creation: one process bootstraps; no fixed passwords; servers never create the site."""

import io

import webtest

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.scripts import demo

from .conftest import close_app, make_settings


def write_ini(path, settings):
    lines = ["[app:main]", "use = egg:govportal"]
    lines += [f"{k} = {v}" for k, v in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_server_refuses_to_create_the_site(tmp_path):
    app = main({}, **make_settings(tmp_path / "empty"))
    try:
        res = webtest.TestApp(app).get("/", status=503)
        assert "govportal-init" in res.text
        with site_session(app.registry, commit=False) as (zodb_root, _request):
            assert "app_root" not in zodb_root
    finally:
        close_app(app)


def test_each_site_gets_its_own_random_administrator_passwords(tmp_path):
    """No default accounts (F5): the three administrators get new random
    passwords, shown once, to be changed at the first sign-in."""
    passwords = []
    for name in ("one", "two"):
        app = main({}, **make_settings(tmp_path / name))
        try:
            with site_session(app.registry) as (zodb_root, request):
                root, created = create_site(zodb_root, request)
                logins = {login: password for login, password, _title in created}
                assert set(logins) == {"sysadmin", "secadmin", "auditadmin"}
                users = root["principals"]["users"]
                assert "admin" not in users  # only the demo creates a site administrator
                for login, password in logins.items():
                    assert users[login].check_password(password)
                    assert users[login].must_change_password is True
                passwords.append(logins["sysadmin"])
            with site_session(app.registry) as (zodb_root, request):
                _root, again = create_site(zodb_root, request)
                assert again is None  # existing site: upgraded, password untouched
        finally:
            close_app(app)
    assert len(passwords[0]) >= 16 and passwords[0] != passwords[1]
    assert "substanced.initial_password" not in make_settings(tmp_path / "x")


def test_demo_script_prints_passwords_once(tmp_path):
    ini = write_ini(tmp_path / "site.ini", make_settings(tmp_path / "site"))
    out = io.StringIO()
    demo.main([ini], out=out)
    first = out.getvalue()
    assert "admin" in first and "jyj_editor" in first and "教育局编辑" in first
    logins = [line.split()[0] for line in first.splitlines() if line.startswith("  ")]
    assert {"admin", "portal_editor", "portal_reviewer", "auditor"} <= set(logins)
    assert {"sysadmin", "secadmin", "auditadmin"} <= set(logins)
    assert {
        f"{d}_{r}" for d in ("jyj", "wjj", "rsj", "czj", "zwfwj") for r in ("editor", "reviewer")
    } <= set(logins)
    out = io.StringIO()
    demo.main([ini], out=out)
    assert "已存在" in out.getvalue() and "jyj_editor" not in out.getvalue()


def test_demo_publishes_the_regulation_through_review(testapp):
    res = testapp.get("/zcwj/yingshan-website-regulation-2019/")
    assert "营山县政府网站管理办法" in res.text
    assert "第十六条" in res.text and "先审后发" in res.text
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "2019-10-12"):
        assert label in res.text
