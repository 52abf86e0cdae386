"""Deadline recomputers: how features with deadlines follow the calendar.

A feature that keeps working-day deadlines (applications for disclosure,
citizens' letters) registers a recomputer in its ``includeme``::

    def recompute(event):
        # event: CalendarChanged — event.root, event.calendar (after the
        # change), event.years (years of the changed dates), event.changes
        for item in open_items_with_deadlines_in(event.root, event.years):
            item.due, item.due_uncertain = event.calendar.add_workdays(
                item.received, item.allowed_workdays
            )

    def uncertain(root, calendar):
        # the open deadlines that still rely on a year with no data
        return [
            UncertainDeadline(item.title, item.due, years, path)
            for item in open_items(root)
            for years in [calendar.add_workdays(item.received, 20).uncertain_years]
            if years
        ]

    config.add_deadline_recomputer(recompute, uncertain=uncertain, title="依申请公开")

Recomputers run in registration order, inside the transaction that changed
the table: their writes commit with the change, and an exception aborts the
change (the administrator sees an error instead of a table that disagrees
with the stored deadlines).  ``uncertain`` callables feed the "uncertain
deadlines" list of the management view (工作日历) and its JSON export; they
should only read.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class UncertainDeadline:
    """An open deadline computed on weekdays only in a year with no data."""

    title: str  # what the deadline is for, e.g. the application's tracking title
    due: date
    years: tuple  # the years without data it relied on
    path: str = ""  # where the item is (an SDI or public path), if any
    kind: str = ""  # filled in from the recomputer's title

    def as_dict(self):
        return {
            "title": self.title,
            "due": self.due.isoformat(),
            "years": list(self.years),
            "path": self.path,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class DeadlineRecomputer:
    name: str
    title: str
    recompute: object  # recompute(event) -> None
    uncertain: object = None  # uncertain(root, calendar) -> iterable of UncertainDeadline


def _recomputers(registry):
    recomputers = getattr(registry, "govportal_deadline_recomputers", None)
    if recomputers is None:
        recomputers = registry.govportal_deadline_recomputers = {}
    return recomputers


def add_deadline_recomputer(config, recompute, name=None, uncertain=None, title=None):
    """Configuration directive ``config.add_deadline_recomputer``.

    ``recompute(event)`` is called with every
    :class:`~govportal.calendar.events.CalendarChanged`; ``uncertain(root,
    calendar)``, if given, lists the open deadlines that rely on a year with
    no data (:class:`UncertainDeadline`).  ``name`` (default: the callable's
    dotted name) identifies the registration: registering the same name twice
    is a configuration conflict.
    """
    recompute = config.maybe_dotted(recompute)
    uncertain = config.maybe_dotted(uncertain)
    if not callable(recompute) or (uncertain is not None and not callable(uncertain)):
        raise TypeError("add_deadline_recomputer needs callables")
    if name is None:
        name = f"{recompute.__module__}.{recompute.__qualname__}"
    item = DeadlineRecomputer(name, title or name, recompute, uncertain)
    registry = config.registry

    def register():
        _recomputers(registry)[name] = item

    intr = config.introspectable(
        "govportal deadline recomputers", name, item.title, "govportal deadline recomputer"
    )
    intr["recompute"] = recompute
    intr["uncertain"] = uncertain
    config.action(("govportal-deadline-recomputer", name), register, introspectables=(intr,))


def deadline_recomputers(registry):
    """The registered :class:`DeadlineRecomputer` objects, in registration order."""
    return list(_recomputers(registry).values())


def recompute_deadlines(event):
    """Subscriber of ``CalendarChanged``: run every recomputer."""
    for recomputer in deadline_recomputers(event.registry):
        recomputer.recompute(event)


def uncertain_deadlines(root, calendar, registry):
    """Every open deadline that relies on a year with no data, soonest first."""
    found = []
    for recomputer in deadline_recomputers(registry):
        if recomputer.uncertain is None:
            continue
        for item in recomputer.uncertain(root, calendar) or ():
            if not item.kind:
                item = UncertainDeadline(
                    item.title, item.due, tuple(item.years), item.path, recomputer.title
                )
            found.append(item)
    return sorted(found, key=lambda d: (d.due, d.title))
