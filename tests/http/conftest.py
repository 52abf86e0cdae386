"""Clients shared by the HTTP tests: an editor and a reviewer of 教育局."""

import pytest


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


@pytest.fixture
def reviewer(browser):
    return browser("jyj_reviewer")
