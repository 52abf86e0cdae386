"""Due dates follow the calendar: a change of the override table (or a year
marked complete) recomputes every open case in the same transaction.

A case accepted Mon 2026-12-28 with 10 promised days is due 2027-01-12
(12-29, 12-30, 12-31, [1-1 元旦, weekend], 1-4 … 1-8, 1-11, 1-12), flagged
2027 (no notice for 2027 in the package).
"""

from datetime import date

from govportal.calendar import get_calendar, set_override, set_year_complete, uncertain_deadlines
from govportal.services import actions

from . import case_helpers
from .case_helpers import APPLICANT, Token, pdf

world = case_helpers.world


def accepted_case(w, promised=10):
    w.set_today(date(2026, 12, 25))
    guide = w.guide(co=(), promised=promised)
    case, _code = actions.submit(w.as_(None), guide, dict(APPLICANT), {}, {"f": [pdf()]}, Token())
    w.set_today(date(2026, 12, 28))
    actions.accept(w.as_("jyj_editor"), case)
    return case


def test_calendar_changes_move_open_due_dates(world):
    w = world
    case = accepted_case(w)
    closed = accepted_case(w)
    actions.deny(w.as_("jyj_editor"), closed, "不符合条件")
    assert case.due == closed.due == date(2027, 1, 12)
    assert case.due_uncertain_years == (2027,)
    listed = uncertain_deadlines(w.root, get_calendar(w.root), w.registry)
    mine = [d for d in listed if d.path == f"/jyj/@@cases/{case.__name__}"]
    assert len(mine) == 1 and mine[0].due == date(2027, 1, 12) and mine[0].years == (2027,)
    assert mine[0].kind == "办事服务办件"
    assert not [d for d in listed if d.path.endswith(closed.__name__)]  # closed: not listed

    # the administrators enter the 2027 notice: complete, no flag
    set_year_complete(w.root, 2027, request=w.as_("admin"))
    assert case.due == date(2027, 1, 12) and case.due_uncertain_years == ()
    # a day off on Monday 1-11: one working day later
    set_override(w.root, date(2027, 1, 11), False, "测试：放假", request=w.as_("admin"))
    assert case.due == date(2027, 1, 13)
    # an adjusted working day on Saturday 1-9: back to 1-12
    set_override(w.root, date(2027, 1, 9), True, "测试：调休上班", request=w.as_("admin"))
    assert case.due == date(2027, 1, 12)
    # a closed case keeps the due date it was decided against
    assert closed.due == date(2027, 1, 12) and closed.due_uncertain_years == (2027,)


def test_a_paused_case_is_recomputed_as_if_the_pause_ended_today(world):
    w = world
    case = accepted_case(w)
    w.set_today(date(2026, 12, 30))
    actions.suspend(w.as_("jyj_editor"), case, "expert", "专家评审")
    # 12-29 (1), 12-30 (2), then paused up to today: the same due date today
    assert case.due == date(2027, 1, 12)
    w.set_today(date(2027, 1, 5))  # paused 12-31, 1-4, 1-5 so far
    set_override(w.root, date(2027, 1, 20), False, "测试", request=w.as_("admin"))
    assert case.due == date(2027, 1, 15)


def test_the_daily_job_moves_the_due_dates_of_paused_cases(world):
    from govportal.services.clock import refresh_paused

    w = world
    case = accepted_case(w)
    running = accepted_case(w)
    w.set_today(date(2026, 12, 30))
    actions.suspend(w.as_("jyj_editor"), case, "testing", "检验检测")
    assert refresh_paused(w.root, w.base) == 0  # nothing moved yet
    w.set_today(date(2027, 1, 5))  # paused 12-31, 1-4, 1-5 so far
    assert refresh_paused(w.root, w.base) == 1
    assert case.due == date(2027, 1, 15)
    assert running.due == date(2027, 1, 12)  # a running clock is not paused
    assert refresh_paused(w.root, w.base) == 0  # once a day
