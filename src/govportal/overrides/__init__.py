"""Fixes for Substance D's rough edges, made with Pyramid's override hooks.

Each fix says why it exists.  Substance D itself is installed unmodified.
"""

import os

from pyramid.events import ContextFound, NewRequest, NewResponse
from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden, HTTPServiceUnavailable
from pyramid.response import Response
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid_zodbconn import get_connection
from substanced.sdi import MANAGE_ROUTE_NAME


def forbidden_is_403(event):
    """The SDI renders its login/forbidden page for HTTPForbidden with status
    200; clients, caches and monitors must see 403."""
    request = event.request
    if isinstance(getattr(request, "exception", None), HTTPForbidden):
        if event.response.status_int == 200:
            event.response.status_int = 403


def sdi_form_csrf_alias(event):
    """Substance D's deform forms carry the CSRF token as ``_csrf_token_``,
    while Pyramid's global CSRF check (which we require on every POST) reads
    ``csrf_token`` or the ``X-CSRF-Token`` header.  Present the form's token
    in the header so both checks compare the same value with the session."""
    request = event.request
    if request.method == "POST" and "X-CSRF-Token" not in request.headers:
        try:
            token = request.POST.get("_csrf_token_")
        except Exception:  # an unreadable body is rejected later, with a 4xx
            return
        if token:
            request.headers["X-CSRF-Token"] = token


def bad_encoding_view(exc, request):
    """A path or parameter that is not UTF-8 (``/%ff``, ``?came_from=%ff``)
    made Pyramid or WebOb raise ``UnicodeDecodeError``, answered as a 500.
    It is the client's error: 400."""
    return HTTPBadRequest("请求的网址或参数包含无效的字符编码。")


def reject_unreadable_body(event):
    """WebOb raises ``ValueError`` for a form body it cannot parse (e.g. a
    multipart body without a boundary); Pyramid's CSRF check reads the body,
    so such a request was answered with a 500.  It is the client's error."""
    request = event.request
    if request.method == "POST":
        try:
            request.POST  # noqa: B018 - parsed once, cached by WebOb
        except ValueError:
            raise HTTPBadRequest("无法解析提交的表单数据。") from None


#: Substance D views that read request fields unchecked, so a missing or
#: malformed field became a 500: (view name, method, the request parameter
#: that selects the action or None) -> (required fields, integer fields).
UNCHECKED_SDI_FIELDS = {
    ("workflows", "POST", None): (("wfid", "transition"), ()),
    ("contents", "GET", "from"): (("from", "to"), ("from", "to")),
    ("acl_edit", "POST", "form.move_up"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.move_down"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.remove"): (("index",), ("index",)),
    ("acl_edit", "POST", "form.add"): (("verb", "principal"), ()),
    ("acl_edit", "POST", "form.inherit"): (("inherit",), ()),
    ("undo", "GET", "first"): (("first",), ("first",)),
}


def check_sdi_fields(event):
    """Answer 400, not 500, when a Substance D view would read a missing or
    malformed field (see :data:`UNCHECKED_SDI_FIELDS`)."""
    request = event.request
    if getattr(request.matched_route, "name", None) != MANAGE_ROUTE_NAME:
        return
    params = request.POST if request.method == "POST" else request.GET
    for (view, method, selector), (required, integers) in UNCHECKED_SDI_FIELDS.items():
        if request.view_name != view or request.method != method:
            continue
        if selector is not None and selector not in params:
            continue
        if not all(params.get(name) for name in required):
            raise HTTPBadRequest("请求缺少必要的字段，请返回重试。")
        for name in integers:
            try:
                value = int(params[name])
            except ValueError:
                raise HTTPBadRequest(f"字段 {name} 必须是整数。") from None
            if view == "acl_edit":
                acl = getattr(request.context, "__acl__", None) or ()
                if not 0 <= value < len(acl):
                    raise HTTPBadRequest("所选的访问控制条目不存在。")


class NotBootstrapped(HTTPServiceUnavailable):
    """The database has no site yet."""


def root_factory(request):
    """Return the portal root; never create it.

    Substance D's ``root_factory`` creates the root on the first request with
    the ``substanced.initial_password`` from the settings file — a fixed
    default password.  The site is created by ``govportal-init`` (one process,
    before any server starts) with a random password instead.
    """
    root = get_connection(request).root().get("app_root")
    if root is None:
        raise NotBootstrapped("站点尚未初始化，请先运行 govportal-init（或 make serve）。")
    return root


def ensure_uploads_tempdir(settings):
    """Substance D writes every file upload to ``substanced.uploads_tempdir``
    but never creates it: a missing directory made each upload a 500."""
    tempdir = settings.get("substanced.uploads_tempdir")
    if tempdir:
        os.makedirs(tempdir, exist_ok=True)


def bad_csrf_view(exc, request):
    """Pyramid answers a failed CSRF check in English; ours says it in Chinese."""
    request.response.status_int = 400
    message = "页面已过期或请求来源无法验证，请刷新页面后重新提交。"
    if "application/json" in request.headers.get("Accept", ""):
        return Response(json={"ok": False, "errors": [message]}, status=400)
    return Response(message, status=400, content_type="text/plain", charset="utf-8")


def includeme(config):
    config.add_view(bad_csrf_view, context=BadCSRFToken, permission=NO_PERMISSION_REQUIRED)
    ensure_uploads_tempdir(config.registry.settings)
    config.add_subscriber(forbidden_is_403, NewResponse)
    config.add_subscriber(reject_unreadable_body, NewRequest)
    config.add_subscriber(sdi_form_csrf_alias, NewRequest)
    config.add_subscriber(check_sdi_fields, ContextFound)
    config.add_view(
        bad_encoding_view, context=UnicodeDecodeError, permission=NO_PERMISSION_REQUIRED
    )
    config.set_root_factory(root_factory)
