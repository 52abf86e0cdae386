"""``/@@audit``: the 审计管理员 reads and exports the audit log.

``GET /@@audit`` (``view_audit``): the search form and one page of entries,
newest first (``before=SEQ`` pages back).  Opening a search records
``audit.view`` once per filter (again only after :data:`VIEW_RECORD_EVERY`),
not once per page.  ``POST /@@audit-export`` (``export_audit``, CSRF-checked)
sends the current filter's entries as CSV (streamed) or XLSX, at most
``govportal.audit.export_max_rows``, and records ``audit.export``.

There is no view that changes or removes an entry.
"""

import time

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.response import Response
from substanced.interfaces import IRoot

from ..i18n import _, translate
from ..security.events import record_action
from ..sitetime import now as site_now
from . import export
from .actions import ACTION_TITLES, RESULT_TITLES, action_title, result_title
from .query import details_text, local_time, parse_filter, search_page

TEMPLATE = "govportal.audit:templates/audit.pt"
PAGE_SIZE = 50
#: most entries one page request looks at (a free-text search over a year of
#: entries would otherwise take a minute); the page then offers to go on
MAX_SCAN = 10000
#: the same search is recorded again as ``audit.view`` after this many seconds
VIEW_RECORD_EVERY = 600
SESSION_KEY = "govportal.audit.viewed"
FORMATS = ("csv", "xlsx")


def _no_store(request):
    from ..cache import dont_cache

    dont_cache(request)
    request.response.cache_control = "private, no-store"


def _refuse(request, errors, status=400):
    messages = [translate(request, e) for e in errors]
    if "application/json" in (request.accept.header_value or ""):
        response = Response(json_body={"ok": False, "errors": messages}, status=status)
        response.cache_control = "private, no-store"
        return response
    return HTTPBadRequest("；".join(messages))


def _record_view(request, flt):
    """``audit.view`` once per search (per filter, per ten minutes)."""
    last = request.session.get(SESSION_KEY) or ["", 0]
    now = int(time.time())
    if last[0] == flt.key() and now - int(last[1]) < VIEW_RECORD_EVERY:
        return
    request.session[SESSION_KEY] = [flt.key(), now]
    record_action(request, "audit.view", target="@@audit", details=flt.params())


def _before(request):
    raw = request.GET.get("before", "")
    if raw.isdigit() and len(raw) < 12:
        return int(raw)
    return None


def audit_view(context, request):
    """The search form and a page of entries."""
    _no_store(request)
    flt, errors = parse_filter(request.GET)
    before = _before(request)
    audit_log = request.registry.govportal_audit
    with audit_log.reading() as root:
        entries, resume = search_page(
            root, flt, limit=PAGE_SIZE + 1, below=before, max_scan=MAX_SCAN
        )
    # a full page and one more: the next page starts below the last shown;
    # fewer after MAX_SCAN entries looked at: it starts where the scan stopped
    partial = resume is not None and len(entries) <= PAGE_SIZE
    if len(entries) > PAGE_SIZE:
        entries = entries[:PAGE_SIZE]
        resume = entries[-1]["seq"]
    if errors:
        request.response.status_int = 400
    else:
        _record_view(request, flt)
    base = request.resource_url(context, "@@audit")
    return {
        "filter": flt,
        "errors": [translate(request, e) for e in errors],
        "ws_errors": [translate(request, e) for e in errors],
        "rows": [_display(request, e) for e in entries],
        "older_url": (
            request.resource_url(context, "@@audit", query={**flt.params(), "before": resume})
            if resume is not None
            else None
        ),
        "partial": partial,
        "newest_url": request.resource_url(context, "@@audit", query=flt.params())
        if before
        else None,
        "base_url": base,
        "export_url": request.resource_url(context, "@@audit-export"),
        "may_export": bool(request.has_permission("export_audit", context)),
        "actions": [(name, translate(request, t)) for name, t in ACTION_TITLES.items()],
        "results": [(name, translate(request, t)) for name, t in RESULT_TITLES.items()],
        "csrf_token": request.session.get_csrf_token(),
        "page_size": PAGE_SIZE,
    }


def _display(request, entry):
    return {
        "seq": entry["seq"],
        "time": local_time(entry["time"]),
        "actor": entry.get("actor") or "—",
        "actor_id": entry.get("actor_id") or "",
        "address": entry.get("address") or "—",
        "action": action_title(request, entry["action"]),
        "action_name": entry["action"],
        "target": entry.get("target") or "",
        "result": result_title(request, entry["result"]),
        "result_name": entry["result"],
        "details": details_text(entry.get("details")),
    }


def export_view(context, request):
    """The current filter's entries as CSV or XLSX (POST, CSRF-checked)."""
    flt, errors = parse_filter(request.POST)
    fmt = request.POST.get("format", "")
    if fmt not in FORMATS:
        errors.append(_("audit-export-format", default="请选择导出格式（CSV 或 Excel）。"))
    if errors:
        return _refuse(request, errors)
    settings = request.registry.settings
    max_rows = int(settings.get("govportal.audit.export_max_rows", "100000"))
    audit_log = request.registry.govportal_audit
    # the export file is named for the site's time, not the server's zone
    stamp = site_now(request.registry).strftime("%Y%m%d-%H%M%S")
    record_action(
        request,
        "audit.export",
        target="@@audit",
        details={"format": fmt, "filter": flt.params(), "max_rows": max_rows},
    )
    if fmt == "csv":
        response = Response(
            app_iter=export.csv_chunks(audit_log, flt, max_rows, request),
            content_type="text/csv",
            charset="utf-8",
        )
    else:
        response = Response(
            body=export.xlsx_bytes(audit_log, flt, max_rows, request),
            content_type=export.XLSX_TYPE,
        )
    response.content_disposition = f'attachment; filename="audit-{stamp}.{fmt}"'
    response.cache_control = "private, no-store"
    return response


def includeme(config):
    config.add_static_view("audit-static", "govportal.audit:static", cache_max_age=3600)
    config.add_view(
        audit_view,
        context=IRoot,
        name="audit",
        permission="view_audit",
        request_method="GET",
        renderer=TEMPLATE,
    )
    config.add_view(
        export_view,
        context=IRoot,
        name="audit-export",
        permission="export_audit",
        request_method="POST",
    )
