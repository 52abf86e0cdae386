"""Sign-in at /@@login: lockout, throttling, uniform answer, equal timing,
no bcrypt for locked or unknown accounts, new session and CSRF token."""

from govportal.accounts import is_locked, lockout

from ..conftest import PASSWORD, csrf_token, read_root
from .conftest import error_text, post_login, signed_in

REFUSED = "用户名或密码错误，或账号已被锁定"


def test_login_signs_in_and_lands_in_the_workspace(client, actions):
    res = post_login(client, "jyj_editor")
    assert res.status_int == 302 and res.location.endswith("/@@workspace")
    assert signed_in(client)
    assert ("login.success", "jyj_editor", "success", "jyj_editor") in actions


def test_login_form_fields_and_no_store(client):
    res = client.get("/@@login")
    assert 'name="login"' in res.text and 'name="password"' in res.text
    assert 'name="csrf_token"' in res.text and "<script" not in res.text.split("</head>")[1]
    assert "no-store" in res.headers["Cache-Control"]


def test_login_gives_a_new_session_and_csrf_token(client):
    before = csrf_token(client.get("/@@login").text)
    session_before = client.cookies.get("session")
    post_login(client, "jyj_editor", status=302)
    after = csrf_token(client.get("/@@login").text)
    assert after != before
    assert client.cookies.get("session") != session_before


def test_came_from_is_kept_on_this_site_only(client):
    res = post_login(client, "jyj_editor", came_from="/@@ws-notifications")
    assert res.location.endswith("/@@ws-notifications")
    client.reset()
    res = post_login(client, "jyj_editor", came_from="//evil.example/x")
    assert res.location.endswith("/@@workspace")


def test_editor_asking_for_the_sdi_lands_in_the_workspace(client):
    res = post_login(client, "jyj_editor", came_from="/manage")
    assert res.location.endswith("/@@workspace")


def test_wrong_password_unknown_login_and_disabled_get_one_answer(client, wsgi_app, waits):
    from .conftest import write_root

    write_root(
        wsgi_app, lambda root: setattr(root["principals"]["users"]["wjj_editor"], "disabled", True)
    )
    answers = []
    for login, password in [
        ("jyj_editor", "Wrong-passw0rd!"),
        ("nobody-here", PASSWORD),
        ("wjj_editor", PASSWORD),
    ]:
        res = post_login(client, login, password)
        answers.append((res.status_int, error_text(res)))
    assert len(set(answers)) == 1, answers
    assert answers[0][0] == 401 and REFUSED in answers[0][1]


def test_twenty_wrong_passwords_then_the_right_one_fails(client, wsgi_app, waits, actions):
    for _ in range(20):
        res = post_login(client, "jyj_reviewer", "Wrong-passw0rd!")
        assert res.status_int == 401
    res = post_login(client, "jyj_reviewer")
    assert res.status_int in (401, 429) and not signed_in(client)
    assert is_locked("jyj_reviewer", wsgi_app.registry) is not None
    # a fresh address (another client) with the right password: still locked
    other = client.__class__(wsgi_app, extra_environ={"REMOTE_ADDR": "10.9.8.7"})
    res = post_login(other, "jyj_reviewer")
    assert res.status_int == 401 and REFUSED in error_text(res)
    names = [a[0] for a in actions]
    assert names.count("login.failure") == 5 and "login.locked" in names


def test_lockout_counts_by_normalised_login(client, wsgi_app, waits):
    for login in ("JYJ_editor", " jyj_editor ", "ＪＹＪ_editor", "jyj_EDITOR", "jyj_editor"):
        post_login(client, login, "Wrong-passw0rd!")
    assert is_locked("jyj_editor", wsgi_app.registry) is not None
    assert post_login(client, "jyj_editor").status_int == 401


def test_unknown_logins_lock_like_known_ones(client, wsgi_app, waits):
    for _ in range(5):
        post_login(client, "no-such-user", "Whatever-1234!")
    assert is_locked("no-such-user", wsgi_app.registry) is not None


def test_unknown_login_waits_instead_of_hashing(client, waits, bcrypt_calls):
    res = post_login(client, "no-such-user", "Whatever-1234!")
    assert res.status_int == 401
    assert bcrypt_calls == [] and len(waits) == 1
    assert waits[0] == lockout.bcrypt_median() and waits[0] > 0


def test_wrong_password_hashes_and_does_not_wait(client, waits, bcrypt_calls):
    res = post_login(client, "jyj_editor", "Wrong-passw0rd!")
    assert res.status_int == 401
    assert len(bcrypt_calls) == 1 and waits == []


def test_locked_account_spends_no_bcrypt_even_with_the_right_password(
    client, wsgi_app, waits, bcrypt_calls
):
    for _ in range(5):
        post_login(client, "jyj_editor", "Wrong-passw0rd!")
    assert len(bcrypt_calls) == 5
    del bcrypt_calls[:], waits[:]
    res = post_login(client, "jyj_editor")
    assert res.status_int == 401 and bcrypt_calls == [] and len(waits) == 1


def test_the_wait_is_the_median_of_real_checks(client, waits):
    for _ in range(3):
        post_login(client, "jyj_editor", "Wrong-passw0rd!")
    post_login(client, "no-such-user", "Whatever-1234!")
    assert waits == [lockout.bcrypt_median()]


def test_address_throttled_after_twenty_failures(wsgi_app, waits, actions):
    import webtest

    attacker = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "192.0.2.66"})
    for i in range(20):
        assert post_login(attacker, f"guess{i}", "Whatever-1234!").status_int == 401
    res = post_login(attacker, "jyj_editor")
    assert res.status_int == 429 and "失败次数过多" in res.text
    assert "login.throttled" in [a[0] for a in actions]
    # another address is not affected
    other = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "192.0.2.67"})
    assert post_login(other, "jyj_editor").status_int == 302


def test_forwarded_header_does_not_escape_throttling(wsgi_app, waits):
    import webtest

    attacker = webtest.TestApp(wsgi_app, extra_environ={"REMOTE_ADDR": "192.0.2.70"})
    for i in range(20):
        attacker.extra_environ["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{i}"
        post_login(attacker, f"guess{i}", "Whatever-1234!")
    assert post_login(attacker, "jyj_editor").status_int == 429


def test_json_answer_for_refusal(client, waits):
    token = csrf_token(client.get("/@@login").text)
    res = client.post(
        "/@@login",
        {"login": "nobody", "password": "x", "csrf_token": token},
        headers={"Accept": "application/json"},
        status=401,
    )
    assert res.json["ok"] is False and REFUSED in res.json["errors"][0]


def test_login_without_csrf_token_is_refused(client):
    client.get("/@@login")
    res = client.post("/@@login", {"login": "jyj_editor", "password": PASSWORD}, status="*")
    assert res.status_int == 400 and not signed_in(client)


def test_unlock_clears_the_lock(client, wsgi_app, waits):
    from govportal.accounts import unlock

    for _ in range(5):
        post_login(client, "jyj_editor", "Wrong-passw0rd!")
    assert is_locked("jyj_editor", wsgi_app.registry)
    from pyramid.request import Request

    request = Request.blank("/")
    request.registry = wsgi_app.registry
    read_root(wsgi_app, lambda root: unlock(root["principals"]["users"]["jyj_editor"], request))
    assert is_locked("jyj_editor", wsgi_app.registry) is None
    assert post_login(client, "jyj_editor").status_int == 302


def test_expired_counters_are_pruned(wsgi_app, monkeypatch):
    import time

    monkeypatch.setattr(lockout, "PRUNE_SHARE", 1.0)
    real = time.time()
    monkeypatch.setattr(lockout.time, "time", lambda: real - 3600)
    lockout.register_failure(_FakeRequest(wsgi_app), "old-login", "192.0.2.1")
    monkeypatch.setattr(lockout.time, "time", lambda: real)
    lockout.register_failure(_FakeRequest(wsgi_app), "new-login", "192.0.2.2")
    keys = read_root(wsgi_app, lambda root: list(getattr(root, lockout.STORE_ATTR).keys()))
    assert "login:new-login" in keys and "login:old-login" not in keys
    assert "addr:192.0.2.1" not in keys


class _FakeRequest:
    """What the counters need of a request: settings and the database."""

    def __init__(self, app):
        self.registry = app.registry
        self.root = None
        self._zodb_databases = app.registry._zodb_databases
