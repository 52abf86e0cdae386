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

import colander
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot

from ..cache import dont_cache
from ..content import IColumn, IDepartment
from ..content.views import new_name
from ..i18n import _, translate
from ..locks import current as current_lock
from ..locks.core import locked_message
from ..submissions import FIELD, issue, once
from ..workflow import facts, get_workflow
from ..workflow.guards import set_last_editor
from . import power_schema
from .flowchart import flowchart
from .power import IPowerItem, guide_path, linked_guides, power_items, site_guides
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


# -- staff form -------------------------------------------------------------------


def form_values(post, step_rows):
    """The posted form as a colander cstruct."""
    flow = []
    for index in range(step_rows):
        step = {k: post.get(f"flow-{index}-{k}", "") for k in ("title", "description", "role")}
        if any(v.strip() for v in step.values()):
            flow.append(step)
    cstruct = {
        name: post.get(name, "")
        for name in ("title", "power_type", "item_code", "basis", "unit", "accountability")
    }
    cstruct["flow"] = flow
    cstruct["guide_names"] = [n for n in post.getall("guide_names") if n]
    return cstruct


def _errors(request, invalid):
    errors = {}
    for key, message in invalid.asdict().items():
        field = key.split(".")[0]
        if field == "flow" and "." in key:
            parts = key.split(".")
            field = f"flow-{parts[1]}-{parts[2]}" if len(parts) > 2 else "flow"
        errors[field] = translate(request, message)
    return errors


def validate(request, step_rows):
    """``(values, errors, cstruct)`` of the POST."""
    cstruct = form_values(request.POST, step_rows)
    try:
        appstruct = power_schema.power_schema().deserialize(cstruct)
    except colander.Invalid as e:
        return None, _errors(request, e), cstruct
    steps = cstruct["flow"]
    missing_titles = [i for i, s in enumerate(steps) if not s["title"].strip()]
    if missing_titles:
        msg = translate(request, _("services-power-step-title", default="请填写步骤名称。"))
        return None, {f"flow-{i}-title": msg for i in missing_titles}, cstruct
    return power_schema.clean(appstruct), {}, cstruct


def _page(request, context, item, values, errors=None, status=200, token=None):
    request.response.status_int = status
    site = _site_of(context)
    flow = list(values.get("flow") or ())
    step_rows = len(flow) + power_schema.BLANK_STEPS
    flow += [{"title": "", "description": "", "role": ""}] * power_schema.BLANK_STEPS
    missing = power_schema.missing_power_elements(item) if item is not None else []
    return {
        "item": item,
        "heading": "修改权力清单事项" if item is not None else "新建权力清单事项",
        "values": values,
        "flow": flow,
        "step_rows": step_rows,
        "errors": errors or {},
        "types": ITEM_TYPES,
        "guides": [(guide_path(g), g.title) for g in site_guides(site)],
        "csrf_token": request.session.get_csrf_token(),
        "token_field": FIELD,
        "token": token,
        "missing": [translate(request, m) for m in missing],
        "action": request.resource_url(context, "@@edit-power" if item else "@@add-power"),
    }


def _site_of(context):
    node = context
    while node is not None and not (IDepartment.providedBy(node) or IRoot.providedBy(node)):
        node = node.__parent__
    return node


def _step_rows(request):
    try:
        return max(0, min(int(request.POST.get("step_rows", 0)), power_schema.MAX_STEPS + 5))
    except ValueError:
        return 0


@view_config(
    context=IColumn,
    name="add-power",
    permission="add_content",
    renderer=TEMPLATES + "power_edit.pt",
)
def add_power_view(context, request):
    dont_cache(request)
    if request.method != "POST":
        return _page(request, context, None, {}, token=issue(request, NEW_POWER))
    values, errors, cstruct = validate(request, _step_rows(request))
    if errors:
        return _page(request, context, None, cstruct, errors, 400, request.POST.get(FIELD, ""))

    def create(submission):
        item = request.registry.content.create(TYPE, **values)
        set_last_editor(item, request.authenticated_userid)
        name = new_name(context, "qlqd-")
        context[name] = item
        return {"path": resource_path(context[name])}

    outcome = once(request, NEW_POWER, create)
    try:
        item = find_resource(request.root, outcome.result["path"])
    except KeyError:
        return HTTPSeeOther(request.resource_url(context))
    if not outcome.replayed:
        request.session.flash(
            translate(request, _("services-power-created", default="权力清单事项已保存为草稿。"))
        )
    return HTTPSeeOther(request.resource_url(item, "@@edit-power"))


@view_config(
    context=IPowerItem,
    name="edit-power",
    permission="edit",
    renderer=TEMPLATES + "power_edit.pt",
)
def edit_power_view(context, request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    if request.method != "POST":
        return _page(request, context, context, _current(context))
    values, errors, cstruct = validate(request, _step_rows(request))
    if errors:
        return _page(request, context, context, cstruct, errors, 400)
    lock = current_lock(context)
    if lock is not None and lock.holder_id != request.authenticated_userid:
        message = translate(request, locked_message(lock))
        return _page(request, context, context, cstruct, {"form": message}, 409)
    for key, value in values.items():
        setattr(context, key, value)
    set_last_editor(context, request.authenticated_userid)
    request.registry.subscribers((ObjectModified(context), context), None)
    request.session.flash(translate(request, _("services-power-saved", default="修改已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@edit-power"))


def _current(item):
    return {
        "title": item.title,
        "power_type": item.power_type,
        "item_code": item.item_code,
        "basis": item.basis,
        "unit": item.unit,
        "accountability": item.accountability,
        "flow": [dict(s) for s in item.flow or ()],
        "guide_names": list(item.guide_names or ()),
    }


def includeme(config):
    config.scan(".views_power")
