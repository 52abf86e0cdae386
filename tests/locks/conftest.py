"""Lock tests: a second editor and a second reviewer of 教育局 exist."""

import pytest

from .helpers import add_user


@pytest.fixture
def users(wsgi_app):
    add_user(wsgi_app, "jyj_editor2", "教育局编辑")
    add_user(wsgi_app, "jyj_reviewer2", "教育局审核")


@pytest.fixture
def editor(browser, users):
    return browser("jyj_editor")


@pytest.fixture
def editor2(browser, users):
    return browser("jyj_editor2")


@pytest.fixture
def reviewer(browser, users):
    return browser("jyj_reviewer")


@pytest.fixture
def reviewer2(browser, users):
    return browser("jyj_reviewer2")
