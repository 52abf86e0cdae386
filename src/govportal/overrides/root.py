"""The root factory and the uploads directory: Substance D would create the
site (with a fixed password) on the first request and never creates the
directory it writes uploads to."""

import os

from pyramid.httpexceptions import HTTPServiceUnavailable
from pyramid_zodbconn import get_connection


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
