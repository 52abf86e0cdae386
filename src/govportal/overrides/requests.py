"""Request-level fixes: status codes, CSRF field names and undecodable input
that Substance D or WebOb answered wrongly (a 200 for a refusal, a 500 for
the client's own bad input)."""

from pyramid.httpexceptions import HTTPBadRequest, HTTPForbidden
from pyramid.response import Response


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


def bad_csrf_view(exc, request):
    """Pyramid answers a failed CSRF check in English; ours says it in Chinese."""
    request.response.status_int = 400
    message = "页面已过期或请求来源无法验证，请刷新页面后重新提交。"
    if "application/json" in request.headers.get("Accept", ""):
        return Response(json={"ok": False, "errors": [message]}, status=400)
    return Response(message, status=400, content_type="text/plain", charset="utf-8")
