"""Fixtures of the workflow tests: one copy of the demo site per module.

Building an app costs about a second, so the matrix tests share one site per
module (``site``); tests that change items create their own items in it.
Nothing is committed: the module's transaction is aborted at the end.
"""

import shutil

import pytest

from govportal import main
from govportal.bootstrap import site_session
from tests.conftest import close_app, make_settings

from .matrix import NOBODY, SECOND_REVIEWER, Site


@pytest.fixture(scope="module")
def module_app(site_template, tmp_path_factory):
    """The app on a fresh copy of the demo site, shared by one test module."""
    directory = tmp_path_factory.mktemp("workflow-site")
    shutil.copytree(site_template, directory, dirs_exist_ok=True)
    app = main({}, **make_settings(directory))
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def site(module_app):
    """An open session on the module's site, with extra users: one with no
    group at all, a second 教育局 reviewer and the three administrators."""
    with site_session(module_app.registry, commit=False) as (zodb_root, request):
        s = Site(zodb_root, request)
        s.add_user(NOBODY)
        s.add_user(SECOND_REVIEWER, ["教育局审核"])
        s.add_administrators()
        yield s
