"""The public page of a service guide (办事指南): every element of the guide.

``<guide>/`` and ``<guide>/print`` (the same page, printing itself): the
elements in a table, 设定依据 and 受理条件, the material list (原件/复印件,
份数, 空白表格 and 示例样表 downloads), 办理流程 as an ordered list, time
limits in working days, fees, phones as ``tel:`` links and the 在线办理
entry — the province platform (through the leaving notice when it is not a
government site) or this site's online form (``<guide>/@@apply``).
Visitors see published guides only (the workflow's ACL); staff previewing a
draft see its state.
"""

from urllib.parse import quote

from pyramid.view import view_config

from ..content import IAttachment
from ..i18n import _, translate
from ..public.links import web_url
from ..public.pages import is_government_url
from ..workflow import facts, get_workflow
from .catalog import lead_of
from .guide import IServiceGuide
from .sites import site_named, site_title
from .views_hall import root_title
from .vocabulary import (
    ITEM_TYPES,
    LIFE_EVENTS,
    MATERIAL_FORMS,
    ONLINE_MODES,
    THEMES,
    USER_TYPES,
    title_of,
)

TEMPLATES = "govportal.services:templates/"
GUIDE_TYPE = "ServiceGuide"


def paragraphs(text):
    """The non-empty lines of a multi-line element."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def department_title(root, name):
    site = site_named(root, name)
    if site is None:
        return name
    return root_title(root) if site is root else site_title(site)


def _attachment(guide, name, request):
    if not name:
        return None
    item = guide.get(name) if hasattr(guide, "get") else None
    if item is None or not IAttachment.providedBy(item):
        return None
    return {"url": request.resource_url(item), "title": item.title or item.filename}


def material_rows(guide, request):
    """The material list as the page shows it."""
    rows = []
    for m in guide.materials or ():
        rows.append(
            {
                "name": m.get("name", ""),
                "form": title_of(MATERIAL_FORMS, m.get("form", "")),
                "count": m.get("count") or 1,
                "required": bool(m.get("required")),
                "note": m.get("note", ""),
                "template": _attachment(guide, m.get("template"), request),
                "example": _attachment(guide, m.get("example"), request),
            }
        )
    return rows


def online_entry(guide, request, public):
    """The 在线办理 entry: ``{"url", "title", "external", "leaves"}`` or None."""
    mode = guide.online_mode
    if mode == "here" and guide.form_fields:
        return {
            "url": request.resource_url(guide, "@@apply"),
            "title": translate(request, _("services-apply-online", default="在线申请")),
            "external": False,
            "leaves": False,
            "available": public,
        }
    if mode == "external":
        url = web_url(guide.external_url or "")
        if url is None:
            return None
        leaves = not is_government_url(url)
        if leaves:
            url = request.application_url + "/@@leave?url=" + quote(url, safe="")
        return {
            "url": url,
            "title": translate(
                request,
                _("services-apply-platform", default="前往四川省一体化政务服务平台办理"),
            ),
            "external": True,
            "leaves": leaves,
            "available": True,
        }
    return None


def guide_values(guide, request):
    root = request.root
    workflow = get_workflow(guide, request.registry)
    state = workflow.state_of(guide)
    public = state in facts.listed_states(request.registry, GUIDE_TYPE)
    return {
        "state_title": workflow.state_title(state),
        "public": workflow.is_public(guide),
        "listed": public,
        "item_type": title_of(ITEM_TYPES, guide.item_type),
        "lead_title": department_title(root, lead_of(guide)),
        "co_titles": [department_title(root, d) for d in guide.co_departments or ()],
        "user_types": [title_of(USER_TYPES, c) for c in guide.user_types or ()],
        "themes": [title_of(THEMES, c) for c in guide.themes or ()],
        "life_events": [title_of(LIFE_EVENTS, c) for c in guide.life_events or ()],
        "online_mode": title_of(ONLINE_MODES, guide.online_mode),
        "basis": paragraphs(guide.basis),
        "conditions": paragraphs(guide.conditions),
        "fee_basis": paragraphs(guide.fee_basis),
        "materials": material_rows(guide, request),
        "process": [dict(step) for step in guide.process or ()],
        "online": online_entry(guide, request, public),
        "downloads": [
            {"url": request.resource_url(a), "title": a.title or a.filename}
            for a in guide.attachments()
        ],
        "printing": request.view_name == "print",
        "can_see_history": request.has_permission("view_history", guide),
    }


@view_config(context=IServiceGuide, permission="view", renderer=TEMPLATES + "guide.pt")
@view_config(
    context=IServiceGuide, name="print", permission="view", renderer=TEMPLATES + "guide.pt"
)
def guide_view(context, request):
    return guide_values(context, request)


def includeme(config):
    config.scan(".views_guide_public")
