"""权力清单 pages.

* ``GET <power item>`` — the public page of an item (permission ``view``:
  published items for everyone): type, 事项编码, 设定依据, 责任单位, the flow
  chart (:mod:`.flowchart`: SVG with its ordered-list alternative), 追责情形,
  the guides that serve it with the number of their cases concluded and
  concluded on time.
* ``GET <site>/@@power-list`` — the site's published items grouped by type.
* ``GET/POST <column>/@@add-power`` (``add_content``) and
  ``GET/POST <item>/@@edit-power`` (``edit``: while a draft) — the staff form
  (plain HTML, no script: the flow has the written steps plus three blank
  ones).  A new item is created once per submission token (a replay shows the
  first); a save is refused while another user holds the item's lock;
  drafts may be incomplete, publication checks the elements
  (:func:`.power_schema.missing_power_elements`).
"""

from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment
from ..workflow import facts, get_workflow
from .flowchart import flowchart
from .power import IPowerItem, guide_path, linked_guides, power_items
from .supervision import all_cases, concluded_on, is_closed
from .vocabulary import ITEM_TYPES, title_of

TEMPLATES = "govportal.services:templates/"
NEW_POWER = "services-power-item"
TYPE = "PowerItem"


def guide_figures(root, registry, paths):
    """``{guide path: (concluded, on time)}`` of the cases of those guides."""
    figures = {path: [0, 0] for path in paths}
    for case in all_cases(root):
        if case.guide_path not in figures or case.accepted_on is None:
            continue
        done = concluded_on(case)
        if done is None or not is_closed(case, registry):
            continue
        figures[case.guide_path][0] += 1
        figures[case.guide_path][1] += case.due is None or done <= case.due
    return {path: tuple(v) for path, v in figures.items()}


@view_config(context=IPowerItem, permission="view", renderer=TEMPLATES + "power.pt")
def power_view(context, request):
    guides = linked_guides(context)
    paths = [guide_path(g) for g in guides]
    figures = guide_figures(request.root, request.registry, paths)
    public = set(facts.public_states(request.registry, "ServiceGuide"))
    rows = []
    for guide, path in zip(guides, paths, strict=True):
        state = get_workflow(guide, request.registry).state_of(guide)
        concluded, on_time = figures[path]
        rows.append(
            {
                "title": guide.title,
                "url": request.resource_url(guide) if state in public else None,
                "concluded": concluded,
                "on_time": on_time,
            }
        )
    return {
        "item": context,
        "type_title": title_of(ITEM_TYPES, context.power_type),
        "chart": flowchart(context.flow, name="power-flow", label=f"{context.title}运行流程图"),
        "guides": rows,
    }


@view_config(
    context=IRoot, name="power-list", permission="view", renderer=TEMPLATES + "power_list.pt"
)
@view_config(
    context=IDepartment, name="power-list", permission="view", renderer=TEMPLATES + "power_list.pt"
)
def power_list_view(context, request):
    listed = set(facts.listed_states(request.registry, TYPE))
    groups = {code: [] for code, _title in ITEM_TYPES}
    for item in power_items(context):
        if get_workflow(item, request.registry).state_of(item) not in listed:
            continue
        groups.setdefault(item.power_type, []).append(item)
    sections = []
    for code, title in ITEM_TYPES:
        items = sorted(groups.get(code, ()), key=lambda i: (i.item_code or "", i.title))
        if items:
            sections.append({"code": code, "title": title, "entries": items})
    return {"sections": sections, "count": sum(len(s["entries"]) for s in sections)}


def includeme(config):
    config.scan(".views_power")
