"""Password policy: each rule, through the form and the API; expiry."""

from datetime import timedelta

import pytest

from govportal.accounts import PasswordRejected, check_password, set_password
from govportal.accounts.state import utcnow

from ..conftest import PASSWORD, csrf_token
from .conftest import error_text, post_login, write_root


def change(client, new, current=PASSWORD, confirm=None, status="*"):
    token = csrf_token(client.get("/@@password").text)
    return client.post(
        "/@@password",
        {
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
            "csrf_token": token,
        },
        status=status,
    )


@pytest.mark.parametrize(
    "password, message",
    [
        ("Ab1-short", "至少需要 10 个字符"),
        ("onlylowercaseletters", "至少三类"),
        ("lowercase and spaces", "至少三类"),
        ("Xjyj_editor-9!", "不能包含登录名"),
        ("Password123!", "太容易被猜到"),
        ("Qwerty12345!", "太容易被猜到"),
        (PASSWORD, "最近 5 次"),
    ],
)
def test_weak_passwords_are_refused_by_the_form(client, password, message):
    post_login(client, "jyj_editor", status=302)
    res = change(client, password)
    assert res.status_int == 400 and message in error_text(res), error_text(res)


def test_confirmation_and_current_password_are_checked(client, waits):
    post_login(client, "jyj_editor", status=302)
    assert "不一致" in error_text(change(client, "Qz7-lantern-orbit", confirm="Qz7-lantern-orbiT"))
    assert "当前密码不正确" in error_text(
        change(client, "Qz7-lantern-orbit", current="Wrong-1234!x")
    )


def test_the_last_five_passwords_cannot_be_reused(wsgi_app):
    from pyramid.request import Request

    request = Request.blank("/")
    request.registry = wsgi_app.registry
    chosen = [f"Qz7-lantern-orbit-{n}" for n in range(5)]

    def go(root):
        user = root["principals"]["users"]["jyj_editor"]
        for password in chosen:
            set_password(user, password, request)
        # the current one and the four before it are refused; the sixth-last is free
        for password in chosen:
            with pytest.raises(PasswordRejected):
                set_password(user, password, request)
        assert check_password(user, "jyj_editor", PASSWORD, wsgi_app.registry) == []

    write_root(wsgi_app, go)


def test_check_password_accepts_a_good_one(wsgi_app):
    assert check_password(None, "newuser", "Qz7-lantern-orbit", wsgi_app.registry) == []
    assert check_password(None, "newuser", "", wsgi_app.registry)


def test_set_by_an_administrator_must_change_at_next_sign_in(client, wsgi_app):
    from pyramid.request import Request

    request = Request.blank("/")
    request.registry = wsgi_app.registry
    write_root(
        wsgi_app,
        lambda root: set_password(
            root["principals"]["users"]["jyj_editor"], "Qz7-lantern-orbit", request, by_admin=True
        ),
    )
    res = post_login(client, "jyj_editor", "Qz7-lantern-orbit", status=302)
    assert res.location.endswith("/@@password")
    # nothing else until it is changed
    res = client.get("/@@workspace", status=302)
    assert "/@@password" in res.location
    res = change(client, "Fresh-granite-42", current="Qz7-lantern-orbit", status=302)
    assert client.get("/@@workspace").status_int == 200


def test_expired_password_forces_a_change(client, wsgi_app):
    def age(root):
        root["principals"]["users"]["jyj_editor"].password_changed_at = utcnow() - timedelta(
            days=91
        )

    write_root(wsgi_app, age)
    res = post_login(client, "jyj_editor", status=302)
    assert res.location.endswith("/@@password")
    assert "已过期" in client.get("/@@password").text


def test_expiry_zero_means_never(wsgi_app):
    from govportal.accounts.rules import get_rules
    from govportal.accounts.state import must_change_password

    class U:
        password_changed_at = utcnow() - timedelta(days=4000)

    rules = get_rules(wsgi_app.registry)
    assert must_change_password(U(), rules)
    from dataclasses import replace

    assert not must_change_password(U(), replace(rules, password_max_age_days=0))


def test_security_admin_may_override_rules_on_the_root(wsgi_app):
    from govportal.accounts.rules import get_rules, set_rule

    def go(root):
        set_rule(root, "password_min_length", "14")
        assert get_rules(wsgi_app.registry, root).password_min_length == 14
        errors = check_password(
            root["principals"]["users"]["jyj_editor"],
            "jyj_editor",
            "Qz7-lantern-o",
            wsgi_app.registry,
        )
        assert any("14" in e for e in errors)

    write_root(wsgi_app, go)
