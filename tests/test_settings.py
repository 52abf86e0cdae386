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
    assert DEFAULTS["retry.attempts"] == "3"
    assert "tm.attempts" not in DEFAULTS
    assert DEFAULTS["pyramid.default_locale_name"] == "zh_CN"
