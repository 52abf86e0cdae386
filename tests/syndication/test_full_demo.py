"""The full demo (``govportal-demo``): the portal's 部门动态 and 要闻 show
departments' news by reference, one offer returned with its reason."""

import re

import pytest
import webtest

from govportal import main
from tests.conftest import build_template, close_app, make_settings

from .helpers import offers


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory):
    directory = build_template(tmp_path_factory.mktemp("syndication-full-demo"), full=True)
    app = main({}, **make_settings(directory))
    yield app
    close_app(app)


def test_the_demo_portal_shows_department_news_by_reference(full_demo):
    states = [state for _k, state, _s in offers(full_demo)]
    assert states.count("accepted") == 11 and states.count("returned") == 1
    visitor = webtest.TestApp(full_demo)
    department_news = visitor.get("/bmdt/").text
    sources = set(re.findall(r'href="http://localhost/(\w+)/gzdt/', department_news))
    assert {"jyj", "wjj"} <= sources  # the departments' own pages, no copies
    headlines = visitor.get("/yw/").text
    assert "http://localhost/jyj/gzdt/" in headlines
    assert "/wjj/gzdt/" not in headlines  # returned: not shown
