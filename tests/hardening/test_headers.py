"""Security headers on every answer, as a browser (or a framing attacker) sees them."""

import pytest

STAFF_FRAME = "frame-ancestors 'none'"
PUBLIC_FRAME = "frame-ancestors 'self'"


def csp(res):
    return res.headers.get("Content-Security-Policy", "")


def assert_common(res):
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    policy = csp(res)
    for directive in (
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "img-src 'self' data:",
    ):
        assert directive in policy, (res.request.path, policy)
    assert "Referrer-Policy" in res.headers


def assert_strict_script(res):
    policy = csp(res)
    assert "script-src 'self'" in policy
    assert "unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-eval" not in policy


def test_public_page_may_be_framed_by_the_site_only(testapp):
    res = testapp.get("/")
    assert_common(res)
    assert_strict_script(res)
    assert PUBLIC_FRAME in csp(res)
    assert res.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert res.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in res.headers  # plain http


def test_cached_public_page_has_the_same_headers(wsgi_app):
    import webtest

    client = webtest.TestApp(wsgi_app)
    first = client.get("/jyj/")
    second = client.get("/jyj/")
    # served by the render cache before the router when it is on
    for res in (first, second):
        assert_common(res)
        assert_strict_script(res)
        assert PUBLIC_FRAME in csp(res)


def test_not_modified_answer_has_the_headers(testapp):
    first = testapp.get("/jyj/")
    etag = first.headers.get("ETag")
    if etag is None:
        pytest.skip("no ETag on this page")
    res = testapp.get("/jyj/", headers={"If-None-Match": etag}, status=304)
    assert res.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/@@workspace", "/jyj/gzdt/@@ws-add", "/@@login", "/manage", "/manage/@@login"],
)
def test_staff_pages_are_never_framed_even_anonymously(testapp, path):
    res = testapp.get(path, status="*")
    assert_common(res)
    assert STAFF_FRAME in csp(res), (path, csp(res))
    assert res.headers["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_never_framed(browser):
    editor = browser("jyj_editor")
    for path in ("/@@workspace", "/jyj/gzdt/@@ws-add", "/", "/jyj/"):
        res = editor.get(path, status="*")
        assert STAFF_FRAME in csp(res), path
        assert res.headers["X-Frame-Options"] == "DENY"
        assert res.headers["Referrer-Policy"] == "same-origin"
        if not path.startswith("/manage"):
            assert_strict_script(res)


def test_sdi_has_a_relaxed_script_policy_but_is_never_framed(testapp):
    res = testapp.get("/manage/@@login", status="*")
    assert STAFF_FRAME in csp(res)
    assert "object-src 'none'" in csp(res)


def test_static_files_error_pages_and_redirects_have_headers(testapp):
    for path, status in (
        ("/static/site.js", 200),
        ("/no-such-page-xyz", 404),
        ("/jyj/gzdt/@@ws-add", "*"),
    ):
        res = testapp.get(path, status=status)
        assert_common(res)


def test_hsts_only_over_https(testapp):
    plain = testapp.get("/")
    assert "Strict-Transport-Security" not in plain.headers
    secure = testapp.get("/", extra_environ={"wsgi.url_scheme": "https"})
    assert "max-age=" in secure.headers["Strict-Transport-Security"]


def test_hsts_always_when_the_setting_says_so(app_settings):
    import webtest

    from govportal import main
    from tests.conftest import close_app

    app = main({}, **dict(app_settings, **{"govportal.hardening.hsts": "true"}))
    try:
        res = webtest.TestApp(app).get("/")
        assert "Strict-Transport-Security" in res.headers
    finally:
        close_app(app)
