"""The writer's own letter with number and query code; satisfaction once."""

import re

from ...conftest import csrf_token
from .letter_helpers import (
    FIELDS,
    REPLY,
    answer_letter,
    number_and_code,
    post_letter,
    read,
)


def look(app, number, code, status=200):
    token = csrf_token(app.get("/@@letter-track").text)
    return app.post(
        "/@@letter-track",
        {"csrf_token": token, "action": "look", "number": number, "code": code},
        status=status,
    )


def test_writer_sees_his_letter_unmasked_while_received(testapp):
    number, code = number_and_code(post_letter(testapp))
    res = look(testapp, number, code.lower())
    assert "待受理" in res.text
    # his own words, his phone number unmasked
    assert "13912345678" in res.text
    assert FIELDS["subject"] in res.text
    assert 'id="due"' in res.text
    assert "来信已收到" in res.text
    assert "提交评价" not in res.text


def test_every_wrong_number_or_code_gets_one_answer(testapp):
    number, code = number_and_code(post_letter(testapp))
    other_number, _ = number_and_code(post_letter(testapp))
    answers = [
        look(testapp, number, "AAAA-BBBB-CCCC-DDDD-EEEE", status=404),
        look(testapp, other_number, code, status=404),
        look(testapp, "", code, status=404),
        look(testapp, number, "", status=404),
    ]
    bodies = {re.sub(r'value="[^"]*"', "", r.text) for r in answers}
    assert len(bodies) == 1
    assert "未找到与该信件编号和查询码对应的信件" in answers[0].text


def rate(app, number, code, level="satisfied", status=200, token=None):
    page = look(app, number, code)
    token = token or re.search(r'name="submission_token" value="([^"]+)"', page.text).group(1)
    return app.post(
        "/@@letter-track",
        {
            "csrf_token": csrf_token(page.text),
            "submission_token": token,
            "action": "rate",
            "number": number,
            "code": code,
            "level": level,
            "comment": "答复及时",
        },
        status=status,
    ), token


def satisfaction_of(app, number):
    from govportal.interaction.letters.model import find_box

    return read(app, lambda root: find_box(root).get(number).satisfaction)


def fresh_token(wsgi_app, page):
    """A valid rating token of the page's session (the page shows no form)."""
    from govportal.submissions import tokens

    class Req:
        registry = wsgi_app.registry

        class session:  # noqa: N801
            @staticmethod
            def get_csrf_token():
                return csrf_token(page.text)

    return tokens.make(Req, "letter-rating")


def test_reply_shown_and_rated_once(testapp, wsgi_app):
    number, code = number_and_code(post_letter(testapp))
    answer_letter(testapp, number, publish=False)
    res = look(testapp, number, code)
    assert "已答复" in res.text
    assert REPLY in res.text
    assert "提交评价" in res.text
    rated, token = rate(testapp, number, code)
    assert 'id="rated"' in rated.text
    assert "您的评价：满意" in rated.text
    first = satisfaction_of(testapp, number)
    assert first["level"] == "satisfied"
    # the same post again stores nothing new
    again, _ = rate(testapp, number, code, level="unsatisfied", token=token)
    assert satisfaction_of(testapp, number) == first
    # a new token: refused, one rating per letter
    page = look(testapp, number, code)
    assert "提交评价" not in page.text
    assert re.search(r'name="submission_token"', page.text) is None
    res, _ = rate(testapp, number, code, token=fresh_token(wsgi_app, page), status=409)
    assert "不能重复评价" in res.text
    assert satisfaction_of(testapp, number) == first


def test_rating_before_the_reply_refused(testapp, wsgi_app):
    number, code = number_and_code(post_letter(testapp))
    page = look(testapp, number, code)
    # no form before the reply; a forged post is refused too
    assert "提交评价" not in page.text
    res, _ = rate(testapp, number, code, token=fresh_token(wsgi_app, page), status=409)
    assert "信件答复后才能评价" in res.text
    assert satisfaction_of(testapp, number) is None
