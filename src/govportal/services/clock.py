"""The time limit of a case (办件), in working days (第十八条: 限时办结).

* The clock starts the day after ``case.accepted_on`` (受理日期; the day of an
  act is not counted, :class:`govportal.calendar.WorkdayCalendar`).
* ``promised_days`` (承诺时限) gives ``case.due``, the date shown, warned on
  and supervised; ``legal_days`` (法定时限) gives ``case.legal_due``.
* Pauses (``case.pauses``: ``{"kind", "start", "end", "note"}``, kinds of
  :data:`~.vocabulary.PAUSE_KINDS`: a 补正 during handling, 听证、检验检测、
  专家评审 through a suspension) are not counted: working days ``d`` with
  ``start < d <= end``.  While a pause is open the due dates are those of
  a pause ending today (they move on every day the pause lasts).
* What the clock does in each state is the workflow file's ``clock:`` key
  (``none``, ``running``, ``paused``, ``closed``), asked through
  :func:`govportal.workflow.facts.clock_states`: no state is named here.

Results that relied on a year without holiday data carry those years
(``case.due_uncertain_years``), shown as 待核实 and listed to the calendar's
administrators; changing the calendar recomputes every open case
(:func:`recompute_on_calendar_change`, registered in :func:`includeme`).
"""

from pyramid.traversal import find_root

from .. import sitetime
from ..calendar import get_calendar
from ..calendar.periods import compute_due, counted_workdays
from ..workflow import facts, get_workflow
from .cases import CASE_TYPE

#: Clock modes of the ``clock:`` key.
NONE, RUNNING, PAUSED, CLOSED = "none", "running", "paused", "closed"
MODES = (NONE, RUNNING, PAUSED, CLOSED)
#: The setting: a case is "yellow" with this many working days left or fewer.
YELLOW_SETTING = "govportal.services.yellow_days"
DEFAULT_YELLOW_DAYS = 3
#: Warning levels.
OK, YELLOW, RED = "ok", "yellow", "red"


def today():
    """Today's date in the site's time zone (tests may replace this)."""
    return sitetime.today()


def state_of(case, registry):
    return get_workflow(case, registry).state_of(case)


def mode_of_state(registry, state, content_type=CASE_TYPE):
    """The ``clock:`` mode of ``state`` (``none`` if unknown)."""
    for mode in MODES:
        if state in facts.clock_states(registry, content_type, mode):
            return mode
    return NONE


def clock_mode(case, registry):
    """The clock mode of ``case``'s current state."""
    return mode_of_state(registry, state_of(case, registry), CASE_TYPE)


def pause_spans(case, until=None):
    """``(start, end)`` of the case's pauses; an open pause ends ``until``
    (today), or is left out when ``until`` is None."""
    spans = []
    for pause in case.pauses or ():
        end = pause.get("end")
        if end is None:
            if until is None:
                continue
            end = max(until, pause["start"])
        spans.append((pause["start"], end))
    return spans


def open_pause(case):
    """The pause still open (no ``end``), or None."""
    for pause in reversed(tuple(case.pauses or ())):
        if pause.get("end") is None:
            return pause
    return None


def compute(case, calendar, on=None):
    """``(due, legal_due, uncertain_years)`` of ``case`` (open pauses end on
    ``on``, default today); ``(None, None, ())`` before acceptance."""
    if case.accepted_on is None:
        return None, None, ()
    spans = pause_spans(case, on or today())
    due = compute_due(calendar, case.accepted_on, int(case.promised_days or 0), spans)
    legal_days = int(case.legal_days or 0) or int(case.promised_days or 0)
    legal = compute_due(calendar, case.accepted_on, legal_days, spans)
    years = tuple(sorted(set(due.uncertain_years) | set(legal.uncertain_years)))
    return due.value, legal.value, years


def refresh(case, registry, calendar=None):
    """Recompute ``case.due``, ``case.legal_due`` and
    ``case.due_uncertain_years`` from the clock mode of its state.

    Not started (``none``): no due dates.  Running or paused: computed (a
    paused case as if the pause ended today).  Closed: kept as they were
    (the due date the case was concluded against).
    """
    mode = clock_mode(case, registry)
    if mode == CLOSED:
        return
    if mode == NONE or case.accepted_on is None:
        case.due, case.legal_due, case.due_uncertain_years = None, None, ()
        return
    calendar = calendar or get_calendar(find_root(case))
    due, legal, years = compute(case, calendar)
    if (case.due, getattr(case, "legal_due", None), tuple(case.due_uncertain_years)) != (
        due,
        legal,
        years,
    ):
        case.due, case.legal_due, case.due_uncertain_years = due, legal, years


def _end_of_count(case, on):
    concluded = getattr(case, "concluded_on", None)
    return min(on, concluded) if concluded else on


def workdays_used(case, on=None, calendar=None):
    """Working days counted since acceptance up to ``on`` (today; the
    conclusion date for a concluded case), pauses excluded."""
    if case.accepted_on is None:
        return 0
    on = _end_of_count(case, on or today())
    calendar = calendar or get_calendar(find_root(case))
    return counted_workdays(calendar, case.accepted_on, on, pause_spans(case, on)).value


def workdays_left(case, on=None, calendar=None):
    """Promised working days still left on ``on`` (negative when overdue),
    or None before acceptance."""
    if case.accepted_on is None:
        return None
    return int(case.promised_days or 0) - workdays_used(case, on, calendar)


def yellow_days(settings):
    try:
        return int((settings or {}).get(YELLOW_SETTING) or DEFAULT_YELLOW_DAYS)
    except (TypeError, ValueError):
        return DEFAULT_YELLOW_DAYS


def warning_level(case, on=None, settings=None, registry=None, calendar=None):
    """``"ok"``, ``"yellow"`` (≤ ``govportal.services.yellow_days`` working
    days left, default 3) or ``"red"`` (overdue: the due date has passed)
    of an open case on ``on`` (today).  A case whose clock has not started
    or is paused is ``"ok"``; a closed case is ``"red"`` when it was
    concluded after its due date."""
    if case.accepted_on is None:
        return OK
    on = on or today()
    if registry is not None:
        mode = clock_mode(case, registry)
        if mode == NONE:
            return OK
        if mode == CLOSED:
            concluded = getattr(case, "concluded_on", None)
            return RED if concluded and case.due and concluded > case.due else OK
        if mode == PAUSED:
            return OK
        if settings is None:
            settings = registry.settings
    left = workdays_left(case, on, calendar)
    if left < 0 or (case.due is not None and on > case.due):
        return RED
    if left <= yellow_days(settings):
        return YELLOW
    return OK


# -- calendar hooks -------------------------------------------------------------


def _open_cases(root, registry):
    from .queries import all_cases

    modes = set(facts.clock_states(registry, CASE_TYPE, RUNNING)) | set(
        facts.clock_states(registry, CASE_TYPE, PAUSED)
    )
    return [c for c in all_cases(root) if state_of(c, registry) in modes]


def recompute_on_calendar_change(event):
    """``add_deadline_recomputer`` hook: recompute every open case."""
    for case in _open_cases(event.root, event.registry):
        refresh(case, event.registry, event.calendar)


def uncertain_deadlines(root, calendar):
    """``add_deadline_recomputer`` hook: open due dates in years without data."""
    from pyramid.threadlocal import get_current_registry
    from pyramid.traversal import resource_path

    from ..calendar import UncertainDeadline
    from .cases import lead_site
    from .sites import site_title

    found = []
    for case in _open_cases(root, get_current_registry()):
        if case.due is None or not case.due_uncertain_years:
            continue
        site = lead_site(case)
        path = resource_path(site).rstrip("/") + "/@@cases/" + case.__name__
        title = f"{site_title(site) or '门户'} 办件 {case.__name__}"
        found.append(UncertainDeadline(title, case.due, tuple(case.due_uncertain_years), path))
    return found


#: The day each registry's processes last refreshed the paused clocks.
_paused_refreshed = {}


def refresh_paused(root, request):
    """Periodic job, once a day per process: a paused case's due dates are
    those of a pause ending today, so they move on every working day of the
    pause; recompute them (a case is written only when they changed).
    Returns the number of cases changed (the job commits when > 0)."""
    registry = request.registry
    day = today()
    key = id(registry)
    if _paused_refreshed.get(key) == day:
        return 0
    paused = set(facts.clock_states(registry, CASE_TYPE, PAUSED))
    calendar = get_calendar(root)
    changed = 0
    for case in _open_cases(root, registry):
        if state_of(case, registry) not in paused:
            continue
        before = (case.due, case.legal_due, tuple(case.due_uncertain_years))
        refresh(case, registry, calendar)
        changed += before != (case.due, case.legal_due, tuple(case.due_uncertain_years))
    _paused_refreshed[key] = day
    return changed


def includeme(config):
    config.add_periodic_job("govportal services paused clocks", refresh_paused)
    config.add_deadline_recomputer(
        recompute_on_calendar_change,
        uncertain=uncertain_deadlines,
        name="govportal.services",
        title="办事服务办件",
    )
