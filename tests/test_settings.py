import os
import stat

from govportal.settings import DEFAULTS, apply_defaults


def test_secret_is_created_once_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVPORTAL_SECRET", raising=False)
    path = tmp_path / "var" / "secret.key"
    first = apply_defaults({"govportal.secret_file": str(path)})["substanced.secret"]
    assert len(first) == 64
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = apply_defaults({"govportal.secret_file": str(path)})["substanced.secret"]
    assert again == first
    other = apply_defaults({"govportal.secret_file": str(tmp_path / "other.key")})
    assert other["substanced.secret"] != first


def test_environment_secret_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVPORTAL_SECRET", "from-env")
    settings = apply_defaults({"govportal.secret_file": str(tmp_path / "s.key")})
    assert settings["substanced.secret"] == "from-env"
    assert not (tmp_path / "s.key").exists()


def test_retry_not_tm_attempts_and_chinese_default():
    assert int(DEFAULTS["retry.attempts"]) >= 8  # conflicts are retried, with back-off
    assert "tm.attempts" not in DEFAULTS
    assert DEFAULTS["pyramid.default_locale_name"] == "zh_CN"


def test_concurrent_creators_share_one_secret(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.delenv("GOVPORTAL_SECRET", raising=False)
    path = str(tmp_path / "race" / "secret.key")
    with ThreadPoolExecutor(8) as pool:
        values = set(
            pool.map(
                lambda _i: apply_defaults({"govportal.secret_file": path})["substanced.secret"],
                range(32),
            )
        )
    assert len(values) == 1 and len(values.pop()) == 64


def test_cookies_are_httponly_and_secure_when_configured(app_settings):
    import webtest

    from govportal import main

    from .conftest import close_app

    app = main({}, **dict(app_settings, **{"govportal.secure_cookies": "true"}))
    try:
        res = webtest.TestApp(app, extra_environ={"wsgi.url_scheme": "https"}).get(
            "/@@login", status=200
        )
        cookies = res.headers.getall("Set-Cookie")
        session = [c for c in cookies if c.startswith("session=")]
        assert session and all("HttpOnly" in c and "secure" in c.lower() for c in session)
    finally:
        close_app(app)


def test_form_errors_are_in_chinese(browser):
    """colander's own messages (e.g. Required) are shown in Chinese."""
    from tests.http.helpers import admin_settings

    res = admin_settings(browser("admin"), domain="", status=400)
    assert "Required" not in res.text and "必需" in res.text
