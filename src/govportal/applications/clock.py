"""The statutory clock of an application, in working days (checklist C5–C8, C10).

* The reply is due :data:`REPLY_DAYS` working days after receipt (第三十三条);
  one extension of at most :data:`MAX_EXTENSION_DAYS` adds to that.
* A third-party consultation (第三十二条) pauses the clock: the working days
  from the day after it starts to the day it ends are not counted; the third
  party has :data:`CONSULT_DAYS` working days **from its receipt of the
  consultation letter** (the date staff record; the day the consultation
  started until they do).
* A request to complete an unclear application (第三十条) stops the clock.
  :data:`SUPPLEMENT_DAYS` is the **agency's** deadline: the one-time request
  must go out within 7 working days of receipt (:func:`supplement_request_due`;
  a later request is recorded as late).  The applicant's period is the one
  the agency sets in that request (``supplement["respond_by"]``; the staff
  form proposes :data:`DEFAULT_RESPONSE_DAYS` working days).  On completion
  the reply period starts again from the completion date.

Days are counted by :class:`govportal.calendar.WorkdayCalendar` (the day of
an act is not counted); results carry the years without holiday data they
relied on, stored with the deadline and shown as "待核实".
"""

from .. import sitetime
from ..calendar.periods import compute_due  # noqa: F401  (moved; kept importable here)

#: Statutory periods, in working days.
REPLY_DAYS = 20
MAX_EXTENSION_DAYS = 20
CONSULT_DAYS = 15
SUPPLEMENT_DAYS = 7
#: The applicant's period the staff form proposes for a supplement (the
#: agency sets it; 条例 第三十条 fixes no number).
DEFAULT_RESPONSE_DAYS = 15
#: An open application is "near due" with this many working days left or fewer.
NEAR_DUE_DAYS = 5

#: States whose reply clock runs, is paused, or has stopped for a supplement.
RUNNING_STATES = ("processing", "extension_requested")
PAUSED_STATES = ("consulting",)
WAITING_STATES = ("supplement",)
CLOSED_STATES = ("answered",)


def today():
    """Today's date in the site's time zone (tests replace this function)."""
    return sitetime.today()


def closed_pauses(application):
    return [(p["start"], p["end"]) for p in application.pauses if p.get("end") is not None]


def refresh_deadlines(application, calendar, state):
    """Recompute the stored deadlines of ``application`` in ``state``.

    Running clock: ``due`` from ``clock_start``, ``allowed_days`` and the
    closed pauses.  Consultation: ``due`` is None and ``pause_due`` the third
    party's deadline.  Supplement: ``due`` is None and ``pause_due`` the
    applicant's.  A closed application keeps what it had.
    """
    if state in CLOSED_STATES or application.clock_start is None:
        return
    application.due, application.due_uncertain_years = None, ()
    application.pause_due, application.pause_due_uncertain_years = None, ()
    if state in RUNNING_STATES:
        result = compute_due(
            calendar, application.clock_start, application.allowed_days, closed_pauses(application)
        )
        application.due, application.due_uncertain_years = result.value, result.uncertain_years
    elif state in PAUSED_STATES and application.pauses:
        pause = application.pauses[-1]
        # art. 32: from the third party's receipt of the letter, once recorded
        received = pause.get("received_on") or pause["start"]
        result = calendar.add_workdays(received, CONSULT_DAYS)
        application.pause_due, application.pause_due_uncertain_years = (
            result.value,
            result.uncertain_years,
        )
    elif state in WAITING_STATES and application.supplement:
        supplement = application.supplement
        if supplement.get("respond_by") and supplement.get("set_by_agency"):
            # art. 30: the period the agency set in its request
            application.pause_due = supplement["respond_by"]
        else:  # stored before the agency set the period: the old 7-day rule
            result = calendar.add_workdays(supplement["requested_on"], SUPPLEMENT_DAYS)
            application.pause_due, application.pause_due_uncertain_years = (
                result.value,
                result.uncertain_years,
            )


def supplement_request_due(application, calendar):
    """The last day the agency may send its one-time request for a supplement
    (art. 30: 7 working days from receipt), or None before registration."""
    if application.registered_on is None:
        return None
    return calendar.add_workdays(application.registered_on, SUPPLEMENT_DAYS).value


def _phase(state):
    if state in PAUSED_STATES:
        return "paused"
    if state in WAITING_STATES:
        return "waiting"
    return ""


def clock_status(application, calendar, state, on=None):
    """What the queue shows about the clock of ``application`` on ``on`` (today).

    A dict: ``due`` (or None), ``remaining`` working days (negative when
    overdue), ``overdue``, ``near`` (≤ :data:`NEAR_DUE_DAYS` left),
    ``uncertain_years``, ``pause_due`` and ``closed``.
    """
    on = on or today()
    info = {
        "due": application.due,
        "remaining": None,
        "overdue": False,
        "near": False,
        "uncertain_years": tuple(application.due_uncertain_years)
        + tuple(application.pause_due_uncertain_years),
        "pause_due": application.pause_due,
        "closed": state in CLOSED_STATES,
        # which clock pause_due belongs to: the third party's or the applicant's
        "phase": "paused"
        if state in PAUSED_STATES
        else "waiting"
        if state in WAITING_STATES
        else "",
        # art. 30: the agency's last day to send a one-time supplement request
        "supplement_request_due": supplement_request_due(application, calendar)
        if state in RUNNING_STATES and not application.supplement
        else None,
    }
    if state in CLOSED_STATES or state not in RUNNING_STATES or application.due is None:
        return info
    remaining = calendar.workdays_between(on, application.due).value
    info["remaining"] = remaining
    info["overdue"] = on > application.due
    info["near"] = not info["overdue"] and remaining <= NEAR_DUE_DAYS
    return info
