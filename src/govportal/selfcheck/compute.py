"""The self-check of every site: items, score, verdict (B7).

:func:`check_all` judges the portal and each department (or the ``sites``
given) on the live database: the monitor's freshness report for each site
is computed once for all (one catalog pass), the published guides and the
items with blocked words once for the group, then every item of
:mod:`.items` runs per site.

Scoring (B7): 100 minus every deduction (each capped as
``etc/selfcheck.yaml`` says); no bonus.  A site passes with a score of at
least ``pass_score`` (60) and no single-veto item failed.  An item without
data (no probe history yet, no finished link check) is neither a deduction
nor a veto; it is shown as 无数据 and counted in ``nodata``, so a report
never claims availability it has not measured.
"""

from dataclasses import dataclass, field

from substanced.util import find_catalog

from ..catalog import CATALOG_NAME
from ..content import IDepartment, site_group
from ..monitoring.freshness.compute import compute_all
from ..monitoring.links.internal import anonymous_request
from ..monitoring.links.reading import public_item_ids
from ..monitoring.probes.config import ProbeConfig
from ..sitetime import now_utc
from ..workflow import facts
from . import items
from .evidence import FAIL, NODATA, Context, find_objects
from .rules import rules_of

GUIDE_TYPE = "ServiceGuide"
REPORT_ATTR = "check_report"
BLOCKED_WORD = "blocked-word"


@dataclass
class SiteResult:
    site_path: str
    title: str
    score: int
    passed: bool
    items: list = field(default_factory=list)

    @property
    def vetoes(self):
        return [i for i in self.items if i.veto and i.status == FAIL]

    @property
    def deductions(self):
        return [i for i in self.items if not i.veto and i.points]

    @property
    def nodata(self):
        return [i for i in self.items if i.status == NODATA]

    def as_dict(self):
        return {
            "site": self.site_path,
            "title": self.title,
            "score": self.score,
            "passed": self.passed,
            "vetoes": [i.item for i in self.vetoes],
            "nodata": [i.item for i in self.nodata],
            "items": [i.as_dict() for i in self.items],
        }


def _departments(root):
    return {name for name, child in root.items() if IDepartment.providedBy(child)}


def published_guides(root, registry, departments):
    """``{site path: [guide]}`` of the guides in a public state."""
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    states = facts.public_states(registry, GUIDE_TYPE) if system and gov else ()
    if not states:
        return {}
    query = system["content_type"].eq(GUIDE_TYPE) & gov["state"].any(states)
    return find_objects(root, query.execute().ids, departments)


def blocked_items(root, registry, departments):
    """``{site path: [item]}`` of public items whose stored check report
    still shows a blocked word (a word listed after publication is found by
    the next check of the item, not here: no text is scanned again)."""
    found = {}
    for site_path, objects in find_objects(
        root, public_item_ids(root, registry), departments
    ).items():
        for obj in objects:
            report = getattr(obj, REPORT_ATTR, None) or {}
            if BLOCKED_WORD in (report.get("blocking") or {}):
                found.setdefault(site_path, []).append(obj)
    return found


def score_of(results, rules):
    """(score, passed) of a site's item ``results``."""
    score = max(0, 100 - sum(r.points for r in results if not r.veto))
    vetoed = any(r.veto and r.status == FAIL for r in results)
    return score, (score >= rules.pass_score and not vetoed)


def check_all(root, request, sites=None):
    """:class:`SiteResult` of every site (or of ``sites``), in site order."""
    registry = request.registry
    rules = rules_of(registry)
    wanted = sites if sites is not None else site_group(root)
    departments = _departments(root)
    shared = {
        "guides": published_guides(root, registry, departments),
        "blocked": blocked_items(root, registry, departments),
        "probe_config": ProbeConfig.from_settings(registry.settings),
    }
    anon = anonymous_request(registry, root)
    now = now_utc()
    results = []
    for fresh in compute_all(root, registry, sites=wanted):
        ctx = Context(root, request, fresh.site, rules, fresh, shared, anon, now)
        found = [judge(ctx) for judge in items.ITEMS]
        score, passed = score_of(found, rules)
        results.append(SiteResult(fresh.site_path or "/", fresh.title, score, passed, found))
    return results
