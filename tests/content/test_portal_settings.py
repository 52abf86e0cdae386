"""Portal site settings and emblem, edited by a site administrator in the SDI."""

from webtest import Upload

from govportal.content.portal import SETTINGS_DEFAULTS

LOGO_SHEET = "/manage/@@properties/%E7%BD%91%E7%AB%99%E6%A0%87%E5%BF%97"  # 网站标志
SETTINGS_SHEET = "/manage/@@properties/%E7%AB%99%E7%82%B9%E8%AE%BE%E7%BD%AE"  # 站点设置
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def post_logo(b, filename, data):
    res = b.get(LOGO_SHEET)
    token = res.html.find("input", {"name": "_csrf_token_"})["value"]
    return b.post(
        LOGO_SHEET,
        [
            ("_charset_", "UTF-8"),
            ("__formid__", "deform"),
            ("_csrf_token_", token),
            ("__start__", "logo:mapping"),
            ("uid", "portal-logo"),
            ("upload", Upload(filename, data)),
            ("__end__", "logo:mapping"),
            ("save", "save"),
        ],
        status="*",
    )


def test_default_emblem_is_served_to_everyone(testapp):
    res = testapp.get("/@@logo")
    assert res.content_type == "image/svg+xml"
    assert '<img src="http://localhost/@@logo"' in testapp.get("/").text


def test_admin_uploads_a_logo(browser, testapp):
    b = browser("admin")
    res = post_logo(b, "emblem.png", PNG)
    assert res.status_int == 302
    logo = testapp.get("/@@logo")
    assert logo.content_type == "image/png" and logo.body == PNG


def test_disguised_logo_is_refused_and_nothing_changes(browser, testapp):
    b = browser("admin")
    res = post_logo(b, "emblem.png", b"MZ\x90\x00" + b"\0" * 64)
    assert res.status_int == 200 and "不符" in res.text
    assert testapp.get("/@@logo").content_type == "image/svg+xml"
    res = post_logo(b, "emblem.pdf", b"%PDF-1.4 x")
    assert res.status_int == 200 and "不支持" in res.text


def test_editors_cannot_change_site_settings(browser, testapp):
    b = browser("portal_editor")
    token = b.csrf()
    fields = dict(SETTINGS_DEFAULTS, legal_name="假政府", site_code="5113220001")
    fields.update({"_csrf_token_": token, "__formid__": "deform", "save": "save"})
    res = b.post(SETTINGS_SHEET, fields, status="*")
    assert res.status_int == 403
    assert "假政府" not in testapp.get("/").text


def test_settings_reject_a_non_gov_domain(browser, testapp):
    b = browser("admin")
    res = b.get(SETTINGS_SHEET)
    form = res.forms["deform"]
    form["domain"] = "www.yingshan.gov.com"
    res = form.submit("save", status="*")
    assert res.status_int == 200 and ".gov.cn" in res.text
    assert 'content="www.yingshan.gov.cn"' in testapp.get("/").text
    form = b.get(SETTINGS_SHEET).forms["deform"]
    form["domain"] = "WWW.YS.GOV.CN "
    form["site_code"] = "5113220099"
    assert form.submit("save", status="*").status_int == 302
    home = testapp.get("/").text
    assert 'content="www.ys.gov.cn"' in home and "5113220099" in home
