"""The full demo (what ``govportal-demo`` builds: articles in every column),
built once per session for the self-check's demo tests."""

import shutil

import pytest

from govportal import main
from tests.conftest import build_template, close_app, make_settings


@pytest.fixture(scope="session")
def full_demo_template(tmp_path_factory):
    return build_template(tmp_path_factory.mktemp("full-demo"), full=True)


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
