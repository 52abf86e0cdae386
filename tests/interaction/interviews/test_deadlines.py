"""Answers to questions left open are due 5 working days after the
interview's end date (calendar.periods), near due from 4 working days after
it, overdue afterwards: hand-computed dates across the 2026 New Year and
National Day holidays and into 2027; the staff's list shows them."""

from datetime import date, datetime, time
from urllib.parse import quote

import pytest

from govportal import sitetime
from govportal.interaction.contributions import actions as contributions
from govportal.interaction.interviews import actions
from govportal.interaction.interviews.model import CLOSED

from .helpers import PAST, resource, session

KIND = quote("在线访谈提问")


def _end(item, day):
    zone = sitetime.site_zone()
    item.starts_at = sitetime.as_utc(datetime.combine(day, time(9, 30), tzinfo=zone))
    item.ends_at = sitetime.as_utc(datetime.combine(day, time(11, 0), tzinfo=zone))


CASES = [
    # end date, due (hand-computed), [(today, level)]
    (
        # 2025-12-29 Mon: 12-30, 12-31, (1-1..1-3 元旦), 1-4 Sun 调休上班, 1-5, 1-6
        date(2025, 12, 29),
        date(2026, 1, 6),
        [
            (date(2025, 12, 29), "ok"),
            (date(2026, 1, 2), "ok"),  # 2 working days
            (date(2026, 1, 4), "ok"),  # 3
            (date(2026, 1, 5), "near"),  # 4 working days after the end
            (date(2026, 1, 6), "near"),  # due today
            (date(2026, 1, 7), "overdue"),
        ],
    ),
    (
        # 2026-09-28 Mon: 9-29, 9-30, (10-1..10-7 国庆), 10-8, 10-9, 10-10 Sat 调休上班
        date(2026, 9, 28),
        date(2026, 10, 10),
        [
            (date(2026, 10, 7), "ok"),  # 2
            (date(2026, 10, 8), "ok"),  # 3
            (date(2026, 10, 9), "near"),  # 4
            (date(2026, 10, 10), "near"),
            (date(2026, 10, 11), "overdue"),
        ],
    ),
    (
        # 2027 (statutory rules): 2027-03-01 Mon → 3-2, 3-3, 3-4, 3-5, 3-8
        date(2027, 3, 1),
        date(2027, 3, 8),
        [
            (date(2027, 3, 4), "ok"),
            (date(2027, 3, 5), "near"),
            (date(2027, 3, 6), "near"),  # Saturday: still 4 working days
            (date(2027, 3, 8), "near"),
            (date(2027, 3, 9), "overdue"),
        ],
    ),
]


@pytest.mark.parametrize(("end", "due", "levels"), CASES)
def test_answers_due_five_working_days_after_the_end(testapp, end, due, levels):
    with session(testapp) as (root, request):
        item = resource(root, PAST)
        _end(item, end)
        registry = request.registry
        assert actions.answers_due(item, registry) == due
        for today, level in levels:
            assert actions.answers_level(item, registry, today) == level, today


def test_days_follow_the_setting(testapp):
    with session(testapp) as (root, request):
        item = resource(root, PAST)
        _end(item, date(2025, 12, 29))
        request.registry.settings[actions.ANSWER_DAYS_SETTING] = "3"
        try:
            assert actions.answers_due(item, request.registry) == date(2026, 1, 4)
        finally:
            del request.registry.settings[actions.ANSWER_DAYS_SETTING]


def _open_question(testapp, end):
    """The demo's past interview ended on ``end`` with one question unanswered."""
    with session(testapp, "portal_editor") as (root, request):
        item = resource(root, PAST)
        _end(item, end)
        question = contributions.add_contribution(request, item, "question", "还有问题？", {})
        contributions.moderate(request, question, "show")


def _today(testapp):
    with session(testapp) as (_root, request):
        today = sitetime.today(request.registry)
    if today != date(2026, 1, 1):
        pytest.skip("hand-computed for the test clock's 2026-01-01")
    return today


def test_open_questions_show_on_the_near_due_list_after_four_working_days(testapp, browser):
    _today(testapp)
    # ended 2025-12-25 Thu: 12-26, 12-29, 12-30, 12-31 = 4 working days by 2026-01-01
    _open_question(testapp, date(2025, 12, 25))
    editor = browser("portal_editor")
    page = editor.get("/@@interaction-deadlines")
    row = page.html.find("a", string=lambda s: s and "县教育局局长谈2026年秋季招生政策" in s)
    assert row is not None, page.text
    cells = [td.get_text(strip=True) for td in row.find_parent("tr").find_all("td")]
    assert cells[0] == "即将到期"
    assert cells[1] == "2026-01-04"  # 12-26, 12-29, 12-30, 12-31, 1-4 (调休)
    assert cells[2] == "在线访谈提问"
    assert "1 个提问待答复" in cells[3]
    # filtered by level and kind
    near = editor.get("/@@interaction-deadlines?level=near&kind=" + KIND)
    assert "县教育局局长谈2026年秋季招生政策" in near.text
    overdue = editor.get("/@@interaction-deadlines?level=overdue&kind=" + KIND)
    assert "县教育局局长谈2026年秋季招生政策" not in overdue.text


def test_overdue_after_five_and_ok_after_three(testapp, browser):
    _today(testapp)
    _open_question(testapp, date(2025, 12, 24))  # 5 working days by 12-31
    editor = browser("portal_editor")
    page = editor.get("/@@interaction-deadlines?kind=" + KIND)
    row = page.html.find("a", string=lambda s: s and "县教育局局长" in s).find_parent("tr")
    assert row.find("td").get_text(strip=True) == "已超期"
    with session(testapp) as (root, _request):
        _end(resource(root, PAST), date(2025, 12, 26))  # 3 working days
    page = editor.get("/@@interaction-deadlines?kind=" + KIND)
    row = page.html.find("a", string=lambda s: s and "县教育局局长" in s).find_parent("tr")
    assert row.find("td").get_text(strip=True) == "正常"


def test_answered_interview_leaves_the_list(testapp, browser):
    _today(testapp)
    with session(testapp) as (root, request):
        item = resource(root, PAST)
        _end(item, date(2025, 12, 25))
        assert item.status() == CLOSED
        assert actions.open_questions(item, request.registry) == []
    page = browser("portal_editor").get("/@@interaction-deadlines")
    assert "县教育局局长谈2026年秋季招生政策" not in page.text


def test_who_sees_the_list(testapp, browser):
    _today(testapp)
    _open_question(testapp, date(2025, 12, 25))
    # another department's editor: its own list, without the portal's items
    jyj = browser("jyj_editor")
    assert "县教育局局长谈" not in jyj.get("/@@interaction-deadlines").text
    assert "县教育局局长谈" not in jyj.get("/jyj/@@interaction-deadlines").text
    jyj.get("/rsj/@@interaction-deadlines", status=403)
    # the auditor sees every site's
    assert "县教育局局长谈" in browser("auditor").get("/@@interaction-deadlines").text
    # anonymous: to the login
    assert "/@@login" in testapp.get("/@@interaction-deadlines", status=302).location
