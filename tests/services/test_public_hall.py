"""The 办事服务 hall (``/@@services``, the portal's service column), service
columns listing their guides and the public guide page, through HTTP."""

import re

from .apply_helpers import make_guide


def titles(res):
    return [a.text for a in res.html.select("li.guide > a")]


def count(res):
    return int(res.html.find(id="result-count").text)


def facet(res, heading_id):
    """{title: count} of one facet's links."""
    section = res.html.find(id=heading_id).parent
    found = {}
    for a in section.find_all("a"):
        match = re.fullmatch(r"(.+?)（(\d+)）", a.text)
        found[match[1]] = int(match[2])
    return found


def test_hall_filters_by_theme_user_type_department_life_event_and_type(testapp, wsgi_app):
    make_guide(wsgi_app, name="g-edu", title="甲 教育个人事项")
    make_guide(
        wsgi_app,
        site="wjj",
        name="g-med",
        title="乙 医疗法人事项",
        themes=("medical",),
        user_types=("legal",),
        life_events=("medical",),
        item_type="licence",
    )
    make_guide(wsgi_app, name="g-draft", title="丙 草稿事项", publish=False)
    res = testapp.get("/@@services")
    every = count(res)
    assert "甲 教育个人事项" in titles(res) and "乙 医疗法人事项" in titles(res)
    assert "丙 草稿事项" not in res.text  # drafts are not listed
    for query, wanted, unwanted in (
        ({"theme": "education"}, "甲 教育个人事项", "乙 医疗法人事项"),
        ({"theme": "medical"}, "乙 医疗法人事项", "甲 教育个人事项"),
        ({"user_type": "legal"}, "乙 医疗法人事项", "甲 教育个人事项"),
        ({"life_event": "schooling"}, "甲 教育个人事项", "乙 医疗法人事项"),
        ({"lead": "wjj"}, "乙 医疗法人事项", "甲 教育个人事项"),
        ({"item_type": "licence"}, "乙 医疗法人事项", "甲 教育个人事项"),
        ({"q": "医疗"}, "乙 医疗法人事项", "甲 教育个人事项"),
    ):
        res = testapp.get("/@@services", query)
        assert wanted in titles(res) and unwanted not in titles(res), query
        assert count(res) < every
    # counts: every theme listed, the chosen filter marked, filters combine
    res = testapp.get("/@@services", {"user_type": "person"})
    themes = facet(res, "h-themes")
    assert len(themes) == 12 and themes["医疗"] == 0 and themes["教育"] >= 1
    assert res.html.find("a", attrs={"aria-current": "true"}).text.startswith("个人")
    departments = facet(res, "h-departments")
    assert departments["营山县人民政府"] == 0 and departments["卫生健康局"] == 0
    res = testapp.get("/@@services", {"theme": "medical", "user_type": "person"})
    assert count(res) == 0 and "没有符合条件的办事事项" in res.text
    # unknown values are ignored, not errors
    assert count(testapp.get("/@@services", {"theme": "<x>", "lead": "nowhere"})) == every


def test_hall_pages_results(testapp, wsgi_app):
    for i in range(21):
        make_guide(wsgi_app, name=f"p{i:02d}", title=f"分页事项{i:02d}", themes=("transport",))
    res = testapp.get("/@@services", {"theme": "transport"})
    assert count(res) == 21 and len(titles(res)) == 20
    assert "第 1 页 / 共 2 页" in res.text
    res = testapp.get("/@@services", {"theme": "transport", "page": "2"})
    assert titles(res) == ["分页事项20"]


def test_portal_service_column_is_the_hall_and_department_column_lists_guides(testapp, wsgi_app):
    make_guide(wsgi_app, name="g-edu", title="甲 教育个人事项")
    res = testapp.get("/bsfw/")
    assert res.html.find(id="h-themes") is not None and "甲 教育个人事项" in titles(res)
    assert res.html.find("form", class_="hall-search")["action"].endswith("/bsfw/")
    res = testapp.get("/jyj/bszn/")
    listed = [a.text for a in res.html.select("ul.guide-list a")]
    assert "甲 教育个人事项" in listed
    assert "甲 教育个人事项" not in testapp.get("/wjj/bszn/").text


def test_guide_page_shows_every_element(testapp, wsgi_app):
    path = make_guide(wsgi_app, co_departments=("wjj",))
    res = testapp.get(path)
    assert res.html.find("h1").text == "测试入学登记"
    assert res.html.find(id="time-limit").text == "法定 10 个工作日 / 承诺 5 个工作日"
    assert res.html.find("a", href="tel:08178221101").text == "0817-8221101"
    assert "卫生健康局" in res.text  # the co-handling department
    materials = res.html.find(id="materials")
    assert "户口簿" in materials.text and "电子件" in materials.text
    assert res.html.select("ol.guide-process li")[0].text.startswith("申请")
    assert res.html.find(id="online-entry").find("a")["href"].endswith(path + "@@apply")
    crumbs = [a.text for a in res.html.select("nav.crumbs a")]
    assert crumbs[-1] == "测试入学登记" and "办事指南" in crumbs
    assert testapp.get(path + "print").status_int == 200


def test_external_guide_links_to_the_platform_and_drafts_are_hidden(testapp, wsgi_app):
    path = make_guide(
        wsgi_app,
        name="ext",
        online_mode="external",
        form_fields=(),
        external_url="https://www.sczwfw.gov.cn/item/1",
    )
    res = testapp.get(path)
    assert res.html.find(id="online-entry").find("a")["href"] == "https://www.sczwfw.gov.cn/item/1"
    path = make_guide(
        wsgi_app,
        name="ext2",
        online_mode="external",
        form_fields=(),
        external_url="https://a.example/x",
    )
    link = testapp.get(path).html.find(id="online-entry").find("a")["href"]
    assert "/@@leave?url=https%3A%2F%2Fa.example%2Fx" in link
    draft = make_guide(wsgi_app, name="hidden", publish=False)
    testapp.get(draft, status=404)
