"""Resources as the JSON the API sends (the properties of :mod:`.schemas`).

URLs are absolute under the site's configured public URL
(:mod:`govportal.siteurl`), never the request's ``Host``; dates are site
dates (``YYYY-MM-DD``), instants ISO 8601 in the site's zone with offset.
"""

from datetime import date, datetime

from pyramid.traversal import resource_path
from substanced.util import get_oid

from .. import sitetime
from ..content import IDocument, find_department
from ..i18n import translate
from ..media.references import render_references
from ..media.store import downloads, extension
from ..siteurl import public_resource_url, public_url
from ..workflow import facts, get_workflow
from .access import PORTAL, site_key


def when(value, registry):
    """A date as ``YYYY-MM-DD``; an instant in site time with offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return sitetime.local(value, registry).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def api_url(registry, *parts):
    return public_url(registry) + "/api/v1/" + "/".join(str(p) for p in parts)


def site(resource, request):
    key = site_key(resource)
    return {
        "id": key,
        "kind": "portal" if key == PORTAL else "department",
        "title": getattr(resource, "title", "") or getattr(resource, "sdi_title", ""),
        "url": public_resource_url(request.registry, resource),
    }


def column(resource, request, children):
    return {
        "id": get_oid(resource, None),
        "path": resource_path(resource),
        "title": resource.title,
        "kind": getattr(resource, "kind", None),
        "site": site_of(resource),
        "url": public_resource_url(request.registry, resource),
        "children": children,
    }


def site_of(resource):
    department = find_department(resource)
    return department.__name__ if department is not None else PORTAL


def _archived(item, registry):
    workflow = get_workflow(item, registry)
    if workflow is None:
        return False
    state = workflow.state_of(item)
    content_type = registry.content.typeof(item)
    return state in facts.public_states(registry, content_type) and state not in (
        facts.listed_states(registry, content_type)
    )


def document(item, request):
    """An item of a listing (a document, or another listed type)."""
    registry = request.registry
    is_document = IDocument.providedBy(item)
    oid = get_oid(item, None)
    validity = getattr(item, "validity", "") if is_document else ""
    return {
        "id": oid,
        "type": registry.content.typeof(item) or "",
        "title": item.title,
        "url": public_resource_url(registry, item),
        "api_url": api_url(registry, "documents", oid) if is_document else None,
        "site": site_of(item),
        "column": resource_path(item.__parent__),
        "publish_date": when(getattr(item, "publish_date", None), registry),
        "index_number": getattr(item, "index_number", "") or "",
        "topic": getattr(item, "topic", "") or "",
        "publisher": getattr(item, "publisher", "") or "",
        "written_date": when(getattr(item, "written_date", None), registry),
        "doc_number": getattr(item, "doc_number", "") or "",
        "validity": validity or "",
        "validity_title": item.validity_title if is_document else "",
        "source": getattr(item, "source", "") or "",
        "author": getattr(item, "author", "") or "",
        "archived": _archived(item, registry),
    }


def attachment(item, request):
    try:
        size = item.get_size()
    except Exception:  # noqa: BLE001 - a blob that cannot be read has no size
        size = None
    return {
        "name": item.title or item.filename or "",
        "filename": item.filename or "",
        "size": size,
        "type": extension(item).upper(),
        "mimetype": getattr(item, "mimetype", "") or "",
        "url": public_resource_url(request.registry, item),
    }


def document_detail(item, request):
    values = document(item, request)
    values["body_html"] = render_references(item.body, request, item, absolute=True) or ""
    values["attachments"] = [attachment(a, request) for a in downloads(item)]
    return values


def guide(item, request, root):
    from ..services.catalog import PORTAL_LEAD, lead_of
    from ..services.views_guide_public import department_title
    from ..services.vocabulary import ITEM_TYPES, MATERIAL_FORMS, title_of

    lead = lead_of(item)
    return {
        "id": get_oid(item, None),
        "title": item.title,
        "url": public_resource_url(request.registry, item),
        "site": PORTAL if lead in ("", PORTAL_LEAD) else lead,
        "department": department_title(root, "" if lead == PORTAL_LEAD else lead),
        "item_type": translate(request, title_of(ITEM_TYPES, item.item_type)),
        "item_code": item.item_code or "",
        "basis": item.basis or "",
        "conditions": item.conditions or "",
        "location": item.location or "",
        "hours": item.hours or "",
        "fee": item.fee or "",
        "legal_days": int(item.legal_days or 0),
        "promised_days": int(item.promised_days or 0),
        "consult_phone": item.consult_phone or "",
        "supervise_phone": item.supervise_phone or "",
        "online_mode": item.online_mode or "",
        "themes": sorted(item.themes or ()),
        "materials": [
            {
                "name": m.get("name", ""),
                "form": translate(request, title_of(MATERIAL_FORMS, m.get("form", ""))),
                "count": int(m.get("count") or 1),
                "required": bool(m.get("required")),
                "note": m.get("note", "") or "",
            }
            for m in item.materials or ()
        ],
    }


def letter(item, request):
    from ..interaction.letters.model import site_of
    from ..interaction.letters.views_public import organ_of, public_text
    from ..interaction.letters.vocabulary import CHANNELS, title_of

    public = public_text(item)
    where = site_of(item)
    return {
        "number": item.__name__,
        "site": site_key(where),
        "organ": organ_of(item),
        "channel": translate(request, title_of(CHANNELS, item.channel)),
        "subject": public["subject"],
        "body": public["body"],
        "reply": public["reply"],
        "received_on": when(item.received_on, request.registry),
        "answered_on": when(item.answered_on, request.registry),
        "url": public_resource_url(request.registry, where, "@@letters", item.__name__),
    }
