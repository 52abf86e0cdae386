"""Public page views (thin: they gather what templates show)."""

from pyramid.response import FileResponse, Response
from pyramid.view import forbidden_view_config, notfound_view_config, view_config
from substanced.interfaces import IRoot

from ..content import IAttachment, IColumn, IDepartment, IDocument
from ..disclosure.columns import is_applications_column
from ..media.references import render_references
from ..media.store import downloads
from ..skin import resolve_static, site_skin
from ..workflow import facts, get_workflow
from .links import route_external_links
from .listing import PAGE_SIZE, children_of_type, page_number, published_in, published_page
from .qr import qr_svg


def page(request, context, **values):
    """Values for a page template (site-wide values are added on render)."""
    return values


#: columns whose items live in their sub-columns (互动交流: 意见征集, 在线访谈 …)
DEEP_BOX_KINDS = ("interaction",)


def box_items(column, limit=8):
    """The newest items a home page's box of ``column`` lists: its own, or,
    for a column of :data:`DEEP_BOX_KINDS` with none, its sub-columns'."""
    items = published_in(column, limit=limit)
    if not items and getattr(column, "kind", None) in DEEP_BOX_KINDS:
        items, _total = published_page(column, limit=limit, deep=True)
    return items


@view_config(context=IRoot, permission="view", renderer="portal.skin")
def portal_view(context, request):
    columns = children_of_type(context, "Column", request)
    return page(
        request,
        context,
        columns=[(c, box_items(c)) for c in columns],
        departments=children_of_type(context, "Department", request),
    )


@view_config(context=IDepartment, permission="view", renderer="department.skin")
def department_view(context, request):
    columns = children_of_type(context, "Column", request)
    return page(request, context, columns=[(c, box_items(c)) for c in columns])


@view_config(context=IColumn, permission="view", renderer="column.skin")
def column_view(context, request):
    number = page_number(request)
    items, total = published_page(context, start=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return page(
        request,
        context,
        entries=column_entries(context, request),
        subcolumns=children_of_type(context, "Column", request),
        items=items,
        total=total,
        page=min(number, pages),
        pages=pages,
    )


def column_entries(column, request):
    """Service entries a column leads to: the 依申请公开 column of a site
    links to that site's application form and status page."""
    if not is_applications_column(column):
        return []
    site = column.__parent__
    return [
        ("在线申请政府信息公开", request.resource_url(site, "@@apply")),
        ("申请办理进度查询", request.resource_url(site, "@@track")),
    ]


@view_config(context=IDocument, permission="view", renderer="document.skin")
@view_config(context=IDocument, name="print", permission="view", renderer="document.skin")
def document_view(context, request):
    workflow = get_workflow(context, request.registry)
    state = workflow.state_of(context)
    return page(
        request,
        context,
        state=state,
        state_title=workflow.state_title(state),
        # public but no longer listed (the workflow files say which): 已归档
        archived=state in facts.public_states(request.registry)
        and state not in facts.listed_states(request.registry),
        public=workflow.is_public(context),
        attachments=downloads(context),
        can_see_history=request.has_permission("view_history", context),
        # references (govportal.media) to the reader's URLs, then the leaving notice
        body=route_external_links(render_references(context.body, request, context), request),
        printing=request.view_name == "print",
    )


@view_config(context=IRoot, name="logo", permission="view")
def portal_logo(context, request):
    """The portal's emblem: the uploaded one, else the skin's default."""
    logo = getattr(context, "logo", None)
    if logo is not None:
        response = logo.get_response(request=request)
    else:
        response = FileResponse(
            resolve_static(request.registry, "emblem.svg", site_skin(request)), request=request
        )
    return response


@view_config(context=IDocument, name="qr.svg", permission="view")
def document_qr(context, request):
    """The page's QR code (扫一扫在手机打开当前页).  Drawing one takes a few
    milliseconds, so it is its own cacheable resource, not part of the page."""
    response = Response(qr_svg(_public_url(request, context)), content_type="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 86400  # a URL's QR code never changes
    return response


def _public_url(request, context):
    """The page's URL on its site's configured host, never the request's Host."""
    from ..siteurl import PublicURLMissing, public_resource_url

    try:
        return public_resource_url(request.registry, context)
    except PublicURLMissing:
        return request.resource_url(context)


@view_config(context=IAttachment, permission="view")
def attachment_download(context, request):
    """Attachments download freely, without login, once their document is public."""
    response = context.get_response(request=request)
    response.content_disposition = "attachment; filename*=UTF-8''" + _quote(context.filename)
    return response


def _quote(name):
    from urllib.parse import quote

    return quote(name or "file", safe="")


# The context of a refusal may be an item the user may not see (a draft of
# another department): no breadcrumbs, or its title would leak through them.


@notfound_view_config(renderer="notfound.skin")
def notfound_view(request):
    request.response.status_int = 404
    return {"crumbs": []}


@forbidden_view_config(renderer="notfound.skin")
def forbidden_view(request):
    """Anonymous visitors get 404 for what they may not see (existence is not
    revealed); signed-in users get 403 with a plain explanation."""
    if request.authenticated_userid is None:
        request.response.status_int = 404
        return {"crumbs": []}
    request.response.status_int = 403
    request.override_renderer = "forbidden.skin"
    return {"crumbs": []}
