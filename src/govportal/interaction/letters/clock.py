"""The clock of a letter, in working days (第二十五条).

* ``letter.received_on`` (收信日期, site time zone) starts it; the day of
  receipt is not counted (:class:`govportal.calendar.WorkdayCalendar`).
* Within ``verify_days`` working days (setting
  ``govportal.interaction.verify_days``, default 15) the handling department
  records its initial verification and a promised completion date
  (``letter.verify_due``), unless the reply was approved sooner.
* The promised date (``letter.promised_on``) may be at most ``max_promise_days``
  working days after receipt (setting ``govportal.interaction.max_promise_days``,
  default 60: :func:`promise_limit`); it may be extended once
  (``letter.promise_extension["to"]``), within the same limit.
* ``letter.due`` is the date that counts now (:func:`refresh`): the extended
  or promised date once a verification is recorded, else ``verify_due``.  A
  letter whose clock is closed (answered, published, refused) keeps the date
  it was concluded against (the statistics compare ``answered_on`` with it).
* Transfers (转办) keep ``received_on``, ``verify_due`` and the promise: the
  clock is the writer's, not the department's.
* What the clock does per state is the workflow file's ``clock:`` key, asked
  through :func:`govportal.workflow.facts.clock_states` (``running`` or
  ``closed`` for letters).

Results that relied on a year without holiday data carry those years
(``letter.due_uncertain_years``), shown as 待核实; a change of the calendar
recomputes every open letter (:func:`recompute_on_calendar_change`).
"""

from pyramid.traversal import find_root

from ... import sitetime
from ...calendar import get_calendar
from ...calendar.periods import compute_due, counted_workdays
from ...workflow import facts, get_workflow
from ..hub.deadlines import NEAR, OK, OVERDUE
from .model import LETTER_TYPE

VERIFY_SETTING = "govportal.interaction.verify_days"
MAX_PROMISE_SETTING = "govportal.interaction.max_promise_days"
NEAR_SETTING = "govportal.interaction.near_days"
DEFAULT_VERIFY_DAYS = 15
DEFAULT_MAX_PROMISE_DAYS = 60
DEFAULT_NEAR_DAYS = 3

#: Clock modes of the ``clock:`` key.
NONE, RUNNING, PAUSED, CLOSED = "none", "running", "paused", "closed"
MODES = (NONE, RUNNING, PAUSED, CLOSED)


def today():
    """Today's date in the site's time zone (tests may replace this)."""
    return sitetime.today()


def _setting(registry, name, default):
    settings = getattr(registry, "settings", None) or {}
    try:
        value = int(settings.get(name) or default)
    except (TypeError, ValueError):
        return default
    return value if value > 0 else default


def verify_days(registry):
    return _setting(registry, VERIFY_SETTING, DEFAULT_VERIFY_DAYS)


def max_promise_days(registry):
    return _setting(registry, MAX_PROMISE_SETTING, DEFAULT_MAX_PROMISE_DAYS)


def near_days(registry):
    return _setting(registry, NEAR_SETTING, DEFAULT_NEAR_DAYS)


def calendar_of(letter, context=None):
    """The working-day calendar of the site group ``letter`` (or ``context``) is in."""
    holder = context if context is not None else letter
    return get_calendar(find_root(holder))


def state_of(letter, registry):
    return get_workflow(letter, registry).state_of(letter)


def mode_of_state(registry, state):
    """The ``clock:`` mode of ``state`` (``none`` if unknown)."""
    for mode in MODES:
        if state in facts.clock_states(registry, LETTER_TYPE, mode):
            return mode
    return NONE


def clock_mode(letter, registry):
    return mode_of_state(registry, state_of(letter, registry))


def is_open(letter, registry):
    return clock_mode(letter, registry) in (RUNNING, PAUSED)


def start_clock(letter, registry, calendar=None, context=None):
    """Start the clock of a new letter: ``received_on`` (today, if unset),
    ``verify_due`` and ``due`` (``verify_days`` working days after receipt)
    and ``due_uncertain_years``.  ``context`` (the site) gives the calendar
    when the letter is not stored yet."""
    if letter.received_on is None:
        letter.received_on = today()
    calendar = calendar or calendar_of(letter, context)
    result = compute_due(calendar, letter.received_on, verify_days(registry))
    letter.verify_due = result.value
    letter.due = result.value
    letter.due_uncertain_years = tuple(result.uncertain_years)
    return letter.due


def promise_limit(letter, registry, calendar=None):
    """The latest promised completion date allowed (``max_promise_days``
    working days after receipt), or None before receipt."""
    if letter.received_on is None:
        return None
    calendar = calendar or calendar_of(letter)
    return compute_due(calendar, letter.received_on, max_promise_days(registry)).value


def promised_date(letter):
    """The completion date promised now: the extension's, else the promise."""
    extension = letter.promise_extension or {}
    return extension.get("to") or letter.promised_on


def refresh(letter, registry, calendar=None):
    """Recompute ``verify_due``, ``due`` and ``due_uncertain_years`` of an
    open letter; a closed letter keeps what it had."""
    if letter.received_on is None or clock_mode(letter, registry) == CLOSED:
        return
    calendar = calendar or calendar_of(letter)
    result = compute_due(calendar, letter.received_on, verify_days(registry))
    years = set(result.uncertain_years)
    verify_due = result.value
    due = verify_due
    if letter.verification and promised_date(letter):
        due = promised_date(letter)
        years |= set(calendar.workdays_between(letter.received_on, due).uncertain_years)
    years = tuple(sorted(years))
    if (letter.verify_due, letter.due, tuple(letter.due_uncertain_years)) != (
        verify_due,
        due,
        years,
    ):
        letter.verify_due, letter.due, letter.due_uncertain_years = verify_due, due, years


def verification_missing(letter, on=None):
    """True when the initial verification is late: none recorded, no reply
    approved, and ``verify_due`` has passed on ``on`` (today)."""
    on = on or today()
    return (
        not letter.verification
        and letter.answered_on is None
        and letter.verify_due is not None
        and on > letter.verify_due
    )


def workdays_left(letter, on=None, calendar=None):
    """Working days from ``on`` (today) to ``due`` (negative when overdue)."""
    if letter.due is None:
        return None
    calendar = calendar or calendar_of(letter)
    return calendar.workdays_between(on or today(), letter.due).value


def warning_level(letter, registry, today=None, calendar=None):
    """OK, NEAR (≤ ``near_days`` working days left, setting
    ``govportal.interaction.near_days``, default 3) or OVERDUE of an open
    letter; a closed letter is OVERDUE when it was answered after its due
    date (or never answered in time), else OK."""
    on = today or globals()["today"]()
    if letter.received_on is None or letter.due is None:
        return OK
    if clock_mode(letter, registry) == CLOSED:
        if letter.answered_on is not None and letter.answered_on > letter.due:
            return OVERDUE
        return OK
    if on > letter.due or verification_missing(letter, on):
        return OVERDUE
    left = workdays_left(letter, on, calendar)
    if left is not None and left <= near_days(registry):
        return NEAR
    return OK


def days_used(letter, registry=None, calendar=None, on=None):
    """Working days from receipt to the answer (or to ``on``, today)."""
    if letter.received_on is None:
        return 0
    end = letter.answered_on or on or today()
    calendar = calendar or calendar_of(letter)
    return counted_workdays(calendar, letter.received_on, end).value


def answered_at_once(letter, calendar=None):
    """当即回复: answered on the day of receipt or the next working day."""
    if letter.received_on is None or letter.answered_on is None:
        return False
    calendar = calendar or calendar_of(letter)
    return letter.answered_on <= calendar.add_workdays(letter.received_on, 1).value


def on_time(letter):
    """Answered by the date that counted (``due``), the verification not late."""
    if letter.answered_on is None or letter.due is None:
        return False
    if letter.verification is None and letter.verify_due is not None:
        return letter.answered_on <= letter.verify_due
    return letter.answered_on <= letter.due


# -- calendar hooks -------------------------------------------------------------


def _open_letters(root, registry):
    from .queries import open_letters

    return open_letters(root, registry)


def recompute_on_calendar_change(event):
    """``add_deadline_recomputer`` hook: recompute every open letter."""
    for letter in _open_letters(event.root, event.registry):
        refresh(letter, event.registry, event.calendar)


def uncertain_deadlines(root, calendar):
    """``add_deadline_recomputer`` hook: open due dates in years without data."""
    from pyramid.threadlocal import get_current_registry
    from pyramid.traversal import resource_path

    from ...calendar import UncertainDeadline
    from .model import site_of

    found = []
    for letter in _open_letters(root, get_current_registry()):
        if letter.due is None or not letter.due_uncertain_years:
            continue
        site = site_of(letter)
        path = resource_path(site).rstrip("/") + "/@@letters-admin/" + letter.__name__
        found.append(
            UncertainDeadline(
                f"信件 {letter.__name__}", letter.due, tuple(letter.due_uncertain_years), path
            )
        )
    return found


def includeme(config):
    config.add_deadline_recomputer(
        recompute_on_calendar_change,
        uncertain=uncertain_deadlines,
        name="govportal.interaction.letters",
        title="互动交流信件",
    )
