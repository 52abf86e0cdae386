"""Writing 权力清单 items in the workspace.

``/@@ws-new-power?column=<path>``
    the workspace's 新建权力清单事项 picker: to the add form of a column.
``<column>/@@add-power`` (``add_content``)
    a new item, saved as a draft whatever is missing (publication requires
    the elements, :func:`.power_schema.missing_power_elements`), exactly
    once per form (one-time submission token: a replay shows the first).
``<item>/@@edit-power`` (``edit``: only while editable)
    the same form on an item, with the workspace's stale-form serial (a
    change made meanwhile is refused, 409, not overwritten) and the edit
    lock (refused, 409, while another user holds it).

Plain HTML, no script: the flow has the written steps plus three blank
ones; every field has its label and its error tied to it.  The item page,
transitions and locks are :mod:`.views_power_item`.
"""

import colander
from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot

from ..cache import dont_cache
from ..content import IColumn, IDepartment
from ..content.views import new_name
from ..i18n import _, translate
from ..locks import current as current_lock
from ..locks.core import locked_message
from ..submissions import FIELD, issue
from ..workspace import helpers
from ..workspace.dashboard import chosen_column
from ..workspace.editing import created_once
from ..workspace.forms import SERIAL, fingerprint
from . import power_schema
from .item_pages import stamp
from .power import IPowerItem, guide_path, is_power_column, site_guides
from .vocabulary import ITEM_TYPES

TEMPLATE = "govportal.services:templates/power_edit.pt"
NEW_POWER = "services-power-item"
TYPE = "PowerItem"
FIELDS = (
    "title",
    "power_type",
    "item_code",
    "basis",
    "unit",
    "accountability",
    "flow",
    "guide_names",
)


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


def _serial(request, item):
    return fingerprint(item, request.registry, FIELDS) if item is not None else ""


def _page(request, context, item, values, errors=None, status=200, serial=None, token=None):
    request.response.status_int = status
    request.response.headers["Cache-Control"] = "private, no-store"
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
        "serial_field": SERIAL,
        "serial": serial
        if serial is not None
        else (fingerprint(item, request.registry, FIELDS) if item is not None else ""),
        "missing": [translate(request, m) for m in missing],
        "action": request.resource_url(context, "@@edit-power" if item else "@@add-power"),
        "item_url": request.resource_url(item, "@@ws-item") if item is not None else None,
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
    renderer=TEMPLATE,
)
def add_power_view(context, request):
    dont_cache(request)
    if request.method != "POST":
        return _page(request, context, None, {}, token=issue(request, NEW_POWER))
    values, errors, cstruct = validate(request, _step_rows(request))
    if errors:
        token = request.POST.get(FIELD, "")
        return _page(request, context, None, cstruct, errors, 400, token=token)

    def create(submission):
        item = request.registry.content.create(TYPE, **values)
        stamp(request, item, created=True)
        name = new_name(context, "qlqd-")
        context[name] = item
        return {"path": resource_path(context[name])}

    flash = _("services-power-created", default="权力清单事项已保存为草稿。")
    return created_once(
        request, NEW_POWER, create, flash, request.resource_url(context), "@@edit-power"
    )


@view_config(
    context=IPowerItem,
    name="edit-power",
    permission="edit",
    renderer=TEMPLATE,
)
def edit_power_view(context, request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    if request.method != "POST":
        return _page(request, context, context, _current(context))
    values, errors, cstruct = validate(request, _step_rows(request))
    posted_serial = request.POST.get(SERIAL, "")
    if errors:
        return _page(request, context, context, cstruct, errors, 400, serial=posted_serial)
    if posted_serial != fingerprint(context, request.registry, FIELDS):
        message = translate(
            request,
            _(
                "services-power-stale",
                default="保存未成功：您打开此表单后，该事项已被他人修改或处理。"
                "为避免覆盖他人的修改，本次内容没有保存，请重新打开后再改。",
            ),
        )
        return _page(
            request, context, context, cstruct, {"form": message}, 409, serial=posted_serial
        )
    lock = current_lock(context)
    if lock is not None and lock.holder_id != request.authenticated_userid:
        message = translate(request, locked_message(lock))
        return _page(
            request, context, context, cstruct, {"form": message}, 409, serial=posted_serial
        )
    for key, value in values.items():
        setattr(context, key, value)
    stamp(request, context)
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


@view_config(context=IRoot, name="ws-new-power", permission="view", request_method="GET")
def choose_column(context, request):
    """新建权力清单事项: go to the add form of the chosen column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if not is_power_column(column):
        raise HTTPBadRequest(
            translate(request, _("services-power-no-column", default="请选择一个权责清单栏目。"))
        )
    return HTTPSeeOther(request.resource_url(column, "@@add-power"))


def includeme(config):
    config.scan(".views_power_edit")
