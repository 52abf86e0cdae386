"""Per-address limits held in the database: they hold across processes."""

import shutil

import pytest
import webtest

from govportal import main
from govportal.interaction import limits

from ...conftest import close_app, make_settings
from .letter_helpers import letters_of, number_and_code, post_letter


def test_parse_rate():
    assert limits.parse_rate("3/60", "5/3600") == (3, 60)
    assert limits.parse_rate("junk", "5/3600") == (5, 3600)
    assert limits.parse_rate("0/60", "5/3600") == (5, 3600)


def test_sliding_window_counts_the_previous_window():
    from govportal.submissions.ledger import WideTree

    tree = WideTree()
    decide = limits.count_and_decide
    assert all(decide(tree, "write", "h", 3, 100, 1000 + i) for i in range(3))
    assert not decide(tree, "write", "h", 3, 100, 1050)
    # early in the next window the previous one still counts almost fully:
    # 0.9 x 3 leaves room for one
    assert decide(tree, "write", "h", 3, 100, 1110)
    assert not decide(tree, "write", "h", 3, 100, 1111)
    # late in it, mostly forgotten (1 + 0.1 x 3)
    assert decide(tree, "write", "h", 3, 100, 1190)
    # another address has its own count
    assert decide(tree, "write", "other", 3, 100, 1050)


@pytest.fixture
def limited_app(app_settings):
    app = main({}, **dict(app_settings, **{"govportal.interaction.write_rate": "2/3600"}))
    yield app
    close_app(app)


def test_write_limit_per_address(limited_app):
    client = webtest.TestApp(limited_app)
    env = {"REMOTE_ADDR": "198.51.100.7"}
    for _ in range(2):
        number_and_code(post_letter(client, extra_environ=env))
    res = post_letter(client, status=429, extra_environ=env)
    assert "提交过于频繁" in res.text
    assert len(letters_of(client)) == 2
    # another address is not held back
    number_and_code(post_letter(client, extra_environ={"REMOTE_ADDR": "198.51.100.8"}))


def test_replay_is_not_counted(limited_app):
    from ...conftest import csrf_token
    from .letter_helpers import FIELDS, form_state

    client = webtest.TestApp(limited_app)
    page = client.get("/@@write")
    fields = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
    first = client.post("/@@write", fields)
    for _ in range(3):
        assert number_and_code(client.post("/@@write", fields)) == number_and_code(first)
    number_and_code(post_letter(client))  # the second letter is still allowed


def test_track_limit(app_settings):
    app = main({}, **dict(app_settings, **{"govportal.interaction.track_rate": "3/600"}))
    try:
        client = webtest.TestApp(app)
        from ...conftest import csrf_token

        token = csrf_token(client.get("/@@letter-track").text)
        fields = {"csrf_token": token, "number": "X", "code": "AAAA-BBBB-CCCC-DDDD-EEEE"}
        for _ in range(3):
            client.post("/@@letter-track", fields, status=404)
        res = client.post("/@@letter-track", fields, status=429)
        assert "提交过于频繁" in res.text
    finally:
        close_app(app)


@pytest.fixture
def zeo_site(site_template, tmp_path):
    """The demo site served by an in-process ZEO server; two app instances
    (each with its own audit file) on it."""
    import ZEO

    directory = tmp_path / "zeo"
    shutil.copytree(site_template, directory)
    address, stop = ZEO.server(path=str(directory / "Data.fs"), blob_dir=str(directory / "blobs"))
    apps = []
    try:
        for name in ("a", "b"):
            settings = make_settings(tmp_path / name)
            settings["zodbconn.uri"] = (
                f"zeo://{address[0]}:{address[1]}?blob_dir={directory / 'blobs'}"
                "&shared_blob_dir=true"
            )
            settings["govportal.interaction.write_rate"] = "3/3600"
            settings["substanced.secret"] = "shared-secret"
            apps.append(main({}, **settings))
        yield apps
    finally:
        for app in apps:
            close_app(app)
        stop()


def test_limit_holds_across_two_app_instances(zeo_site):
    a, b = (webtest.TestApp(app) for app in zeo_site)
    env = {"REMOTE_ADDR": "203.0.113.9"}
    number_and_code(post_letter(a, extra_environ=env))
    number_and_code(post_letter(b, extra_environ=env))
    number_and_code(post_letter(a, extra_environ=env))
    # the fourth letter from that address is refused by either process
    assert "提交过于频繁" in post_letter(b, status=429, extra_environ=env).text
    assert "提交过于频繁" in post_letter(a, status=429, extra_environ=env).text
    assert len(letters_of(a)) == 3
