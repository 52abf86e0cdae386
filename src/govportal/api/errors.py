"""Errors of the JSON read API: a 4xx status and a Chinese message, as JSON.

Views raise :class:`ApiError`; :func:`error_view` answers it with
``{"error": {"code": ..., "message": ...}}``.  Not-found and forbidden
answers under ``/api/`` are JSON too (see :mod:`.views`).
"""

import json

from pyramid.response import Response
from pyramid.view import view_config

from ..i18n import _, translate


class ApiError(Exception):
    """A refused API request (nothing was read)."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def bad_request(code, message):
    return ApiError(400, code, message)


def not_found(message=None):
    return ApiError(
        404, "not_found", message or _("api-error-not-found", default="请求的资源不存在或未公开。")
    )


def forbidden():
    return ApiError(
        403, "forbidden", _("api-error-forbidden", default="访问令牌的授权范围不包括此资源。")
    )


def error_response(request, status, code, message, headers=None):
    """The JSON answer of a refusal."""
    payload = {"error": {"code": code, "status": status, "message": translate(request, message)}}
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    response = Response(body=body, status=status, content_type="application/json", charset="utf-8")
    response.headers.update(headers or {})
    return response


@view_config(context=ApiError, permission="__no_permission_required__")
def error_view(exc, request):
    return error_response(request, exc.status, exc.code, exc.message, exc.headers)
