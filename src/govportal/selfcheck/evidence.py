"""What every item of the self-check returns: its verdict and evidence.

:class:`ItemResult` (status ``pass``, ``fail`` or ``nodata``, points lost,
evidence), :class:`Evidence` (a sentence and a link to fix it),
:class:`Context` (one site, with the figures computed once for the group),
and :func:`find_objects` (objects by the site they stand in).
"""

from dataclasses import dataclass, field

from pyramid.traversal import resource_path
from substanced.util import find_objectmap

from ..i18n import _, translate
from ..siteurl import PublicURLMissing, public_resource_url, public_url

PASS, FAIL, NODATA = "pass", "fail", "nodata"
#: the guide's own site, as an element of ``etc/selfcheck.yaml``
SITE = "@site"


@dataclass
class Evidence:
    text: str
    url: str = ""


@dataclass
class ItemResult:
    item: str
    title: str
    veto: bool  # a single-veto item (else a deduction)
    status: str = PASS
    points: int = 0  # points lost (deductions)
    evidence: list = field(default_factory=list)
    note: str = ""

    def as_dict(self):
        return {
            "item": self.item,
            "title": self.title,
            "veto": self.veto,
            "status": self.status,
            "points": self.points,
            "note": self.note,
            "evidence": [{"text": e.text, "url": e.url} for e in self.evidence],
        }


@dataclass
class Context:
    root: object
    request: object
    site: object
    rules: object  # selfcheck Rules
    fresh: object  # freshness SiteReport
    shared: dict  # figures computed once for every site (guides, blocked items, probes)
    anon: object
    now: object

    @property
    def registry(self):
        return self.request.registry

    def t(self, msgid, default, **mapping):
        return translate(self.request, _(msgid, default=default, mapping=mapping))

    def base(self):
        """The public URL without its final slash ("" when none is set:
        evidence links are then site paths)."""
        try:
            return public_url(self.registry).rstrip("/")
        except PublicURLMissing:
            return ""

    def url(self, resource, *elements):
        """Where ``resource`` is fixed (its public URL, else its path)."""
        try:
            return public_resource_url(self.registry, resource, *elements)
        except PublicURLMissing:
            path = resource_path(resource).rstrip("/")
            return "/".join([path, *elements]) if elements else path + "/"


def veto(ctx, item):
    return ItemResult(item, ctx.rules.veto[item], True)


def deduction(ctx, item, evidence):
    rule = ctx.rules.deductions[item]
    result = ItemResult(item, rule.title, False, evidence=evidence)
    if evidence:
        result.status, result.points = FAIL, rule.cost(len(evidence))
    return result


def object_site_path(objectmap, oid, departments):
    """The path of the site holding object ``oid`` (``/`` or ``/jyj``), or None."""
    path = objectmap.path_for(oid)
    if path is None:
        return None
    return f"/{path[1]}" if len(path) > 2 and path[1] in departments else "/"


def find_objects(root, oids, departments):
    """``{site path: [object]}`` of ``oids``."""
    objectmap = find_objectmap(root)
    found = {}
    for oid in oids:
        site_path = object_site_path(objectmap, oid, departments)
        obj = objectmap.object_for(oid) if site_path else None
        if obj is not None:
            found.setdefault(site_path, []).append(obj)
    return found
