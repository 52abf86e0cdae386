"""Fixes for Substance D's rough edges, made with Pyramid's override hooks.

Each fix says why it exists.  Substance D itself is installed unmodified.
"""

import os

from pyramid.events import NewRequest, NewResponse
from pyramid.httpexceptions import HTTPForbidden, HTTPServiceUnavailable
from pyramid_zodbconn import get_connection


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


def includeme(config):
    ensure_uploads_tempdir(config.registry.settings)
    config.add_subscriber(forbidden_is_403, NewResponse)
    config.add_subscriber(sdi_form_csrf_alias, NewRequest)
    config.set_root_factory(root_factory)
