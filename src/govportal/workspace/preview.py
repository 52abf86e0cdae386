"""预览: the public document page, rendered with a draft's values.

The page is the public ``document.skin`` template (so the skin a site
selects applies), with the same values the public document view passes,
rendered from an unsaved copy of the document that is never added to the
site.  It carries a 预览 banner, ``noindex`` and ``no-store``, and is kept
out of the render cache (:func:`govportal.cache.dont_cache`).
"""

from html import escape

from pyramid.renderers import render
from pyramid.response import Response
from pyramid.view import view_config
from substanced.util import get_oid

from ..cache import dont_cache
from ..content import IDocument, find_department
from ..public.globals import breadcrumbs
from ..public.links import route_external_links
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


def render_preview(request, column, document, values):
    """HTML of the public page of ``values`` (a document's fields) in ``column``."""
    stand_in = _stand_in(request, column, document, values)
    page = render(
        "document.skin",
        {
            "context": stand_in,
            "state": "published",
            "state_title": "",
            "archived": False,
            "public": True,
            "attachments": document.attachments() if document is not None else [],
            "can_see_history": False,
            "body": route_external_links(stand_in.body, request),
            "printing": False,
            "crumbs": breadcrumbs(stand_in),
            "department": find_department(column),
        },
        request=request,
    )
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
