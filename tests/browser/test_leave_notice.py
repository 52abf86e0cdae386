"""A link to a site outside .gov.cn in a document body opens the leaving
notice first, with 继续访问 and 取消; cancelling returns to the document."""

from .support import DOCUMENT, EXTERNAL_URL


def test_external_link_shows_notice_and_cancel_returns(page, live_server):
    page.goto(DOCUMENT)
    body = page.locator("main .body")
    # a .gov.cn link goes straight there
    assert body.get_by_role("link", name="国家有关政策").get_attribute("href") == (
        "https://www.gov.cn/zhengce/"
    )
    with page.expect_navigation():
        body.get_by_role("link", name="教育信息服务平台").click()
    assert page.url.startswith(live_server + "/@@leave?url=")
    assert "即将离开" in page.locator("h1").inner_text()
    assert "www.example.com" in page.locator("main").inner_text()
    go_on = page.get_by_role("link", name="继续访问")
    cancel = page.get_by_role("link", name="取消，返回上一页")
    assert go_on.is_visible() and cancel.is_visible()
    assert go_on.get_attribute("href") == EXTERNAL_URL
    assert "noopener" in go_on.get_attribute("rel")
    with page.expect_navigation():
        cancel.click()
    assert page.url == live_server + DOCUMENT
    assert page.locator("article h1").is_visible()


def test_leaving_notice_by_keyboard(page, live_server):
    page.goto(DOCUMENT)
    page.locator("main .body").get_by_role("link", name="教育信息服务平台").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("link", name="取消，返回上一页").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server + DOCUMENT
