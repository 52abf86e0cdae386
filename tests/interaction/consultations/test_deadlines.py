"""The adoption report's time limit: 15 working days after the closing day
(hand-computed), near-due and overdue levels, and the deadline source's rows
(only closed, published consultations of the site without a published
report, only for staff who may follow them)."""

from datetime import date, timedelta

import pytest

from govportal import sitetime
from govportal.calendar import get_calendar
from govportal.interaction.consultations import deadlines
from govportal.interaction.consultations.model import link
from govportal.interaction.hub.deadlines import NEAR, OK, OVERDUE, rows_for
from govportal.workflow.guards import set_last_editor
from tests.workflow import conftest as workflow_fixtures

module_app = workflow_fixtures.module_app
site = workflow_fixtures.site


def _consultation(site, closes_on, state="published", where=""):
    item = site.new("Consultation", site.place(where), prefix="deadline")
    item.title = "测试征集"
    item.opens_on = closes_on - timedelta(days=30)
    item.closes_on = closes_on
    set_last_editor(item, site.oid("portal_editor"))
    return site.put_in_state(item, state)


def test_due_is_fifteen_working_days_after_closing(site):
    # Mon 2 March 2026: 3–6 (4), 9–13 (9), 16–20 (14), Mon 23 March (15)
    item = _consultation(site, date(2026, 3, 2))
    assert deadlines.report_due(item, site.registry) == date(2026, 3, 23)
    calendar = get_calendar(site.root)
    level = lambda day: deadlines.level(item, site.registry, day, calendar)  # noqa: E731
    assert level(date(2026, 3, 17)) == OK  # 4 working days left
    assert level(date(2026, 3, 18)) == NEAR  # 3 left
    assert level(date(2026, 3, 23)) == NEAR  # the last day
    assert level(date(2026, 3, 24)) == OVERDUE


def test_setting_changes_the_limit(site, monkeypatch):
    item = _consultation(site, date(2026, 3, 2))
    monkeypatch.setitem(site.registry.settings, "govportal.interaction.adoption_days", "5")
    assert deadlines.report_due(item, site.registry) == date(2026, 3, 9)


@pytest.fixture
def waiting(site):
    today = sitetime.today()
    return {
        "closed": _consultation(site, today - timedelta(days=40)),
        "open": _consultation(site, today + timedelta(days=5)),
        "draft": _consultation(site, today - timedelta(days=40), state="draft"),
        "other_site": _consultation(site, today - timedelta(days=40), where="jyj"),
    }


def _numbers(site, login, where=""):
    request = site.request(login)
    return {
        r.number
        for r in rows_for(site.place(where), request)
        if r.kind == deadlines.KIND and r.number.startswith("deadline-")
    }


def test_rows_of_the_site(site, waiting):
    closed = waiting["closed"].__name__
    assert _numbers(site, "portal_editor") == {closed}
    rows = [r for r in rows_for(site.root, site.request("portal_editor")) if r.number == closed]
    assert rows[0].level == OVERDUE and rows[0].state == "未编写"
    assert rows[0].url.endswith(f"/{closed}/@@ws-item")
    # another department's staff do not follow the portal's consultations
    assert _numbers(site, "jyj_editor") == set()
    assert _numbers(site, "jyj_editor", "jyj") == {waiting["other_site"].__name__}


def test_a_published_report_ends_the_row(site, waiting):
    item = waiting["closed"]
    report = site.new("AdoptionReport", site.place(""), prefix="report")
    link(item, report)
    assert item.__name__ in _numbers(site, "portal_editor")  # a draft report
    site.put_in_state(report, "published")
    assert item.__name__ not in _numbers(site, "portal_editor")
