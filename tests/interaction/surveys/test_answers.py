"""Answering a survey: one answer per voter id, replays, closed surveys,
validation of each kind of question, the voter cookie."""

from datetime import date

from govportal.interaction.surveys.model import answer_count, find_box

from ...conftest import read_root
from .survey_helpers import ANSWER, CLOSED, OPEN, change_survey, post_answer, survey_at


def count(app, path=OPEN):
    return read_root(app, lambda root: answer_count(survey_at(root, path)))


def test_open_survey_shows_an_accessible_form_and_a_voter_cookie(testapp):
    page = testapp.get(OPEN)
    assert "<fieldset" in page.text and "<legend>1. 如果县城设置公共自行车" in page.text
    cookie = page.headers.getall("Set-Cookie")
    voter = [c for c in cookie if c.startswith("gp_voter=")]
    assert voter and "HttpOnly" in voter[0] and "SameSite=Lax" in voter[0]
    assert "Max-Age=31536000" in voter[0]


def test_one_answer_per_voter_id(testapp):
    before = count(testapp.app)
    first, second = testapp.get(OPEN), testapp.get(OPEN)  # two forms, two tokens
    res = post_answer(testapp, page=first)
    assert res.status_int == 200 and "答卷已提交" in res.text
    res = post_answer(testapp, page=second)
    assert res.status_int == 409
    assert "您已参加过本次调查，每人只能提交一次答卷" in res.text
    assert count(testapp.app) == before + 1
    again = testapp.get(OPEN)
    assert 'id="survey-answered"' in again.text and "提交答卷</button>" not in again.text


def test_replay_stores_nothing(testapp):
    before = count(testapp.app)
    page = testapp.get(OPEN)
    first = post_answer(testapp, page=page)
    replay = post_answer(testapp, page=page)
    assert first.status_int == replay.status_int == 200
    assert "此前已经提交成功，本次没有重复提交" in replay.text
    assert count(testapp.app) == before + 1

    def counters(root):
        box = find_box(survey_at(root, OPEN))
        return box.count("use\x000"), box.count("places\x001"), box.count("places\x003")

    stored = read_root(testapp.app, counters)
    assert post_answer(testapp, page=page).status_int == 200
    assert read_root(testapp.app, counters) == stored


def test_no_identity_is_stored(testapp):
    post_answer(testapp)

    def answers(root):
        box = find_box(survey_at(root, OPEN))
        return [(a.__name__, sorted(vars(a))) for a in box.values()]

    for name, attrs in read_root(testapp.app, answers):
        assert len(name) == 64  # the HMAC, never the cookie's id
        assert [a for a in attrs if not a.startswith("_p_")] == [
            "__name__",
            "__parent__",
            "submitted_at",
            "values",
        ]


def test_closed_survey_refuses(testapp):
    before = count(testapp.app, CLOSED)
    page = testapp.get(CLOSED)
    assert 'id="survey-closed"' in page.text and "提交答卷</button>" not in page.text
    res = post_answer(testapp, path=CLOSED, page=testapp.get(OPEN), answer=[("q-visits", "0")])
    assert res.status_int == 403 and "不在征集时间内" in res.text
    assert count(testapp.app, CLOSED) == before


def test_upcoming_survey_refuses(testapp):
    page = testapp.get(OPEN)
    change_survey(testapp.app, OPEN, opens_on=date(2026, 1, 2), closes_on=date(2026, 2, 1))
    assert 'id="survey-upcoming"' in testapp.get(OPEN).text
    before = count(testapp.app)
    assert post_answer(testapp, page=page).status_int == 403
    assert count(testapp.app) == before


def test_validation_of_each_kind(testapp):
    before = count(testapp.app)
    change_survey(
        testapp.app,
        OPEN,
        questions=(
            {
                "id": "one",
                "kind": "single",
                "title": "单选",
                "required": True,
                "options": ("甲", "乙"),
            },
            {
                "id": "many",
                "kind": "multiple",
                "title": "多选",
                "required": True,
                "options": ("甲", "乙"),
            },
            {
                "id": "score",
                "kind": "scale",
                "title": "打分",
                "required": True,
                "scale_min": 1,
                "scale_max": 5,
            },
            {"id": "words", "kind": "text", "title": "文字", "required": True, "max_length": 5},
        ),
    )
    res = post_answer(testapp, answer=[], status=400)
    for message in ("请选择一项", "请至少选择一项", "请选择一个分值", "请填写此题"):
        assert message in res.text
    assert 'href="#f-one-0"' in res.text and 'href="#f-words"' in res.text
    assert 'aria-describedby="err-one"' in res.text
    bad = [
        ("q-one", "7"),
        ("q-many", "0"),
        ("q-many", "9"),
        ("q-score", "6"),
        ("q-words", "太长太长太长"),
    ]
    res = post_answer(testapp, answer=bad, status=400)
    assert res.text.count("所选选项不存在") == 4  # the summary and beside each question
    assert "请在 1 至 5 之间选择一个分值" in res.text
    assert "请不要超过 5 个字（现有 6 个字）" in res.text
    assert count(testapp.app) == before
    good = [("q-one", "1"), ("q-many", "0"), ("q-many", "1"), ("q-score", "4"), ("q-words", "好")]
    assert post_answer(testapp, answer=good).status_int == 200
    assert count(testapp.app) == before + 1


def test_optional_questions_may_be_left_out(testapp):
    before = count(testapp.app)
    assert post_answer(testapp, answer=[("q-use", "2")]).status_int == 200
    assert count(testapp.app) == before + 1


def test_a_post_without_the_voter_cookie_is_refused(testapp):
    page = testapp.get(OPEN)
    for cookie in list(testapp.cookiejar):
        if cookie.name == "gp_voter":
            testapp.cookiejar.clear(cookie.domain, cookie.path, cookie.name)
    before = count(testapp.app)
    res = post_answer(testapp, page=page, status=400)
    assert "请允许本网站使用 Cookie" in res.text
    assert count(testapp.app) == before


def test_honeypot(testapp):
    before = count(testapp.app)
    res = post_answer(testapp, answer=ANSWER + [("homepage", "x")], status=400)
    assert "提交未被接受" in res.text
    assert count(testapp.app) == before


def test_per_address_limit(app_settings):
    import webtest

    import govportal

    from ...conftest import close_app

    app = govportal.main(
        {}, **dict(app_settings, **{"govportal.interaction.survey_rate": "2/3600"})
    )
    try:
        statuses = []
        for _n in range(3):
            client = webtest.TestApp(app)  # a new browser: a new voter id
            statuses.append(post_answer(client).status_int)
        assert statuses == [200, 200, 429]
        assert "过于频繁" in post_answer(webtest.TestApp(app)).text
    finally:
        close_app(app)
