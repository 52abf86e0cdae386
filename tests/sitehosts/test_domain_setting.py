"""网站域名 of a department: validated (.gov.cn, no scheme/port/path, unique
in the group, not the portal's), edited in 管理 → 部门设置 and when a
department is created."""

import pytest

from tests.conftest import read_root

from .helpers import JYJ, set_domain


def settings_form(admin, path="/jyj/@@admin-settings"):
    return admin.get(path).forms["settings"]


@pytest.mark.parametrize(
    "value, message",
    [
        ("jyj.example.com", ".gov.cn"),
        ("http://jyj.yingshan.gov.cn", "不要包含"),
        ("jyj.yingshan.gov.cn:8080", "不要包含"),
        ("jyj.yingshan.gov.cn/jyj", "不要包含"),
        ("jyj_x.yingshan.gov.cn", ".gov.cn"),
        ("-jyj.yingshan.gov.cn", ".gov.cn"),
        ("gov.cn", ".gov.cn"),
        ("www.yingshan.gov.cn", "门户网站的域名"),
        ("WWW.Yingshan.gov.cn", "门户网站的域名"),
        ("wjj.yingshan.gov.cn", "已由"),
    ],
)
def test_bad_domains_are_refused_in_chinese(browser, wsgi_app, value, message):
    set_domain(wsgi_app, "wjj", "wjj.yingshan.gov.cn")
    admin = browser("admin")
    form = settings_form(admin)
    form["domain"] = value
    res = form.submit("save", status=400)
    assert message in res.text
    assert read_root(wsgi_app, lambda r: r["jyj"].domain) == ""


def test_a_domain_is_saved_normalized_and_can_be_cleared(browser, wsgi_app):
    admin = browser("admin")
    form = settings_form(admin)
    form["domain"] = "  JYJ.Yingshan.GOV.cn. "
    form.submit("save", status=303)
    assert read_root(wsgi_app, lambda r: r["jyj"].domain) == JYJ
    form = settings_form(admin)
    assert form["domain"].value == JYJ
    form.submit("save", status=303)  # saving again: its own domain is no duplicate
    form = settings_form(admin)
    form["domain"] = ""
    form.submit("save", status=303)
    assert read_root(wsgi_app, lambda r: r["jyj"].domain) == ""


def test_a_chinese_domain_is_stored_in_idna_form(browser, wsgi_app):
    admin = browser("admin")
    form = settings_form(admin)
    form["domain"] = "教育.营山.gov.cn"
    form.submit("save", status=303)
    stored = read_root(wsgi_app, lambda r: r["jyj"].domain)
    assert stored == "教育.营山.gov.cn".encode("idna").decode()


def test_a_new_department_may_get_its_domain_and_not_a_taken_one(browser, wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    admin = browser("admin")
    form = admin.get("/@@admin-site-add").forms["dept-add"]
    form["name"] = "nyj"
    form["title"] = "农业农村局"
    form["short_title"] = "农业局"
    form["domain"] = JYJ
    res = form.submit("add", status=400)
    assert "已由" in res.text
    form = res.forms["dept-add"]
    form["domain"] = "nyj.yingshan.gov.cn"
    form.submit("add", status=303)
    assert read_root(wsgi_app, lambda r: r["nyj"].domain) == "nyj.yingshan.gov.cn"
    assert read_root(wsgi_app, lambda r: r._govportal_site_domains) == {
        JYJ: "jyj",
        "nyj.yingshan.gov.cn": "nyj",
    }


def test_a_department_editor_cannot_set_domains(browser, wsgi_app):
    editor = browser("jyj_editor")
    editor.get("/jyj/@@admin-settings", status=403)
    token = editor.csrf()
    editor.post(
        "/jyj/@@admin-settings",
        {"domain": "evil.yingshan.gov.cn", "save": "1", "_csrf_token_": token},
        status=403,
    )
    assert read_root(wsgi_app, lambda r: r["jyj"].domain) == ""


def test_the_portal_cannot_take_a_departments_domain(browser, wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    admin = browser("admin")
    form = settings_form(admin, "/@@admin-settings")
    form["domain"] = JYJ.upper()
    res = form.submit("save", status=400)
    assert "已由" in res.text
    form = res.forms["settings"]
    form["domain"] = "www.yingshan.gov.cn"
    form.submit("save", status=303)
    assert read_root(wsgi_app, lambda r: r.domain) == "www.yingshan.gov.cn"


def test_the_sites_page_shows_each_sites_domain_and_public_link(browser, wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    page = browser("admin").get("/@@admin-sites").text
    assert JYJ in page and "www.yingshan.gov.cn" in page
    assert f'href="http://{JYJ}/"' in page  # 访问网站: the department's own host
    assert 'href="http://localhost/jyj/@@admin-settings"' in page  # staff pages stay here
