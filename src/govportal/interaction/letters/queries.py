"""Read-only questions about letters: per site, open ones, near-due and
overdue, long unanswered (B18), the deadline source of the 互动交流 hub and
the monthly statistics.

"Open" means a state whose ``clock:`` is not ``closed`` in
``workflows/letter.yaml`` (:func:`govportal.workflow.facts.clock_states`);
no state is named here.  Nothing here writes.

Statistics contract (:func:`stats_by_month`, shown publicly and exported to
XLSX by :mod:`.stats`): for each month, a dict of ``received`` (letters with
``received_on`` in the month), ``answered`` (``answered_on`` in the month), ``on_time`` (of
those, answered by the date that counted: :func:`.clock.on_time`),
``avg_workdays`` (their average working days from receipt to reply, one
decimal, None when none), ``at_once`` (当即回复), ``rated`` / ``satisfied``
(ratings given in the month, and the satisfied ones), ``levels`` (ratings
by satisfaction code) and ``_days`` (the working days of each answered
letter, for totals).  Letters count for the site handling them now.
"""

from datetime import timedelta

from pyramid.threadlocal import get_current_registry

from ... import sitetime
from ...content import site_group
from ...workflow import facts, get_workflow
from ..hub.deadlines import NEAR, OVERDUE, DeadlineRow
from . import clock
from .model import LETTER_TYPE, find_box, sent_index, site_of
from .vocabulary import CHANNELS, SATISFIED_CODES, title_of

#: B18: a letter still unanswered this many days after receipt is reported.
LONG_UNANSWERED_DAYS = 90


def _registry(registry):
    return registry or get_current_registry()


def letters_of(site):
    """Every letter ``site`` holds now (number order)."""
    box = find_box(site)
    return box.values() if box is not None else []


def sent_letters(site):
    """Letters ``site`` transferred elsewhere and that are not back (number order)."""
    index = sent_index(site)
    if index is None:
        return []
    return [letter for letter in index.values() if site_of(letter) is not site]


def all_letters(root):
    for site in site_group(root):
        yield from letters_of(site)


def state_of(letter, registry=None):
    return get_workflow(letter, _registry(registry)).state_of(letter)


def is_open(letter, registry=None):
    registry = _registry(registry)
    return state_of(letter, registry) not in facts.clock_states(registry, LETTER_TYPE, "closed")


def open_letters(root, registry=None):
    """Letters not yet answered or refused, on every site."""
    registry = _registry(registry)
    return [letter for letter in all_letters(root) if is_open(letter, registry)]


def open_letters_of(site, registry=None):
    registry = _registry(registry)
    return [letter for letter in letters_of(site) if is_open(letter, registry)]


def warned(site, registry=None, on=None):
    """``[(letter, level)]`` of ``site``'s open letters near due or overdue."""
    registry = _registry(registry)
    found = []
    for letter in open_letters_of(site, registry):
        level = clock.warning_level(letter, registry, on)
        if level in (NEAR, OVERDUE):
            found.append((letter, level))
    return found


def long_unanswered(site, registry=None, on=None):
    """Open letters received more than :data:`LONG_UNANSWERED_DAYS` days ago (B18)."""
    on = on or clock.today()
    limit = on - timedelta(days=LONG_UNANSWERED_DAYS)
    return [
        letter
        for letter in open_letters_of(site, registry)
        if letter.received_on is not None and letter.received_on < limit
    ]


def deadline_rows(site, request):
    """Deadline source of the hub (``config.add_interaction_deadlines``):
    ``site``'s open letters the user may see, with their clock level."""
    registry = request.registry
    titles = facts.state_titles(registry, LETTER_TYPE)
    today = clock.today()
    rows = []
    for letter in open_letters_of(site, registry):
        if not request.has_permission("view_letter", letter):
            continue
        rows.append(
            DeadlineRow(
                kind=str(title_of(CHANNELS, letter.channel)),
                title=letter.number,
                url=request.resource_url(site, "@@letters-admin", letter.__name__),
                due=letter.due,
                level=clock.warning_level(letter, registry, today),
                state=titles.get(state_of(letter, registry), ""),
                number=letter.number,
            )
        )
    return rows


def _month_of(day):
    return (day.year, day.month) if day is not None else None


def _no_counts():
    return {
        "received": 0,
        "answered": 0,
        "on_time": 0,
        "at_once": 0,
        "rated": 0,
        "satisfied": 0,
        "levels": {},
        "_days": [],
    }


def stats_by_month(site, months, registry=None):
    """``{(year, month): counts}`` of each of ``months`` (see module), in one
    walk over ``site``'s letters (a year's table reads them once, not once
    a month)."""
    found = {wanted: _no_counts() for wanted in months}
    calendar = None
    for letter in letters_of(site):
        received = found.get(_month_of(letter.received_on))
        if received is not None:
            received["received"] += 1
        answered = found.get(_month_of(letter.answered_on))
        if answered is not None:
            answered["answered"] += 1
            on_time = letter.on_time if letter.on_time is not None else clock.on_time(letter)
            answered["on_time"] += bool(on_time)
            answered["at_once"] += bool(letter.answered_at_once)
            used = letter.workdays_used
            if used is None:
                calendar = calendar or clock.calendar_of(letter)
                used = clock.days_used(letter, registry, calendar=calendar)
            answered["_days"].append(used)
        rating = letter.satisfaction
        if rating:
            rated = found.get(_month_of(sitetime.local_date(rating["at"], registry)))
            if rated is not None:
                level = rating.get("level")
                rated["rated"] += 1
                rated["satisfied"] += level in SATISFIED_CODES
                rated["levels"][level] = rated["levels"].get(level, 0) + 1
    for counts in found.values():
        days = counts["_days"]
        counts["avg_workdays"] = round(sum(days) / len(days), 1) if days else None
    return found
