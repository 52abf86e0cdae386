"""Near-due and overdue items of every 互动交流 channel, for the staff.

Each channel with a time limit registers a *deadline source* with the
``config.add_interaction_deadlines(name, source)`` directive; the staff's
deadline list (and the reminders of each channel) ask every source.  A
source is ``source(site, request) -> iterable of DeadlineRow`` giving the
open items held by ``site`` that the request's user may see (the source
checks each item's own permission).
"""

from dataclasses import dataclass
from datetime import date

#: Levels of a row (as the services' clock: green, near due, overdue).
OK, NEAR, OVERDUE = "ok", "near", "overdue"


@dataclass(frozen=True)
class DeadlineRow:
    """One open item with a time limit."""

    kind: str  # the channel's title, e.g. 领导信箱 or 在线访谈提问
    title: str  # what the item is about (no personal data)
    url: str  # the staff page of the item
    due: date | None  # the date it must be done by (site time zone)
    level: str  # OK, NEAR or OVERDUE
    state: str = ""  # the state's title
    number: str = ""


def add_interaction_deadlines(config, name, source):
    """Directive: list the open items of ``source`` on the deadline list."""
    source = config.maybe_dotted(source)

    def register():
        sources = dict(getattr(config.registry, "govportal_interaction_deadlines", {}))
        sources[name] = source
        config.registry.govportal_interaction_deadlines = sources

    config.action(("govportal.interaction.deadlines", name), register)


def deadline_sources(registry):
    """The registered sources, by name."""
    return dict(getattr(registry, "govportal_interaction_deadlines", {}))


def rows_for(site, request):
    """Every source's rows for ``site``, the most urgent first."""
    rows = []
    for _name, source in sorted(deadline_sources(request.registry).items()):
        rows.extend(source(site, request))
    order = {OVERDUE: 0, NEAR: 1, OK: 2}
    return sorted(rows, key=lambda r: (order.get(r.level, 3), r.due or date.max, r.number))
