"""What the users, roles and security pages of 管理 share: private answers,
refusals (JSON for scripts, the page again for people), completion answers,
and the lookup of the user a URL names.
"""

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render_to_response

from ..i18n import translate
from ..workflow.views import wants_json
from .roles_model import principal_by_oid

TEMPLATES = "govportal.admin:templates/"
#: the longest search text a list accepts
MAX_QUERY = 100


def private(request):
    """Administration pages are never cached anywhere."""
    from ..cache import dont_cache

    dont_cache(request)
    request.response.cache_control = "private, no-store"


def texts(request, messages):
    return [translate(request, m) for m in messages]


def refuse(request, status, messages, template=None, values=None):
    """A refused request: ``status`` with the (translated) messages, as JSON
    for scripts, else ``template`` rendered with ``values`` and the messages
    as ``ws_errors`` (the staff layout shows them), else a plain page."""
    errors = texts(request, messages)
    if wants_json(request):
        response = render_to_response("json", {"ok": False, "errors": errors}, request=request)
    elif template is None:
        response = render_to_response(
            TEMPLATES + "users_refused.pt", {"messages": errors}, request=request
        )
    else:
        response = render_to_response(
            TEMPLATES + template, dict(values or {}, ws_errors=errors), request=request
        )
    response.status_int = status
    response.cache_control = "private, no-store"
    return response


def done(request, message, url, **info):
    """A completed action: JSON ``{"ok": true, ...}`` for scripts; for people
    the message flashed and a redirect (303) to ``url``."""
    text = translate(request, message)
    if wants_json(request):
        response = render_to_response("json", dict(info, ok=True, message=text), request=request)
        response.cache_control = "private, no-store"
        return response
    request.session.flash(text)
    return HTTPSeeOther(url)


def subpath_user(request):
    """The user named by the first subpath element (its oid), else 404."""
    if not request.subpath:
        raise HTTPNotFound()
    user = principal_by_oid(request.root, request.subpath[0])
    if user is None:
        raise HTTPNotFound()
    return user


def admin_url(request, view, *parts, **query):
    """``/@@view/part/...`` on the portal root."""
    return request.resource_url(request.root, "@@" + view, *parts, query=query or None)
