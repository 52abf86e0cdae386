"""The request body limit, enforced before anything reads the body.

Waitress hands the application a body of up to ``max_request_body_size``
(1 GiB by default) and everything after it reads what it gets:
``pyramid_retry`` copies the body to make it seekable, WebOb and Substance D
parse forms before authentication and the CSRF check.  :func:`check_body`
runs first (in :class:`~govportal.hardening.policy.HardeningPolicy`, before
the retry policy):

- a ``Content-Length`` above the limit is refused at once (413), without
  reading a byte;
- a body without a length (``Transfer-Encoding: chunked``) is read into a
  spooled file, and refused as soon as it passes the limit; what was read
  becomes the request's input, with its length.

The limit is ``govportal.max_body_mb`` for ordinary requests and
``govportal.max_upload_mb`` for ``multipart/form-data`` posts to the views
that take files (``govportal.upload_views``; the SDI's forms count as such).
"""

import json
import tempfile

from pyramid.settings import aslist

from ..i18n import _

MB = 1024 * 1024
#: Bytes read at a time from a body without a length.
CHUNK = 64 * 1024
#: Bodies without a length are kept in memory up to this size, then on disk.
SPOOL_IN_MEMORY = 1 * MB


class BodyTooLarge(Exception):
    """The request body is larger than its limit (``limit`` bytes)."""

    def __init__(self, limit):
        super().__init__(limit)
        self.limit = limit


class BodyLimits:
    """The body limits of the settings, parsed once."""

    def __init__(self, settings, manage_prefix="/manage"):
        self.max_body = int(float(settings.get("govportal.max_body_mb") or 2) * MB)
        self.max_upload = int(float(settings.get("govportal.max_upload_mb") or 50) * MB)
        self.upload_views = frozenset(
            v.lstrip("@") for v in aslist(settings.get("govportal.upload_views") or "")
        )
        self.manage_prefix = manage_prefix

    def limit_for(self, environ):
        """The most bytes the body of the request of ``environ`` may have."""
        ctype = (environ.get("CONTENT_TYPE") or "").lower()
        if ctype.startswith("multipart/form-data"):
            path = environ.get("PATH_INFO") or ""
            if path == self.manage_prefix or path.startswith(self.manage_prefix + "/"):
                return self.max_upload
            last = path.rstrip("/").rsplit("/", 1)[-1]
            if last.lstrip("@") in self.upload_views:
                return self.max_upload
        return self.max_body


def check_body(environ, limits):
    """Refuse (raise :class:`BodyTooLarge`) a body over its limit; read a
    body without a length into a spooled file within the limit."""
    limit = limits.limit_for(environ)
    length = environ.get("CONTENT_LENGTH")
    if length:
        try:
            length = int(length)
        except ValueError:
            raise BodyTooLarge(limit) from None
        if length > limit or length < 0:
            raise BodyTooLarge(limit)
        return
    chunked = "chunked" in (environ.get("HTTP_TRANSFER_ENCODING") or "").lower()
    if not chunked:
        return
    source = environ.get("wsgi.input")
    if source is None:
        return
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
    size = 0
    while True:
        chunk = source.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            spool.close()
            raise BodyTooLarge(limit)
        spool.write(chunk)
    spool.seek(0)
    environ["wsgi.input"] = spool
    environ["CONTENT_LENGTH"] = str(size)
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["wsgi.input_terminated"] = False


def too_large_answer(environ, limit):
    """The 413 answer (Chinese; JSON when the client asks for JSON)."""
    from pyramid.response import Response
    from pyramid.threadlocal import get_current_registry

    size = f"{limit / MB:g} MB"
    message = _(
        "hardening-body-too-large",
        default="提交的内容过大（上限 ${size}），未予处理。",
        mapping={"size": size},
    )
    text = _translate(message, get_current_registry())
    accept = (environ.get("HTTP_ACCEPT") or "").lower()
    if "application/json" in accept:
        body = json.dumps({"ok": False, "errors": [text]}, ensure_ascii=False)
        response = Response(body, status=413, content_type="application/json", charset="utf-8")
    else:
        page = (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            "<title>提交的内容过大</title></head><body><main><h1>提交的内容过大</h1>"
            f"<p>{text}</p></main></body></html>"
        )
        response = Response(page, status=413, content_type="text/html", charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def _translate(message, registry):
    """``message`` in Chinese (there is no request yet to negotiate with)."""
    try:
        from pyramid.i18n import make_localizer
        from pyramid.interfaces import ITranslationDirectories

        dirs = registry.queryUtility(ITranslationDirectories, default=[])
        return make_localizer("zh_CN", dirs).translate(message)
    except Exception:  # pragma: no cover - the default text is Chinese
        return message.interpolate()
