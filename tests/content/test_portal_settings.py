"""Portal site settings and emblem, edited by a site administrator in 管理
(``/@@admin-settings``); nobody else may change them, and the SDI is closed
to everyone but the system administrator."""

import pytest

from govportal.content.portal import SETTINGS_DEFAULTS
from tests.http.helpers import admin_settings, set_portal_logo

SETTINGS_SHEET = "/manage/@@properties/%E7%AB%99%E7%82%B9%E8%AE%BE%E7%BD%AE"  # 站点设置
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_default_emblem_is_served_to_everyone(testapp):
    res = testapp.get("/@@logo")
    assert res.content_type == "image/svg+xml"
    assert '<img src="http://localhost/@@logo"' in testapp.get("/").text


def test_admin_uploads_a_logo(wsgi_app, testapp):
    set_portal_logo(wsgi_app, "emblem.png", PNG)  # no staff UI for this yet
    logo = testapp.get("/@@logo")
    assert logo.content_type == "image/png" and logo.body == PNG


def test_disguised_logo_is_refused_and_nothing_changes(wsgi_app, testapp):
    with pytest.raises(ValueError) as info:
        set_portal_logo(wsgi_app, "emblem.png", b"MZ\x90\x00" + b"\0" * 64)
    assert "不符" in info.value.args[0].interpolate()
    assert testapp.get("/@@logo").content_type == "image/svg+xml"
    with pytest.raises(ValueError) as info:
        set_portal_logo(wsgi_app, "emblem.pdf", b"%PDF-1.4 x")
    assert "不支持" in info.value.args[0].interpolate()
    assert testapp.get("/@@logo").content_type == "image/svg+xml"


def test_editors_cannot_change_site_settings(browser, testapp):
    b = browser("portal_editor")
    token = b.csrf()
    fields = dict(SETTINGS_DEFAULTS, legal_name="假政府", site_code="5113220001")
    fields.update({"_csrf_token_": token, "csrf_token": token, "__formid__": "settings"})
    fields["save"] = "save"
    assert b.get("/@@admin-settings", status="*").status_int == 403
    assert b.post("/@@admin-settings", fields, status="*").status_int == 403
    # nor through the SDI, which is closed to them
    fields["__formid__"] = "deform"
    assert b.post(SETTINGS_SHEET, fields, status="*").status_int == 403
    assert "假政府" not in testapp.get("/").text


def test_settings_reject_a_non_gov_domain(browser, testapp):
    b = browser("admin")
    res = admin_settings(b, domain="www.yingshan.gov.com", status=400)
    assert ".gov.cn" in res.text
    assert 'content="www.yingshan.gov.cn"' in testapp.get("/").text
    admin_settings(b, domain="WWW.YS.GOV.CN ", site_code="5113220099")
    home = testapp.get("/").text
    assert 'content="www.ys.gov.cn"' in home and "5113220099" in home
