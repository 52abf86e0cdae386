"""Open items with a time limit, counted by source, state and level.

The sources are those the staff's deadline list asks
(:func:`govportal.interaction.hub.deadlines.deadline_sources`: letters,
consultations, interviews …), applications for disclosure
(:mod:`govportal.applications`) and service cases
(:mod:`govportal.services`).  Levels are the staff's: ``ok``, ``near`` and
``overdue``; states are the workflow files' titles (never named here).

The interaction sources show a user what that user may see; to count
everything they are asked with a :class:`CountingRequest`, which holds
every permission but is only ever used to count — in a connection of its
own whose transaction is aborted (:mod:`.scrape`).
"""

from collections import Counter

from pyramid.request import Request, apply_request_extensions

from ...siteurl import blank_request

NEAR, OVERDUE, OK = "near", "overdue", "ok"
#: the services' clock levels as the staff's deadline levels
SERVICE_LEVELS = {"ok": OK, "yellow": NEAR, "red": OVERDUE}


class CountingRequest(Request):
    """A request that may see everything: used to count, never to act."""

    authenticated_userid = None
    unauthenticated_userid = None

    def has_permission(self, permission, context=None):
        return True


def counting_request(registry, root):
    request = blank_request(registry, root=root, factory=CountingRequest)
    request.registry = registry
    apply_request_extensions(request)
    request.__dict__["user"] = None
    request.root = request.context = root
    return request


def count_open(root, request):
    """``Counter({(source, state, level): n})`` of every open item with a deadline."""
    counts = Counter()
    _interaction(root, request, counts)
    _applications(root, request.registry, counts)
    _services(root, request.registry, counts)
    return counts


def _interaction(root, request, counts):
    from ...content import site_group
    from ...interaction.hub.deadlines import deadline_sources

    sites = site_group(root)
    for name, source in sorted(deadline_sources(request.registry).items()):
        for site in sites:
            for row in source(site, request):
                counts[(name, str(row.state or ""), row.level)] += 1


def _applications(root, registry, counts):
    from ...applications import clock
    from ...applications.queries import open_applications
    from ...calendar import get_calendar
    from ...workflow import facts, get_workflow

    calendar = get_calendar(root)
    for application in open_applications(root, registry):
        state = get_workflow(application, registry).state_of(application)
        status = clock.clock_status(application, calendar, state)
        level = OVERDUE if status["overdue"] else NEAR if status["near"] else OK
        title = facts.state_title(registry, state, registry.content.typeof(application))
        counts[("applications", str(title), level)] += 1


def _services(root, registry, counts):
    from ...calendar import get_calendar
    from ...services import clock
    from ...services.queries import all_cases
    from ...workflow import facts

    calendar = get_calendar(root)
    open_states = set(facts.clock_states(registry, clock.CASE_TYPE, clock.RUNNING)) | set(
        facts.clock_states(registry, clock.CASE_TYPE, clock.PAUSED)
    )
    for case in all_cases(root):
        state = clock.state_of(case, registry)
        if state not in open_states:
            continue
        level = clock.warning_level(case, registry=registry, calendar=calendar)
        title = facts.state_title(registry, state, clock.CASE_TYPE)
        counts[("services", str(title), SERVICE_LEVELS.get(level, OK))] += 1
