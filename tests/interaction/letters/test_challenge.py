"""The accessible challenge: wrong, forged, expired and replayed answers."""

import time

import pytest

from govportal.interaction.letters import challenge

from ...conftest import csrf_token
from .letter_helpers import FIELDS, form_state, letters_of, number_and_code, post_letter


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12", "12"),
        ("１２", "12"),
        ("十二", "12"),
        ("一十二", "12"),
        ("二十", "20"),
        ("七", "7"),
        ("两", "2"),
        (" 9 。", "9"),
        ("abc", ""),
        ("", ""),
        ("1234", ""),
    ],
)
def test_answers_in_arabic_or_chinese_numerals(typed, expected):
    assert challenge.normalise_answer(typed) == expected


def test_questions_read_as_chinese_text():
    import random

    rng = random.Random(7)
    for _ in range(200):
        question, answer = challenge._question(rng)
        assert question.endswith("等于几？")
        assert 0 <= answer <= 25
        assert not any(ch.isdigit() for ch in question)


def test_wrong_answer_refused(testapp):
    res = post_letter(testapp, status=400, challenge_answer="999")
    assert "验证问题回答不正确" in res.text
    assert 'id="err-challenge"' in res.text
    assert letters_of(testapp) == {}


def test_forged_token_refused(testapp):
    res = post_letter(
        testapp, status=400, challenge_token="1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB"
    )
    assert "验证问题回答不正确" in res.text
    assert letters_of(testapp) == {}


def test_expired_challenge_refused(testapp, monkeypatch):
    page = testapp.get("/@@write")
    fields = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
    later = time.time() + 31 * 60
    monkeypatch.setattr(challenge, "_now", lambda: later)
    res = testapp.post("/@@write", fields, status=400)
    assert "验证问题已过期" in res.text
    assert letters_of(testapp) == {}


def test_solved_challenge_cannot_serve_a_second_letter(testapp):
    page = testapp.get("/@@write")
    state = form_state(page.text)
    fields = dict(state, **FIELDS, csrf_token=csrf_token(page.text))
    number_and_code(testapp.post("/@@write", fields))
    # a new submission token, the same solved challenge
    second = form_state(testapp.get("/@@write").text)["submission_token"]
    res = testapp.post("/@@write", dict(fields, submission_token=second), status=400)
    assert "该验证问题已经使用过" in res.text
    assert len(letters_of(testapp)) == 1


def test_challenge_bound_to_the_session(testapp, wsgi_app):
    import webtest

    page = testapp.get("/@@write")
    state = form_state(page.text)
    other = webtest.TestApp(wsgi_app)
    other_page = other.get("/@@write")
    fields = dict(
        form_state(other_page.text),
        **FIELDS,
        csrf_token=csrf_token(other_page.text),
    )
    fields["challenge_token"] = state["challenge_token"]
    fields["challenge_answer"] = state["challenge_answer"]
    res = other.post("/@@write", fields, status=400)
    assert "验证问题回答不正确" in res.text


def test_used_challenges_pruned(testapp):
    number_and_code(post_letter(testapp))
    from govportal.bootstrap import site_session

    from .letter_helpers import wsgi_of

    registry = wsgi_of(testapp).registry
    with site_session(registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        assert len(getattr(root, challenge.USED_ATTR)) == 1
        assert challenge.prune(root, request) == 0
    later = time.time() + 3 * 3600
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(challenge, "_now", lambda: later)
        with site_session(registry) as (zodb_root, request):
            assert challenge.prune(zodb_root["app_root"], request) == 1
