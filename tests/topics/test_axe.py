"""axe-core (WCAG 2.1 A/AA) on the special topics' pages: the 专题专栏
index, a topic with its banner and columns, a topic column page, an archived
topic, the home page's block, and the staff pages (topics, a topic, a
column with the picker and the query preview) — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import shutil

import pytest

from govportal import main
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import LiveServer
from tests.conftest import close_app, make_settings

from .helpers import add_banner, demo_topics


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("topics-axe") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    demo_topics(app)
    add_banner(app, "yhyshj", "优化营商环境专题横幅")
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


def visit_public(page):
    for name, path in (
        ("home", "/"),
        ("index", "/@@zhuanti"),
        ("topic", "/yhyshj/"),
        ("column", "/yhyshj/zccs/"),
        ("archived", "/fxjz2025/"),
    ):
        response = page.goto(path)
        yield name, response.status


def visit_staff(page):
    sign_in(page, "portal_editor")
    page.wait_for_load_state()
    response = page.goto("/@@special-topics-admin")
    yield "topics admin", response.status
    response = page.goto("/yhyshj/@@topic-manage")
    yield "topic manage", response.status
    response = page.goto("/yhyshj/zccs/@@topic-column?words=工作动态")
    assert page.get_by_role("button", name="移出").count() > 0
    yield "topic column", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_public_pages(chromium, site, axe_source, view, width, elder):
    check_tour(chromium, site, axe_source, view, width, elder, visit_public)


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_staff_pages(chromium, site, axe_source, view, width, elder):
    check_tour(chromium, site, axe_source, view, width, elder, visit_staff)
