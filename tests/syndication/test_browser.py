"""Playwright: a department editor offers a published item, the portal's
reviewer accepts it, it shows in the portal's 部门动态; the new pages
(报送, 我的信息报送, 信息报送审核, 统计) have no serious or critical axe
violation at 1280 px, at 320 px (no sideways scrolling) and in 长者版."""

import shutil

import pytest

import govportal
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import LiveServer, new_context
from tests.conftest import close_app, make_settings
from tests.public.helpers import publish_documents

TOUR_TITLE = "教育局举办教师信息技术能力培训"
AXE_TITLES = ["教育局召开家长学校工作会议", "教育局开展防溺水专题教育", "教育局组织校园消防演练"]


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    """A served copy of the demo site with four published 教育局 items: one
    for the tour, three offered (one accepted, one returned, one pending)
    for the axe pages."""
    from pyramid.traversal import find_resource
    from substanced.util import get_oid

    from govportal.bootstrap import request_as, site_session
    from govportal.syndication.model import create_offer, transition

    directory = tmp_path_factory.mktemp("syndication-browser") / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **make_settings(directory))
    specs = [{"title": t, "name": f"syn-b{i}"} for i, t in enumerate([TOUR_TITLE, *AXE_TITLES])]
    paths = publish_documents(
        app, "/jyj/gzdt/", specs, editor="jyj_editor", reviewer="jyj_reviewer"
    )
    with site_session(app.registry) as (zodb_root, base):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor = request_as(base, get_oid(users["jyj_editor"]))
        reviewer = request_as(base, get_oid(users["portal_reviewer"]))
        for request in (editor, reviewer):
            request.root = root
        steps = [("accept", ""), ("return", "请补充现场图片后重新报送。"), (None, "")]
        for path, (step, reason) in zip(paths[1:], steps, strict=True):
            offer, _ = create_offer(find_resource(root, path), root["bmdt"], editor, "请采用")
            if step:
                transition(offer, reviewer, step, reason)
    server = LiveServer(app).start()
    try:
        yield server.url, paths
    finally:
        server.stop()
        close_app(app)


def test_offer_accept_and_show_in_department_news(chromium, site):
    url, paths = site
    context = new_context(chromium, url)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        sign_in(page, "jyj_editor")
        page.wait_for_load_state()
        page.goto(paths[0] + "@@ws-item")
        page.click("#ws-syndicate")
        page.select_option("#syn-target", label="门户网站 · 部门动态")
        page.fill("#syn-note", "请门户网站采用")
        page.click("button:has-text('报送')")
        assert "已报送到“部门动态”" in page.locator(".ws-flash").inner_text()
        context.clear_cookies()

        sign_in(page, "portal_reviewer")
        page.wait_for_load_state()
        page.goto("/@@syndication-review")
        row = page.locator("#syn-pending tr", has_text=TOUR_TITLE)
        row.locator("button", has_text="采用").click()
        assert TOUR_TITLE in page.locator(".ws-flash").inner_text()
        assert page.locator("#syn-placed", has_text=TOUR_TITLE).count() == 1
        context.clear_cookies()

        page.goto("/bmdt/")
        link = page.locator("main a", has_text=TOUR_TITLE)
        assert link.count() >= 1
        assert paths[0].rstrip("/") in link.first.get_attribute("href")
    finally:
        context.close()


def _visit(paths):
    def visit(page):
        sign_in(page, "jyj_editor")
        page.wait_for_load_state()
        response = page.goto("/@@workspace")
        assert page.locator("#h-syndication").count() == 1
        yield "工作台（信息报送链接）", response.status
        response = page.goto(paths[1] + "@@ws-item")
        assert page.locator("#ws-syndicate").count() == 1
        yield "稿件页（信息报送按钮）", response.status
        response = page.goto(paths[1] + "@@syndicate")
        assert page.locator("#syn-target").count() == 1
        yield "报送", response.status
        response = page.goto("/@@syndication")
        assert page.locator("#syn-mine tbody tr").count() >= 3
        yield "我的信息报送", response.status
        page.context.clear_cookies()
        sign_in(page, "portal_reviewer")
        page.wait_for_load_state()
        response = page.goto("/@@syndication-review")
        assert page.locator("#syn-pending form").count() >= 1
        yield "信息报送审核", response.status
        response = page.goto("/@@syndication-stats")
        assert page.locator("#syn-stats tbody tr").count() >= 1
        yield "信息报送统计", response.status

    return visit


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    url, paths = site
    check_tour(chromium, url, axe_source, view, width, elder, _visit(paths))
