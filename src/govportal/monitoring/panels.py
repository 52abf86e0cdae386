"""Panels of the monitoring dashboard (运行监测) and tasks of ``govportal-monitor``.

Each part of the monitor contributes to the dashboard from outside it:

``config.add_monitoring_panel(name, panel, order=100)``
    ``panel(site, request)`` returns the panel's HTML (markup-safe, from a
    template of its own) for one site — the portal root or a department —
    or None to show nothing.  The dashboard shows panels by ``order``.

``config.add_monitoring_summary(name, summary, order=100)``
    ``summary(site, request)`` returns a :class:`SiteStatus` for one site:
    one line of the county-wide overview (every site in one table) and of
    the weekly summary mail.

``config.add_monitoring_task(name, task, title)``
    ``task(root, request, args)`` runs one part of the monitor now (a
    link-check run, a tamper sweep …), for ``govportal-monitor INI NAME``
    and for the administrator's 立即运行 button; it returns a short
    report (text) and commits through the caller.
"""

from dataclasses import dataclass, field

#: levels of a status, worst last
LEVELS = ("ok", "warning", "veto")


@dataclass
class SiteStatus:
    """One part's verdict on one site: ``level`` in :data:`LEVELS`, ``label``
    the column heading, ``value`` what is shown (e.g. ``"12 天"``), ``detail``
    a longer text, ``url`` a page with the evidence."""

    label: str
    value: str
    level: str = "ok"
    detail: str = ""
    url: str = ""
    facts: dict = field(default_factory=dict)


def worst(levels):
    """The worst of ``levels`` ("ok" when empty)."""
    return max(levels, key=LEVELS.index, default="ok")


def _table(registry, attr):
    return registry.__dict__.setdefault(attr, {})


def add_monitoring_panel(config, name, panel, order=100):
    panels = _table(config.registry, "govportal_monitoring_panels")
    panels[name] = (order, config.maybe_dotted(panel))


def add_monitoring_summary(config, name, summary, order=100):
    summaries = _table(config.registry, "govportal_monitoring_summaries")
    summaries[name] = (order, config.maybe_dotted(summary))


def add_monitoring_task(config, name, task, title):
    tasks = _table(config.registry, "govportal_monitoring_tasks")
    tasks[name] = (config.maybe_dotted(task), title)


def panels(registry):
    """``[(name, panel)]`` in dashboard order."""
    table = getattr(registry, "govportal_monitoring_panels", {})
    return [(name, fn) for name, (_o, fn) in sorted(table.items(), key=lambda i: (i[1][0], i[0]))]


def summaries(registry):
    """``[(name, summary)]`` in overview order."""
    table = getattr(registry, "govportal_monitoring_summaries", {})
    return [(name, fn) for name, (_o, fn) in sorted(table.items(), key=lambda i: (i[1][0], i[0]))]


def tasks(registry):
    """``{name: (task, title)}``."""
    return dict(getattr(registry, "govportal_monitoring_tasks", {}))


def includeme(config):
    config.add_directive("add_monitoring_panel", add_monitoring_panel)
    config.add_directive("add_monitoring_summary", add_monitoring_summary)
    config.add_directive("add_monitoring_task", add_monitoring_task)
