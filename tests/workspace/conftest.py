"""Clients of the workspace tests (signed in through the login form)."""

import pytest


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


@pytest.fixture
def reviewer(browser):
    return browser("jyj_reviewer")
