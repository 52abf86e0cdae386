"""The 办事指南 items of the self-check: B6 (key elements, single veto) and
B14 (element types, −points per type missing), from ``etc/selfcheck.yaml``.

A guide's element is filled when one of the attributes the file names for
it holds something (text not blank, a number above 0, a list with an entry;
``materials.name`` looks into each material).  ``@site`` stands for the
guide's own site: a guide without a lead department is handled by the site
it stands in (:func:`govportal.services.guide_widgets.lead_key`).
"""

from pyramid.traversal import resource_path

from .evidence import FAIL, SITE, Evidence, deduction, veto


def _filled(guide, attribute):
    if attribute == SITE:
        return True  # a guide stands in a site: its page names it
    value = guide
    for part in attribute.split("."):
        if isinstance(value, (list, tuple)):
            return any(_filled(v, part) if not isinstance(v, dict) else v.get(part) for v in value)
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value > 0
    return bool(value)


def missing_elements(guide, elements):
    """Titles of ``elements`` (``((title, attributes), ...)``) ``guide`` lacks."""
    return [title for title, attrs in elements if not any(_filled(guide, a) for a in attrs)]


def b6(ctx):
    result = veto(ctx, "B6")
    if not any(c.kind == "service" for c in ctx.fresh.columns):
        text = ctx.t("selfcheck-b6-none", "没有对公众开放的办事服务栏目")
        result.evidence.append(Evidence(text, ctx.url(ctx.site)))
    for guide in ctx.shared["guides"].get(resource_path(ctx.site), ()):
        missing = missing_elements(guide, ctx.rules.key_elements)
        if missing:
            text = ctx.t(
                "selfcheck-b6-guide",
                "办事指南“${g}”缺少：${m}",
                g=guide.title,
                m="、".join(missing),
            )
            result.evidence.append(Evidence(text, ctx.url(guide)))
    if result.evidence:
        result.status = FAIL
    return result


def b14(ctx):
    guides = ctx.shared["guides"].get(resource_path(ctx.site), ())
    evidence = []
    for title, attrs in ctx.rules.element_types:
        lacking = [g for g in guides if not any(_filled(g, a) for a in attrs)]
        if lacking:
            names = "、".join(g.title for g in lacking[:5])
            text = ctx.t("selfcheck-b14", "要素“${e}”缺失：${g}", e=title, g=names)
            evidence.append(Evidence(text, ctx.url(lacking[0])))
    return deduction(ctx, "B14", evidence)
