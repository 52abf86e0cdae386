"""预览: the public document page, rendered with a draft's values.

The page is the public ``document.skin`` template (so the skin a site
selects applies), with the same values the public document view passes,
rendered from an unsaved copy of the document that is never added to the
site.  It carries a 预览 banner, ``noindex`` and ``no-store``, and is kept
out of the render cache (:func:`govportal.cache.dont_cache`).
"""

import base64
from html import escape

from pyramid.renderers import render
from pyramid.response import Response
from pyramid.view import view_config
from substanced.util import get_oid

from ..cache import dont_cache
from ..content import IDocument, find_department
from ..public.globals import breadcrumbs
from ..public.qr import qr_svg
from ..siteurl import public_resource_url
from ..workflow import facts, get_workflow
from . import helpers
from .forms import field_names

#: the oid of a new document's stand-in (object ids are positive)
NO_OID = -1


def _no_links_for_new_documents(request):
    """A document not saved yet has no links to other documents (替代/解读):
    the template's ``request.document_links`` would look its oid up in the
    object map, which does not know it."""
    try:
        from ..disclosure.links import DocumentLinks
    except ImportError:  # no links between documents on this platform
        return
    request.document_links = lambda document: DocumentLinks()


BANNER = (
    '<div role="status" style="position:sticky;top:0;z-index:1000;background:#8e1111;'
    'color:#fff;padding:.75rem 1rem;font-size:1.1rem;text-align:center">'
    "<strong>预览</strong>：{title}——这是发布后的页面效果，尚未公开，访客看不到。"
    "</div>"
)


def _stand_in(request, column, document, values):
    stand_in = request.registry.content.create("Document", **values)
    if document is not None:
        # what the form does not edit (索引号, links between documents ...)
        # shows as it will: the stand-in reads them as the document
        for name, value in vars(document).items():
            if not name.startswith(("_p_", "_v_", "__")) and name not in values:
                if not hasattr(value, "_p_jar") or name in ("replaced_by", "interprets"):
                    setattr(stand_in, name, value)
        stand_in.__oid__ = get_oid(document)
    else:
        stand_in.__oid__ = NO_OID
        _no_links_for_new_documents(request)
    stand_in.__parent__ = column
    stand_in.__name__ = document.__name__ if document is not None else "preview"
    return stand_in


def public_values(request, stand_in, document):
    """What the public document view gives the page template, computed by
    that view itself (body references, the download list), then shown as
    visitors will see it once published: in the first listed public state,
    with the saved document's downloads, without staff links."""
    from ..public.views import document_view

    values = dict(document_view(stand_in, request))
    state = next(iter(facts.listed_states(request.registry)), "")
    workflow = get_workflow(stand_in, request.registry)
    downloads = document_view(document, request)["attachments"] if document is not None else []
    values.update(
        state=state,
        state_title=workflow.state_title(state) if workflow is not None else "",
        archived=False,
        public=True,
        attachments=list(downloads),
        can_see_history=False,
        printing=False,
    )
    return values


def inline_qr(request, page, stand_in, target):
    """The page's QR code drawn inline (a data: URI), pointing at the
    future public address of ``target`` (the document; a new one's column):
    the public ``qr.svg`` of a draft is not reachable by visitors, and the
    preview must not send anyone to a draft's address."""
    src = request.resource_url(stand_in, "qr.svg")
    data = base64.b64encode(qr_svg(public_resource_url(request.registry, target)).encode())
    uri = "data:image/svg+xml;base64," + data.decode("ascii")
    return page.replace(f'src="{escape(src)}"', f'src="{uri}"').replace(
        f'src="{src}"', f'src="{uri}"'
    )


def render_preview(request, column, document, values):
    """HTML of the public page of ``values`` (a document's fields) in ``column``."""
    stand_in = _stand_in(request, column, document, values)
    page = render(
        "document.skin",
        dict(
            public_values(request, stand_in, document),
            context=stand_in,
            crumbs=breadcrumbs(stand_in),
            department=find_department(column),
        ),
        request=request,
    )
    page = inline_qr(request, page, stand_in, document if document is not None else column)
    banner = BANNER.format(title=escape(stand_in.title))
    page = page.replace("<title>", "<title>【预览】", 1)
    page = page.replace("</head>", '<meta name="robots" content="noindex, nofollow"></head>', 1)
    start = page.find("<body")
    end = page.find(">", start) + 1 if start >= 0 else 0
    return page[:end] + banner + page[end:]


def preview_response(request, column, document, appstruct, names):
    """The preview of unsaved form values."""
    values = {name: appstruct[name] for name in names}
    return _response(request, render_preview(request, column, document, values))


def _response(request, html):
    dont_cache(request)
    response = Response(html, content_type="text/html", charset="utf-8")
    response.cache_control = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@view_config(context=IDocument, name="ws-preview", permission="view", request_method="GET")
def saved_preview(context, request):
    """The preview of the saved draft (for reviewers and editors)."""
    from .forms import document_schema

    names = field_names(document_schema(request, context))
    values = {name: getattr(context, name) for name in names}
    column = helpers.column_of(context)
    return _response(request, render_preview(request, column, context, values))
