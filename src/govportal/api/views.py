"""The JSON read API's views (routes under ``/api/v1/``).

Caching: answers carry a strong ``ETag`` (a hash of the body) and are
answered 304 on ``If-None-Match``; anonymous answers get the public pages'
``Cache-Control`` from :mod:`govportal.cache`, token answers ``private,
no-store`` (they carry ``Authorization``).  The render cache does not keep
API answers (JSON is not among its types and these routes are not listed in
``govportal.cache.routes``) — deliberately: a cache hit is answered before
any view runs, so it would bypass the per-client rate limit, and filtered,
paged queries rarely repeat exactly.  The view's work is a catalog query
and a page of objects, like a column page.
"""

import json
from urllib.parse import urlencode

from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.traversal import find_resource, find_root
from pyramid.view import notfound_view_config, view_config
from substanced.util import find_objectmap

from ..cache.validators import make_etag
from ..content import IColumn, IDocument
from ..i18n import _
from ..public.listing import children_of_type, hidden_from_public
from . import params, serialize
from .access import begin, granted_sites, site_key, site_named
from .errors import bad_request, error_response, not_found
from .listing import guides_page, items_page, letters_page
from .schemas import ENDPOINTS

JSON_TYPE = "application/json"


def answer(request, payload):
    """``payload`` as JSON with an ETag; 304 when the client has it."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = make_etag(body)
    if etag.strip('"') in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(body=body, content_type=JSON_TYPE, charset="utf-8")
    response.headers["ETag"] = etag
    return response


def paged(request, endpoint, items, total, page, size):
    pages = max(1, -(-total // size))
    query = {k: v for k, v in request.GET.items() if k != "page"}

    def link(number):
        return (
            serialize.api_url(request.registry, endpoint)
            + "?"
            + urlencode(dict(query, page=number))
        )

    return {
        "items": items,
        "total": total,
        "page": page,
        "size": size,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if 1 < page <= pages else None,
    }


def _allowed(endpoint):
    return ENDPOINTS["/api/v1/" + endpoint][3]


def _listing(request, endpoint):
    """``(grant, root, page, size)`` of a paged list endpoint.

    Checks the caller's grant, refuses a query parameter the endpoint does
    not take and reads the paging parameters (each refusal an API error).
    """
    grant = begin(request, endpoint)
    params.unknown(request, _allowed(endpoint))
    page, size = params.paging(request)
    return grant, find_root(request.context), page, size


def _scope(request, grant):
    """Site keys a listing covers: the requested ``site`` or every granted one."""
    key = params.text(request, "site")
    if key:
        return [site_named(request, grant, key)]
    return granted_sites(request, grant)


@view_config(route_name="api_sites", renderer=None, permission=NO_PERMISSION_REQUIRED)
def sites_view(request):
    grant = begin(request, "sites")
    params.unknown(request, ())
    return answer(
        request, {"items": [serialize.site(s, request) for s in granted_sites(request, grant)]}
    )


@view_config(route_name="api_columns", permission=NO_PERMISSION_REQUIRED)
def columns_view(request):
    grant = begin(request, "columns")
    params.unknown(request, ())
    site = site_named(request, grant, request.matchdict["site"])

    def tree(container):
        return [
            serialize.column(c, request, tree(c))
            for c in children_of_type(container, "Column", request)
        ]

    return answer(request, {"site": site_key(site), "items": tree(site)})


def _column(request, grant, root, path):
    try:
        column = find_resource(root, path)
    except (KeyError, ValueError, UnicodeError):
        column = None
    if column is None or not IColumn.providedBy(column):
        raise not_found(_("api-error-unknown-column", default="栏目不存在或未公开。"))
    if not request.has_permission("view", column) or hidden_from_public(column, request.registry):
        raise not_found(_("api-error-unknown-column", default="栏目不存在或未公开。"))
    grant.check_site(serialize.site_of(column))
    return column


@view_config(route_name="api_documents", permission=NO_PERMISSION_REQUIRED)
def documents_view(request):
    grant, root, page, size = _listing(request, "documents")
    topic = params.text(request, "topic")
    start, end = params.date_range(request)
    path = params.text(request, "column")
    sites = _scope(request, grant)
    options = {"topic": topic, "begin": start, "end": end}
    if path:
        column = _column(request, grant, root, path)
        if params.text(request, "site") and serialize.site_of(column) != site_key(sites[0]):
            raise bad_request(
                "bad_filter", _("api-error-column-site", default="栏目不属于所选站点。")
            )
        items, total = items_page(root, column, False, None, (page - 1) * size, size, **options)
    else:
        scope = {site_key(s) for s in sites}
        items, total = items_page(root, root, True, scope, (page - 1) * size, size, **options)
    rows = [serialize.document(i, request) for i in items]
    return answer(request, paged(request, "documents", rows, total, page, size))


@view_config(route_name="api_document", permission=NO_PERMISSION_REQUIRED)
def document_view(request):
    grant = begin(request, "documents")
    params.unknown(request, ())
    raw = request.matchdict["id"]
    item = None
    if raw.lstrip("-").isdigit() and len(raw) < 21:
        item = find_objectmap(request.context).object_for(int(raw))
    if item is None or not IDocument.providedBy(item) or not request.has_permission("view", item):
        raise not_found()
    if hidden_from_public(item, request.registry):
        raise not_found()
    grant.check_site(serialize.site_of(item))
    return answer(request, serialize.document_detail(item, request))


@view_config(route_name="api_guides", permission=NO_PERMISSION_REQUIRED)
def guides_view(request):
    grant, root, page, size = _listing(request, "guides")
    scope = {site_key(s) for s in _scope(request, grant)}
    items, total = guides_page(root, scope, (page - 1) * size, size)
    rows = [serialize.guide(g, request, root) for g in items]
    return answer(request, paged(request, "guides", rows, total, page, size))


@view_config(route_name="api_letters", permission=NO_PERMISSION_REQUIRED)
def letters_view(request):
    grant, root, page, size = _listing(request, "letters")
    sites = _scope(request, grant)
    items, total = letters_page(root, request.registry, sites, (page - 1) * size, size)
    rows = [serialize.letter(letter, request) for letter in items]
    return answer(request, paged(request, "letters", rows, total, page, size))


@view_config(route_name="api_openapi", permission=NO_PERMISSION_REQUIRED)
def openapi_view(request):
    from .openapi import describe

    return answer(request, describe(request.registry))


@notfound_view_config(path_info=r"^/api/")
def api_notfound(request):
    message = _("api-error-no-endpoint", default="接口地址不存在。")
    return error_response(request, 404, "not_found", message)
