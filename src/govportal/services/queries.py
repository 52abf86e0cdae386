"""Read-only questions about cases (办件): per site, per guide, open ones, a month.

Used by the staff pages, supervision (电子监察) and ratings; nothing here
writes.  States are never named: "open" means a state whose ``clock:`` is
not ``closed`` (:func:`govportal.workflow.facts.clock_states`).
"""

from datetime import date

from pyramid.threadlocal import get_current_registry

from .. import sitetime
from ..workflow import facts, get_workflow
from .cases import CASE_TYPE, find_case_box, task_inbox
from .sites import site_key, sites

#: The outcomes of :attr:`ServiceCase.result` that conclude a handled case
#: (the transition names that write them); the others close it at intake.
DECIDED = ("conclude", "deny")


def _registry(registry):
    return registry or get_current_registry()


def cases_of(site):
    """Every case ``site`` leads (number order)."""
    box = find_case_box(site)
    return box.values() if box is not None else []


def all_cases(root):
    """Every case of every site (the portal first)."""
    for site in sites(root):
        yield from cases_of(site)


def state_of(case, registry=None):
    return get_workflow(case, _registry(registry)).state_of(case)


def is_open(case, registry=None):
    registry = _registry(registry)
    return state_of(case, registry) not in facts.clock_states(registry, CASE_TYPE, "closed")


def open_cases(root, registry=None):
    """Cases not yet closed (concluded, denied or not accepted), on every site."""
    registry = _registry(registry)
    return [c for c in all_cases(root) if is_open(c, registry)]


def cases_by_guide(root, guide_path):
    """Every case submitted for the guide at ``guide_path`` (a path string)."""
    return [c for c in all_cases(root) if c.guide_path == guide_path]


def tasks_for(site, registry=None):
    """``[(case, task)]`` of every task of ``site`` (a co-handling
    department), open tasks first, then newest round first."""
    inbox = task_inbox(site)
    if inbox is None:
        return []
    name = site_key(site)
    found = []
    for case in inbox.values():
        for task in case.tasks.values():
            if task.department == name:
                found.append((case, task))
    found.sort(key=lambda ct: (ct[1].outcome is not None, -ct[1].created_at.timestamp()))
    return found


def _month(day, year, month):
    return day is not None and day.year == year and day.month == month


def submitted_on(case):
    """The China date of submission."""
    return sitetime.local_date(case.submitted_at)


def monthly_stats(root, year, month, registry=None):
    """Per lead site, what happened in ``year``-``month`` (China dates).

    Returns ``[{"site", "key", "title", "received", "accepted", "not_accepted",
    "concluded", "on_time", "overdue", "days"}]`` (portal first): cases
    received (submitted) and accepted in the month, closed at intake, and
    concluded (办结 or 不予许可) in the month, of which on time (on or before
    the due date) or overdue; ``days`` lists the working days each concluded
    case used (pauses excluded).
    """
    from .clock import workdays_used
    from .sites import site_title

    rows = []
    for site in sites(root):
        row = {
            "site": site,
            "key": site_key(site),
            "title": site_title(site),
            "received": 0,
            "accepted": 0,
            "not_accepted": 0,
            "concluded": 0,
            "on_time": 0,
            "overdue": 0,
            "days": [],
        }
        for case in cases_of(site):
            if _month(submitted_on(case), year, month):
                row["received"] += 1
            if _month(case.accepted_on, year, month):
                row["accepted"] += 1
            result = case.result or {}
            if not _month(case.concluded_on, year, month):
                continue
            if result.get("outcome") in DECIDED:
                row["concluded"] += 1
                late = case.due is not None and case.concluded_on > case.due
                row["overdue" if late else "on_time"] += 1
                row["days"].append(workdays_used(case, case.concluded_on))
            else:
                row["not_accepted"] += 1
        rows.append(row)
    return rows


def month_bounds(year, month):
    """First and last day of a month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, date.fromordinal(nxt.toordinal() - 1)
