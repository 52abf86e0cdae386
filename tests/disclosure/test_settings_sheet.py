"""索引号设置: the pattern and the portal's organ code, set by a site
administrator in 管理 (``/@@admin-indexnumber``, the 索引号设置 sheet's own
schema and storage) through :func:`tests.http.helpers.save_sheet`; the SDI
sheet is closed to staff."""

from govportal.disclosure.sitesettings import IndexNumberSettingsSheet
from tests.conftest import read_root
from tests.http.helpers import save_sheet

from .helpers import index_numbers
from .test_indexnumber import publish

SHEET = "/manage/@@properties/%E7%B4%A2%E5%BC%95%E5%8F%B7%E8%AE%BE%E7%BD%AE"  # 索引号设置


def save(app, pattern, organ_code="", status=200):
    return save_sheet(
        app,
        "/",
        IndexNumberSettingsSheet,
        status=status,
        index_number_pattern=pattern,
        portal_organ_code=organ_code,
    )


def settings(app):
    return read_root(
        app,
        lambda root: (
            getattr(root, "index_number_pattern", None),
            getattr(root, "portal_organ_code", None),
        ),
    )


def test_sheet_shows_the_default_and_the_placeholders(wsgi_app, browser):
    values = read_root(wsgi_app, lambda root: IndexNumberSettingsSheet(root, None).get())
    assert values["index_number_pattern"] == "{organ_code}/{year}-{seq:05d}"
    assert values["portal_organ_code"] == "008000000"  # the demo site sets it
    page = browser("admin").get("/@@admin-indexnumber")
    form = page.forms["indexnumber"]
    assert form["index_number_pattern"].value == "{organ_code}/{year}-{seq:05d}"
    assert form["portal_organ_code"].value == "008000000"
    assert "{organ_code}：机构代码" in page.text and "{seq}：流水号" in page.text


def test_admin_configures_the_pattern_and_new_numbers_follow(wsgi_app):
    save(wsgi_app, "营山-{organ_code}-{year}-{seq:04d}", "008000000")
    assert settings(wsgi_app) == ("营山-{organ_code}-{year}-{seq:04d}", "008000000")
    paths = publish(wsgi_app, "/tzgg/", 1, department=None)
    paths += publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, paths) == [
        "营山-008000000-2026-0001",
        "营山-008000001-2026-0001",
    ]


def test_bad_settings_are_form_errors_and_change_nothing(wsgi_app):
    cases = [
        (("{dept}/{year}-{seq}", ""), "未知的占位符 {dept}"),
        (("{organ_code}/{year}", ""), "必须包含且只包含一个 {seq}"),
        (("{organ_code}/{year}-{seq", ""), "花括号不匹配"),
        (("{seq}", "bad code"), "机构代码为6至18位"),
    ]
    for (pattern, code), message in cases:
        answer = save(wsgi_app, pattern, code, status=400)
        assert answer["ok"] is False
        assert any(message in e for e in answer["errors"]), (message, answer)
    assert settings(wsgi_app) == (None, "008000000")
    (path,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [path]) == ["008000001/2026-00001"]


def test_editors_cannot_change_the_pattern(browser, wsgi_app):
    """Neither 管理's page nor the SDI's sheet is open to editors and reviewers."""
    for login in ("portal_editor", "jyj_reviewer"):
        b = browser(login)
        token = b.csrf()
        fields = {
            "_csrf_token_": token,
            "csrf_token": token,
            "__formid__": "deform",
            "index_number_pattern": "{seq}",
            "portal_organ_code": "008000000",
            "save": "save",
        }
        assert b.post(SHEET, fields, status="*").status_int == 403
        fields["__formid__"] = "indexnumber"
        assert b.get("/@@admin-indexnumber", status="*").status_int == 403
        assert b.post("/@@admin-indexnumber", fields, status="*").status_int == 403
    assert settings(wsgi_app) == (None, "008000000")
