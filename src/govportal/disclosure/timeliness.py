"""Proactive-disclosure timeliness (checklist C1, 《政府信息公开条例》第二十六条).

Information that must be disclosed proactively is published within 20
working days of being made or changed.  A document records that day as its
形成日期 (``made_date``); this module finds the documents that missed the
limit:

``late``
    first published more than :data:`LIMIT_WORKDAYS` working days after
    its 形成日期;
``unpublished``
    never published, and more than :data:`LIMIT_WORKDAYS` working days have
    passed since its 形成日期.

The due day is ``calendar.add_workdays(made_date, 20)`` on the site's
working-day calendar (:mod:`govportal.calendar`; the day the information
is made is not counted): a document published on its due day is in time.
The first publication is the first ``published`` step of the document's
workflow history (in China Standard Time), or its 发布日期 for a published
document without one (imported content).  Documents without a 形成日期 are
not judged.

Due days are computed when asked, never stored.  Unpublished documents
whose due day falls in a year without holiday data are listed on the 工作日历
page among the deadlines to verify (:func:`uncertain_due_days`).

Other features (scorecards, reminders) call :func:`timeliness_issues`::

    issues = timeliness_issues(department, today=date(2026, 11, 2))
    [(i.document.title, i.status, i.overdue_workdays) for i in issues]
"""

from dataclasses import dataclass
from datetime import date

from pyramid.threadlocal import get_current_registry
from pyramid.traversal import find_root, resource_path
from substanced.util import find_catalog, find_objectmap

from ..calendar import UncertainDeadline, get_calendar
from ..catalog import CATALOG_NAME
from ..content.containers import IDepartment, find_department
from ..sitetime import local_date
from ..sitetime import today as site_today
from ..workflow import get_state
from ..workflow.facts import listed_states, public_states
from ..workflow.history import get_history

#: Working days between the 形成日期 and the publication (第二十六条).
LIMIT_WORKDAYS = 20

STATUS_TITLES = {"late": "超期发布", "unpublished": "超期未发布"}


@dataclass(frozen=True)
class TimelinessIssue:
    """A document that missed the proactive-disclosure limit."""

    document: object
    status: str  # "late" or "unpublished"
    made_date: date
    due: date  # the last day the document was in time
    published_on: date | None  # first publication (None: unpublished)
    workdays: int  # working days from made_date to published_on (or today)
    uncertain: bool  # a day counted fell in a year without holiday data

    @property
    def overdue_workdays(self):
        """Working days past the limit."""
        return self.workdays - LIMIT_WORKDAYS

    @property
    def status_title(self):
        return STATUS_TITLES[self.status]

    def as_dict(self):
        department = find_department(self.document)
        return {
            "path": resource_path(self.document),
            "title": self.document.title,
            "department": department.__name__ if department is not None else "",
            "status": self.status,
            "made_date": self.made_date.isoformat(),
            "due": self.due.isoformat(),
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "workdays": self.workdays,
            "overdue_workdays": self.overdue_workdays,
            "uncertain": self.uncertain,
        }


def today_in_china():
    """Today in the site's time zone (``govportal.sitetime``)."""
    return site_today()


def first_published_on(document, registry=None):
    """The day ``document`` was first published (None if never): its first
    step into a listed public state, else its 发布日期 if it is public."""
    registry = registry or get_current_registry()
    listed = listed_states(registry)
    days = [
        local_date(r.when) for r in get_history(document) if getattr(r, "to_state", None) in listed
    ]
    if days:
        return min(days)
    if get_state(document, registry) in public_states(registry):
        return getattr(document, "publish_date", None)
    return None


def check_document(document, calendar, today, registry=None):
    """The :class:`TimelinessIssue` of ``document``, or None if it is in time
    (or has no 形成日期, or its limit has not passed yet)."""
    made = getattr(document, "made_date", None)
    if made is None:
        return None
    due, due_uncertain = calendar.add_workdays(made, LIMIT_WORKDAYS)
    published_on = first_published_on(document, registry)
    end = published_on if published_on is not None else today
    if end <= due:
        return None
    workdays, span_uncertain = calendar.workdays_between(made, end)
    return TimelinessIssue(
        document=document,
        status="late" if published_on is not None else "unpublished",
        made_date=made,
        due=due,
        published_on=published_on,
        workdays=workdays,
        uncertain=due_uncertain or span_uncertain,
    )


def documents_of(site, deep=True):
    """Documents in ``site`` (the root or a department).  For the root,
    ``deep=False`` keeps the portal's own documents only."""
    system = find_catalog(site, "system")
    if system is None:
        return []
    query = system["content_type"].eq("Document") & system["path"].eq(site, include_origin=False)
    ids = set(query.execute().ids)
    if not deep and not IDepartment.providedBy(site):
        gov = find_catalog(site, CATALOG_NAME)
        if gov is not None:
            ids -= set(gov["department"].indexed())
    objectmap = find_objectmap(site)
    return [d for d in (objectmap.object_for(oid) for oid in ids) if d is not None]


def timeliness_issues(site, today=None, deep=True, registry=None):
    """The documents of ``site`` that missed the 20-working-day limit, the
    most overdue first.  ``today`` defaults to today in China; ``deep``
    (root only) includes the departments' documents."""
    registry = registry or get_current_registry()
    today = today or today_in_china()
    calendar = get_calendar(find_root(site))
    issues = []
    for document in documents_of(site, deep=deep):
        issue = check_document(document, calendar, today, registry)
        if issue is not None:
            issues.append(issue)
    issues.sort(key=lambda i: (-i.overdue_workdays, i.made_date, i.document.title))
    return issues


def uncertain_due_days(root, calendar):
    """Due days of unpublished documents that rely on a year without holiday
    data (the ``uncertain`` hook of ``config.add_deadline_recomputer``)."""
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    if system is None or gov is None:
        return []
    query = system["content_type"].eq("Document") & gov["state"].notany(
        public_states(get_current_registry())
    )
    objectmap = find_objectmap(root)
    found = []
    for oid in query.execute().ids:
        document = objectmap.object_for(oid)
        made = getattr(document, "made_date", None)
        if made is None or first_published_on(document) is not None:
            continue
        result = calendar.add_workdays(made, LIMIT_WORKDAYS)
        if result.uncertain:
            found.append(
                UncertainDeadline(
                    document.title, result.value, result.uncertain_years, resource_path(document)
                )
            )
    return found


def nothing_to_recompute(event):
    """Due days are never stored, so a calendar change has nothing to update."""


def includeme(config):
    config.add_deadline_recomputer(
        nothing_to_recompute, uncertain=uncertain_due_days, title="主动公开时效"
    )
