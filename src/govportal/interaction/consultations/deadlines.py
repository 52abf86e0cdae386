"""The adoption report's time limit (the deadline source ``consultations``).

A consultation that has closed must have its 采纳情况 published within
``govportal.interaction.adoption_days`` working days (default 15) after its
closing day (working days from :mod:`govportal.calendar`).  Until a report
is published the consultation is a row of the staff's deadline list
(:func:`..hub.deadlines.rows_for`): OK, NEAR (≤
``govportal.interaction.near_days``, default 3, working days left) or
OVERDUE.  Only consultations of the site itself that are published (a draft
never took comments) and that the user may follow (``view_history``).
"""

from pyramid.traversal import find_root
from substanced.util import find_catalog

from ... import sitetime
from ...calendar import get_calendar
from ...calendar.periods import compute_due
from ...workflow import get_workflow
from ...workspace.queries import site_of
from ..hub.deadlines import NEAR, OK, OVERDUE, DeadlineRow
from .model import CLOSED, report_of

ADOPTION_SETTING = "govportal.interaction.adoption_days"
DEFAULT_ADOPTION_DAYS = 15
NEAR_SETTING = "govportal.interaction.near_days"
KIND = "意见征集采纳情况"


def _int(registry, name, default):
    try:
        return int(registry.settings.get(name) or default)
    except ValueError:
        return default


def report_due(consultation, registry, calendar=None):
    """The date the adoption report is due by (None while not closed)."""
    if consultation.closes_on is None:
        return None
    calendar = calendar or get_calendar(find_root(consultation))
    days = _int(registry, ADOPTION_SETTING, DEFAULT_ADOPTION_DAYS)
    return compute_due(calendar, consultation.closes_on, days).value


def level(consultation, registry, today=None, calendar=None):
    """OK, NEAR or OVERDUE of the report of a closed ``consultation``."""
    today = today or sitetime.today()
    calendar = calendar or get_calendar(find_root(consultation))
    due = report_due(consultation, registry, calendar)
    if due is None:
        return OK
    if today > due:
        return OVERDUE
    left = calendar.workdays_between(today, due).value
    return NEAR if left <= _int(registry, NEAR_SETTING, 3) else OK


def waiting(consultation, registry):
    """Whether ``consultation`` is closed, published and without a published report."""
    workflow = get_workflow(consultation, registry)
    if not workflow.is_public(consultation) or consultation.status() != CLOSED:
        return False
    report = report_of(consultation)
    return report is None or not get_workflow(report, registry).is_public(report)


def _consultations(site):
    system = find_catalog(site, "system")
    if system is None:
        return []
    query = system["content_type"].eq("Consultation") & system["path"].eq(site)
    return [c for c in query.execute() if c is not None]


def source(site, request):
    """Deadline rows of ``site``'s consultations waiting for their report."""
    registry = request.registry
    calendar = get_calendar(find_root(site))
    today = sitetime.today()
    rows = []
    for item in _consultations(site):
        if site_of(item) is not site or not request.has_permission("view_history", item):
            continue
        if not waiting(item, registry):
            continue
        report = report_of(item)
        state = (
            get_workflow(report, registry).state_title(
                get_workflow(report, registry).state_of(report)
            )
            if report is not None
            else "未编写"
        )
        rows.append(
            DeadlineRow(
                kind=KIND,
                title=item.title,
                url=request.resource_url(item, "@@ws-item"),
                due=report_due(item, registry, calendar),
                level=level(item, registry, today, calendar),
                state=state,
                number=item.__name__,
            )
        )
    return rows
