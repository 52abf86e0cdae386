"""The full demo (what ``govportal-demo`` builds: articles in every column),
built once per session for the self-check's demo tests."""

import shutil

import pytest
import transaction

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.demo import build_demo
from tests.conftest import close_app, known_credentials, make_settings


@pytest.fixture(scope="session")
def full_demo_template(tmp_path_factory):
    directory = tmp_path_factory.mktemp("full-demo")
    app = main({}, **make_settings(directory))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request, full=True)
            for user in root["principals"]["users"].values():
                known_credentials(user, request)
    finally:
        transaction.abort()
        close_app(app)
    return directory


@pytest.fixture
def full_demo_settings(full_demo_template, tmp_path):
    directory = tmp_path / "full-demo"
    shutil.copytree(full_demo_template, directory)
    return make_settings(directory)


@pytest.fixture
def full_demo_app(full_demo_settings):
    app = main({}, **full_demo_settings)
    yield app
    close_app(app)
