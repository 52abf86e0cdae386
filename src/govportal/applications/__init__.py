"""依申请公开: applications for disclosure of government information (checklist C4–C10, C13).

Pages
-----
``<site>/@@apply``
    the public online form (no account), on the portal and on each
    department: the site it is posted to is the receiving organ;
``<site>/@@track``
    the public status page: a tracking code in, status, dates, deadline and
    outcome out (never personal data);
``<site>/@@applications`` and ``<site>/@@applications/<number>``
    the site's queue and each application's page, for its handlers.

Lifecycle
---------
``workflows/application.yaml``: 待登记 (received) → 办理中 (processing) ⇄
待补正 (supplement) / 征求第三方意见 (consulting) / 延期待批
(extension_requested) → 已答复 (answered).  Steps are in :mod:`.actions`;
the statutory clock in :mod:`.clock` (working days of
:mod:`govportal.calendar`; deadlines are recomputed when the calendar table
changes, and deadlines in years without data are listed on the calendar's
management page).

Who sees what
-------------
Applications live in a private box per site (:mod:`.model`), never
traversable, listed, searched or catalogued.  Permissions (``roles.yaml``):
``view_application`` (queue, clock, request, decision, history),
``view_applicant`` (the applicant's personal data), ``handle_application``
and ``approve_extension``.  The site's editors and reviewers hold all but the
last (reviewers also approve extensions); site administrators see everything
but act on nothing; **auditors see the queue, the clock, the decisions and
the history, without the applicant's personal data**.

Query API (for the annual report)
---------------------------------
All in :mod:`.queries`, read-only, outcome and applicant-type codes from
:mod:`.vocabulary` (``OUTCOME_CODES``, ``APPLICANT_TYPE_CODES``; titles in
``OUTCOMES``/``APPLICANT_TYPES``; report rows in ``OUTCOME_ROWS``):

``sites(root)``
    the portal root and every department (the organs that receive);
``applications_for(site, year)``
    :class:`~.queries.ApplicationRecord` (number, applicant_type,
    registered_on, state, outcome, decided_on) of every application the site
    handled in the year (registered by 31 December, not decided before
    1 January);
``annual_counts(site, year)``
    ``{"new", "carried_over", "outcomes": {code: ...}, "carried_forward"}``,
    each a mapping applicant type -> count, such that new + carried_over ==
    sum of outcomes + carried_forward;
``open_applications(root)``, ``site_applications(site)``.

A year counts an application by its first receipt date (``registered_on``,
the date staff confirm it, C5) and its decision date.

Mail
----
The applicant (if an address was given) on submission (the tracking code),
registration, a supplement request, an approved extension and the answer;
the site's handlers on each new application and, through
``govportal-application-reminders CONFIG.ini`` (:mod:`.reminders`, run it
daily), once per near-due (≤ 5 working days) and overdue deadline.

Settings
--------
``govportal.applications.apply_rate`` / ``track_rate``: ``N/SECONDS`` per
client address in one process (default ``10/600`` and ``30/600``).
``govportal.applications.number_format`` (default ``{organ}-{year}-{seq:04d}``)
and ``number_attempts``: see :mod:`.numbers`.

Numbers and replays
-------------------
Numbers are unique across the site group, allocated outside the request's
transaction (:mod:`.numbers`); the form carries a one-time submission token
(:mod:`govportal.submissions`), so a refresh, a double click or a retried
request shows the first application's number and tracking code instead of
storing a second one.
"""

from substanced.event import IObjectAdded
from zope.interface import Interface

from ..content import IDepartment
from .guards import GUARDS
from .model import Application, find_box
from .queries import (  # noqa: F401
    annual_counts,
    applications_for,
    open_applications,
    site_applications,
    sites,
)


def _department_added(event, *_objects):
    if event.moving is None and not event.loading:
        find_box(event.object, create=True)


def includeme(config):
    # After govportal.workflow: the guards need its directive, and the
    # content type must exist before the bindings are checked (at commit).
    # No add_view: applications are created by the form, never in the SDI.
    config.add_content_type("Application", Application)
    for name, guard in GUARDS.items():
        config.add_workflow_guard(name, guard)
    config.add_deadline_recomputer(
        ".queries.recompute_on_calendar_change",
        uncertain=".queries.uncertain_deadlines",
        name="govportal.applications",
        title="依申请公开",
    )
    # The warnings go out from the scheduler thread of serving processes;
    # govportal-application-reminders does the same from cron.
    config.add_periodic_job("govportal application reminders", ".reminders.send_reminders")
    config.add_periodic_job("govportal application number reservations", ".numbers.prune")
    # A new department gets its application box at once (see model.ensure_stores).
    config.add_subscriber(_department_added, [IObjectAdded, IDepartment, Interface])
    config.scan(".views_public")
    config.include(".views_staff")
