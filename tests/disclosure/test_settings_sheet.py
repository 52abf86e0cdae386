"""索引号设置: the pattern and the portal's organ code, set by an administrator."""

from urllib.parse import quote

from ..conftest import csrf_token, read_root
from .helpers import index_numbers
from .test_indexnumber import publish

SHEET = "/manage/@@properties/" + quote("索引号设置")


def sheet_fields(token, pattern, organ_code=""):
    return [
        ("_charset_", "UTF-8"),
        ("__formid__", "deform"),
        ("_csrf_token_", token),
        ("index_number_pattern", pattern),
        ("portal_organ_code", organ_code),
        ("save", "save"),
    ]


def settings(app):
    return read_root(
        app,
        lambda root: (
            getattr(root, "index_number_pattern", None),
            getattr(root, "portal_organ_code", None),
        ),
    )


def test_sheet_shows_the_default_and_the_placeholders(browser):
    res = browser("admin").get(SHEET, status=200)
    form = res.forms["deform"]
    assert form["index_number_pattern"].value == "{organ_code}/{year}-{seq:05d}"
    assert form["portal_organ_code"].value == "008000000"  # the demo site sets it
    assert "{organ_code}：机构代码" in res.text and "{seq}：流水号" in res.text


def test_admin_configures_the_pattern_and_new_numbers_follow(browser, wsgi_app):
    b = browser("admin")
    token = csrf_token(b.get(SHEET).text)
    res = b.post(SHEET, sheet_fields(token, "营山-{organ_code}-{year}-{seq:04d}", "008000000"))
    assert res.status_int == 302
    assert settings(wsgi_app) == ("营山-{organ_code}-{year}-{seq:04d}", "008000000")
    paths = publish(wsgi_app, "/tzgg/", 1, department=None)
    paths += publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, paths) == [
        "营山-008000000-2026-0001",
        "营山-008000001-2026-0001",
    ]


def test_bad_settings_are_form_errors_and_change_nothing(browser, wsgi_app):
    b = browser("admin")
    token = csrf_token(b.get(SHEET).text)
    cases = [
        (sheet_fields(token, "{dept}/{year}-{seq}"), "未知的占位符 {dept}"),
        (sheet_fields(token, "{organ_code}/{year}"), "必须包含且只包含一个 {seq}"),
        (sheet_fields(token, "{organ_code}/{year}-{seq"), "花括号不匹配"),
        (sheet_fields(token, "{seq}", "bad code"), "机构代码为6至18位"),
    ]
    for fields, message in cases:
        res = b.post(SHEET, fields, status=200)
        assert message in res.text, message
    assert settings(wsgi_app) == (None, "008000000")
    (path,) = publish(wsgi_app, "/jyj/gzdt/", 1)
    assert index_numbers(wsgi_app, [path]) == ["008000001/2026-00001"]


def test_editors_cannot_change_the_pattern(browser, wsgi_app):
    for login in ("portal_editor", "jyj_reviewer"):
        b = browser(login)
        token = b.csrf()
        res = b.post(SHEET, sheet_fields(token, "{seq}", "008000000"), status="*")
        assert res.status_int == 403
    assert settings(wsgi_app) == (None, "008000000")
