import pytest


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


@pytest.fixture
def reviewer(browser):
    return browser("jyj_reviewer")


@pytest.fixture
def other_editor(browser):
    return browser("wjj_editor")
