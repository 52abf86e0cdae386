"""A site's 互动交流 box on its home page lists the newest items of its
sub-columns (意见征集, 在线访谈 …), not 暂无信息; the site's 互动交流 page
lists its interviews."""

from ..interviews.test_live import rsj_interview  # noqa: F401  (fixture)


def test_department_box_lists_sub_column_items(testapp, rsj_interview):  # noqa: F811
    page = testapp.get("/rsj/")
    box = page.html.find(id="col-hdjl").find_parent("section")
    assert "就业创业政策解读" in box.get_text()
    hub = testapp.get("/rsj/@@interaction")
    assert "就业创业政策解读" in hub.text and "http://localhost/rsj/@@write" in hub.text
    # a column holding interviews lists them (the fixture's are in hdjl itself)
    assert "访谈预告与直播" in testapp.get("/rsj/hdjl").text


def test_portal_box_lists_sub_column_items(testapp):
    page = testapp.get("/")
    box = page.html.find(id="col-hdjl").find_parent("section")
    assert "暂无信息" not in box.get_text()
