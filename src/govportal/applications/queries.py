"""Read-only questions about applications: per site, per year, open ones.

Used by the queue, the reminders and the annual report; nothing here writes
(except :func:`recompute_on_calendar_change`, the calendar's hook).
"""

from dataclasses import dataclass
from datetime import date

from pyramid.threadlocal import get_current_registry
from pyramid.traversal import resource_path

from ..content import site_group
from ..workflow import get_workflow
from . import clock
from .model import find_box
from .vocabulary import APPLICANT_TYPE_CODES, OUTCOME_CODES

#: The portal root and every department, in that order (the organs that receive).
sites = site_group


def site_applications(site):
    """Every application ``site`` received (submission order)."""
    box = find_box(site)
    return box.values() if box is not None else []


def all_applications(root):
    for site in sites(root):
        yield from site_applications(site)


def _state(application, registry=None):
    registry = registry or get_current_registry()
    return get_workflow(application, registry).state_of(application)


def open_applications(root, registry=None):
    """Applications not yet answered, on every site."""
    return [a for a in all_applications(root) if _state(a, registry) not in clock.CLOSED_STATES]


@dataclass(frozen=True)
class ApplicationRecord:
    """What the annual report needs of one application (no personal data)."""

    name: str
    applicant_type: str
    registered_on: date
    state: str
    outcome: str | None
    decided_on: date | None


def applications_for(site, year, registry=None):
    """:class:`ApplicationRecord` of every application ``site`` handled in ``year``.

    "Handled in the year": registered (receipt confirmed) on or before 31
    December of ``year`` and not decided before 1 January of ``year``, i.e.
    every application counted in one of the report's rows for that year.
    Applications never registered (still 待登记) are not received in the
    sense of 第三十一条 and are left out.
    """
    records = []
    for application in site_applications(site):
        if application.registered_on is None or application.registered_on.year > year:
            continue
        decision = application.decision
        decided_on = decision["date"] if decision else None
        if decided_on is not None and decided_on.year < year:
            continue
        records.append(
            ApplicationRecord(
                name=application.__name__,
                applicant_type=application.applicant_type,
                registered_on=application.registered_on,
                state=_state(application, registry),
                outcome=decision["code"] if decision else None,
                decided_on=decided_on,
            )
        )
    return records


def _zero():
    return {code: 0 for code in APPLICANT_TYPE_CODES}


def annual_counts(site, year, registry=None):
    """The counts of the annual report's 依申请 table for ``site`` and ``year``.

    Returns a dict, each value a mapping applicant type code -> count::

        {"new": ...,             # 一、本年新收: registered in the year
         "carried_over": ...,    # 二、上年结转: registered before, open on 1 January
         "outcomes": {outcome code: {type: n}},  # 三、本年度办理结果: decided in the year
         "carried_forward": ...} # 四、结转下年度继续办理: still open on 31 December

    ``new + carried_over == sum(outcomes) + carried_forward`` per type.
    """
    counts = {
        "new": _zero(),
        "carried_over": _zero(),
        "outcomes": {code: _zero() for code in OUTCOME_CODES},
        "carried_forward": _zero(),
    }
    for record in applications_for(site, year, registry):
        kind = record.applicant_type
        if record.registered_on.year == year:
            counts["new"][kind] += 1
        else:
            counts["carried_over"][kind] += 1
        if record.decided_on is not None and record.decided_on.year == year:
            counts["outcomes"][record.outcome][kind] += 1
        else:
            counts["carried_forward"][kind] += 1
    return counts


# -- calendar hooks -------------------------------------------------------------


def recompute_on_calendar_change(event):
    """``add_deadline_recomputer`` hook: recompute every open deadline."""
    for application in open_applications(event.root, event.registry):
        clock.refresh_deadlines(application, event.calendar, _state(application, event.registry))


def uncertain_deadlines(root, calendar):
    """``add_deadline_recomputer`` hook: open deadlines in years without data."""
    from ..calendar import UncertainDeadline

    found = []
    for application in open_applications(root):
        site = application.__parent__.__parent__
        path = resource_path(site).rstrip("/") + "/@@applications/" + application.__name__
        for due, years in (
            (application.due, application.due_uncertain_years),
            (application.pause_due, application.pause_due_uncertain_years),
        ):
            if due is not None and years:
                title = f"{getattr(site, 'title', '') or '门户'} 申请 {application.__name__}"
                found.append(UncertainDeadline(title, due, tuple(years), path))
    return found


__all__ = [
    "ApplicationRecord",
    "all_applications",
    "annual_counts",
    "applications_for",
    "open_applications",
    "site_applications",
    "sites",
]
