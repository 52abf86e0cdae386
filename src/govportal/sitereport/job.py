"""The January job: last year's report drafted for every site, once.

:func:`january_job` is a periodic job (``config.add_periodic_job``).  In the
first days of January (site time; until day ``govportal.sitereport.january_days``,
see :mod:`govportal.settings`) it creates, for each site that has a 年报 column and no draft
for the previous year yet, the draft document (:func:`.draft.save_draft`),
and marks the site and year done in the monitor's ``sitereport`` section so
that it never drafts the same year twice, even if the draft is later
deleted.  The section also keeps the next run (a stored time, so several
processes do not all run it): an hour later within the window, else the
next 1 January.
"""

from datetime import datetime, time, timedelta

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import resource_path

from .. import sitetime
from ..content import site_group
from ..monitoring.store import section
from ..settings import DEFAULTS
from .draft import existing_draft, save_draft, site_column
from .report import compose

DAYS_SETTING = "govportal.sitereport.january_days"


class JobState(Persistent):
    def __init__(self):
        self.next_run = None
        self.done = OOBTree()  # "site path|year" -> UTC time drafted


def window_days(registry):
    """The last day of January the job drafts on (a bad value: the default)."""
    try:
        return int(registry.settings[DAYS_SETTING])
    except (KeyError, TypeError, ValueError):
        return int(DEFAULTS[DAYS_SETTING])


def next_january(now, registry):
    """The next 1 January 00:05 (site time) after ``now``, in UTC."""
    local = sitetime.local(now, registry)
    start = datetime.combine(
        local.date().replace(year=local.year + 1, month=1, day=1), time(0, 5), local.tzinfo
    )
    return sitetime.as_utc(start)


def draft_all(root, request, year):
    """Draft ``year``'s report on every site not yet done; returns the documents."""
    registry = request.registry
    state = section(root, "sitereport", JobState)
    made = []
    for site in site_group(root):
        key = f"{resource_path(site)}|{year}"
        if key in state.done:
            continue
        column = site_column(site, registry)
        if existing_draft(site, year) is None:
            if column is None:
                continue  # tried again next run (a column may be added)
            made.append(save_draft(site, compose(site, year, registry), column, request))
        state.done[key] = sitetime.now_utc()
    return made


def january_job(root, request):
    """The periodic job; True when it wrote (so its transaction commits)."""
    registry = request.registry
    now = sitetime.now_utc()
    found = section(root, "sitereport", JobState, create=False)
    if found is not None and found.next_run is not None and now < found.next_run:
        return False
    state = found or section(root, "sitereport", JobState)
    today = sitetime.local(now, registry).date()
    if today.month == 1 and today.day <= window_days(registry):
        draft_all(root, request, today.year - 1)
        state.next_run = now + timedelta(hours=1)
    else:
        state.next_run = next_january(now, registry)
    return True
