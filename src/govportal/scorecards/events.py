"""The dated facts each scorecard figure counts, read once per request.

Every fact is a site date (with, for the on-time figures, whether it was in
time), read through the owning parts' own functions:

* published items — :func:`govportal.monitoring.freshness.compute.published_dates`
  (the listed items' ``publish_date``, from the catalog);
* proactive disclosure in time (C1) — :mod:`govportal.disclosure.timeliness`
  (documents with a 形成日期, by their first publication, in time when
  :func:`~govportal.disclosure.timeliness.check_document` finds nothing);
* check overrides — :func:`govportal.checks.overrides.get_overrides` (by
  the day of the override);
* applications (依申请公开) — :func:`govportal.applications.queries.site_applications`
  (decided on ``decision["date"]``, in time on or before ``due``);
* letters — :func:`govportal.interaction.letters.queries.letters_of` with
  the same on-time rule as ``stats_by_month`` (which counts months only);
* 办件 — :func:`govportal.services.queries.cases_of` with the rule of
  ``monthly_stats`` (concluded or denied on or before ``due``);
* 信息报送采用 — :func:`govportal.syndication.stats.adoption_facts` (each
  offer on the site day it was first made, accepted at some time or not).

Facts of the portal are its own (not its departments').
"""

from dataclasses import dataclass, field

from pyramid.traversal import resource_path
from substanced.util import find_objectmap

from .. import sitetime
from ..applications.queries import site_applications
from ..calendar import get_calendar
from ..checks.overrides import get_overrides
from ..content.containers import IDepartment
from ..disclosure.timeliness import check_document, documents_of, first_published_on
from ..interaction.letters import clock as letter_clock
from ..interaction.letters.queries import letters_of
from ..monitoring.freshness.compute import published_dates
from ..services.queries import DECIDED, cases_of
from ..syndication.stats import adoption_facts


@dataclass
class SiteEvents:
    """The dated facts of one site."""

    published: list = field(default_factory=list)  # [date]
    disclosure: list = field(default_factory=list)  # [(date, in time)]
    overrides: list = field(default_factory=list)  # [date]
    applications: list = field(default_factory=list)  # [(date, in time)]
    letters: list = field(default_factory=list)  # [(date, in time)]
    cases: list = field(default_factory=list)  # [(date, in time)]
    syndication: list = field(default_factory=list)  # [(date offered, accepted)]


def site_path(site):
    return resource_path(site)


def _published_by_site(root, registry, events):
    objectmap = find_objectmap(root)
    departments = {name for name, child in root.items() if IDepartment.providedBy(child)}
    for oid, day in published_dates(root, registry).items():
        path = objectmap.path_for(oid)
        if path is None or day is None:
            continue
        key = "/" + path[1] if len(path) > 2 and path[1] in departments else "/"
        if key in events:
            events[key].published.append(day)


def _documents(site, registry, calendar, today, found):
    for document in documents_of(site, deep=False):
        for record in get_overrides(document):
            found.overrides.append(sitetime.local_date(record.when, registry))
        if getattr(document, "made_date", None) is None:
            continue
        published_on = first_published_on(document, registry)
        if published_on is None:
            continue
        late = check_document(document, calendar, today, registry) is not None
        found.disclosure.append((published_on, not late))


def _answers(site, found):
    for application in site_applications(site):
        decision = application.decision
        if decision and decision.get("date") is not None:
            day, due = decision["date"], application.due
            found.applications.append((day, due is None or day <= due))
    for letter in letters_of(site):
        if letter.answered_on is not None:
            on_time = letter.on_time
            if on_time is None:
                on_time = letter_clock.on_time(letter)
            found.letters.append((letter.answered_on, bool(on_time)))
    for case in cases_of(site):
        result = case.result or {}
        if case.concluded_on is not None and result.get("outcome") in DECIDED:
            late = case.due is not None and case.concluded_on > case.due
            found.cases.append((case.concluded_on, not late))


def collect(root, registry, sites):
    """``{site path: SiteEvents}`` of ``sites`` (the portal and departments)."""
    events = {site_path(site): SiteEvents() for site in sites}
    _published_by_site(root, registry, events)
    calendar = get_calendar(root)
    today = sitetime.today(registry)
    for site in sites:
        found = events[site_path(site)]
        _documents(site, registry, calendar, today, found)
        _answers(site, found)
    for name, facts in adoption_facts(root, registry).items():
        key = "/" + name if name else "/"
        if key in events:
            events[key].syndication.extend(facts)
    return events
