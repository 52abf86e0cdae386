"""How up to date each site is: home page, columns, and the answers owed.

:func:`compute_all` judges every site of the group (the portal and each
department) in one pass over the catalog: one query for the published
items (the types and states that column listings show), their
``publish_date`` read from the index and their place from the object map —
no document is loaded — and one query for the columns (a few hundred
objects).  Letters and applications are read from each site's own boxes
(:mod:`.messages`).

Every date is a date in the site's time zone (``publish_date`` is one);
"today" is :func:`govportal.sitetime.today`.  Items of closed columns (not
shown to visitors) count for nothing, and closed columns are not judged.

A column is judged when it holds items itself or has no subcolumns (a
column made only of subcolumns is judged through them); its last update is
the newest item in it or in its subcolumns.
"""

from dataclasses import dataclass, field
from datetime import date

from pyramid.traversal import resource_path
from substanced.util import find_catalog, find_objectmap

from ... import sitetime
from ...catalog import CATALOG_NAME
from ...content.containers import COLUMN_KINDS, IDepartment
from ...i18n import _, translate
from ...public.listing import listed_types
from ...workflow import get_state
from ...workflow.facts import listed_states, visitor_states
from ..panels import worst
from . import messages
from .rules import rules_of

KIND_TITLES = dict(COLUMN_KINDS)
OK, STALE, EMPTY, EXEMPT, CONTAINER = "ok", "stale", "empty", "exempt", "container"


@dataclass
class ColumnState:
    """One column's verdict."""

    path: str
    title: str
    kind: str
    depth: int
    rule: object
    last: date | None = None
    days: int | None = None
    status: str = OK

    @property
    def kind_title(self):
        return KIND_TITLES.get(self.kind, self.kind)


@dataclass
class Problem:
    """One thing wrong with a site: ``rule`` names the alarm (``home``,
    ``columns``, ``messages``, ``applications``)."""

    rule: str
    level: str
    parts: list  # translation strings, joined by "，"

    def render(self, request):
        return "，".join(translate(request, part) for part in self.parts)


@dataclass
class SiteReport:
    site: object
    site_path: str
    title: str
    today: date
    home_last: date | None = None
    home_days: int | None = None
    columns: list = field(default_factory=list)
    messages: object = None
    problems: list = field(default_factory=list)

    @property
    def stale(self):
        return [c for c in self.columns if c.status == STALE]

    @property
    def empty(self):
        return [c for c in self.columns if c.status == EMPTY]

    @property
    def level(self):
        return worst(p.level for p in self.problems)

    def problem(self, rule):
        return next((p for p in self.problems if p.rule == rule), None)


def _site_title(site):
    return "门户网站" if site.__parent__ is None else site.title


def published_dates(root, registry):
    """``{oid: publish_date}`` of every listed (published) item, from the catalog.

    "Listed" is what the public listings show: the content types and
    workflow states the workflows mark as listed.  ``publish_date`` is the
    catalog's value (None when the item has none); an empty dict when the
    catalogs are missing.  Used by the freshness reports and the
    scorecards' published-items figure.
    """
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    if system is None or gov is None:
        return {}
    query = None
    for content_type in listed_types(registry):
        part = system["content_type"].eq(content_type) & gov["state"].any(
            listed_states(registry, content_type)
        )
        query = part if query is None else query | part
    dates = gov["publish_date"]._rev_index
    return {oid: dates.get(oid) for oid in query.execute().ids}


def _columns(root, registry):
    """``{path tuple: column}`` of every column, and the set of hidden paths."""
    system = find_catalog(root, "system")
    objectmap = find_objectmap(root)
    found, hidden = {}, set()
    visible = None
    if "Column" in getattr(registry, "govportal_workflow_bindings", {}):
        visible = set(visitor_states(registry, "Column"))
    for oid in system["content_type"].eq("Column").execute().ids:
        path = objectmap.path_for(oid)
        column = objectmap.object_for(oid)
        if path is None or column is None:
            continue
        found[path] = column
        if visible is not None and get_state(column, registry) not in visible:
            hidden.add(path)
    return found, hidden


def _judge_column(state, rule, today, direct, has_children):
    if rule.exempt:
        state.status = EXEMPT
    elif has_children and not direct:
        state.status = CONTAINER
    elif state.last is None:
        state.status = EMPTY
    else:
        state.status = STALE if state.days > rule.days else OK


def _site_problems(report, rules):
    problems = []
    days = report.home_days
    home = _("freshness-home-days", default="首页 ${days} 天未更新", mapping={"days": days})
    if days is None:
        problems.append(
            Problem("home", "veto", [_("freshness-home-none", default="首页没有已发布的信息")])
        )
    elif days >= rules.home_veto:
        problems.append(Problem("home", "veto", [home]))
    elif days >= rules.home_warn:
        problems.append(Problem("home", "warning", [home]))
    stale, empty = report.stale, report.empty
    group = [c for c in stale if c.kind in rules.veto_group_kinds]
    texts = []
    if stale:
        texts.append(
            _("freshness-stale-count", default="超期未更新栏目 ${n} 个", mapping={"n": len(stale)})
        )
    if empty:
        texts.append(
            _("freshness-empty-count", default="空白栏目 ${n} 个", mapping={"n": len(empty)})
        )
    level = "ok"
    if (
        len(group) >= rules.veto_group_at_least
        or len(stale) >= rules.veto_stale
        or len(empty) >= rules.veto_empty
    ):
        level = "veto"
    elif (
        len(stale) > rules.warn_stale_over
        or len(empty) > rules.warn_empty_over
        or any(c.rule.deduct for c in stale)
    ):
        level = "warning"
    if level != "ok":
        problems.append(Problem("columns", level, texts))
    problems.extend(messages.problems(report.messages, rules))
    return problems


def compute_all(root, registry, sites=None):
    """:class:`SiteReport` of every site (or of ``sites``), in site order."""
    rules = rules_of(registry)
    today = sitetime.today(registry)
    published = published_dates(root, registry)
    columns, hidden = _columns(root, registry)
    objectmap = find_objectmap(root)
    departments = {name for name, child in root.items() if IDepartment.providedBy(child)}
    newest = {}  # column path or ("site", name) -> newest date
    direct = set()  # column paths holding a published item themselves

    def bump(key, day):
        if day is not None and (key not in newest or newest[key] < day):
            newest[key] = day

    for oid, day in published.items():
        path = objectmap.path_for(oid)
        if path is None:
            continue
        prefixes = [path[:n] for n in range(2, len(path))]
        if any(p in hidden for p in prefixes):
            continue
        site_name = path[1] if len(path) > 2 and path[1] in departments else ""
        bump(("site", site_name), day)
        if prefixes and prefixes[-1] in columns:
            direct.add(prefixes[-1])
        for prefix in prefixes:
            if prefix in columns:
                bump(prefix, day)
    parents = {path[:-1] for path in columns}
    wanted = sites if sites is not None else [root] + [root[n] for n in sorted(departments)]
    reports = []
    for site in wanted:
        site_name = site.__name__ if site.__parent__ is not None else ""
        report = SiteReport(site, resource_path(site), _site_title(site), today)
        report.home_last = newest.get(("site", site_name))
        if report.home_last is not None:
            report.home_days = (today - report.home_last).days
        for path in sorted(columns, key=lambda p: _order(columns, p)):
            in_site = (path[1] == site_name) if site_name else (path[1] not in departments)
            if not in_site or any(path[:n] in hidden for n in range(2, len(path) + 1)):
                continue
            column = columns[path]
            rule = rules.rule_for(column)
            state = ColumnState(
                path="/".join(path) or "/",
                title=column.title or column.__name__,
                kind=getattr(column, "kind", "other"),
                depth=len(path) - (3 if site_name else 2),
                rule=rule,
                last=newest.get(path),
            )
            if state.last is not None:
                state.days = (today - state.last).days
            _judge_column(state, rule, today, path in direct, path in parents)
            report.columns.append(state)
        report.messages = messages.site_messages(site, registry, today, rules)
        report.problems = _site_problems(report, rules)
        reports.append(report)
    return reports


def _order(columns, path):
    """Display order: by each ancestor column's position, then name."""
    key = []
    for n in range(2, len(path) + 1):
        column = columns.get(path[:n])
        if column is not None:
            key.append((getattr(column, "position", 100), path[n - 1]))
    return key
