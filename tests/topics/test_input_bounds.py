"""Bounded, refused input: a topic may not take the address of a portal
page; huge or hostile saved-query fields are refused in Chinese (4xx) and
nothing is written."""

import pytest

from govportal.topics.queries import saved_query
from tests.conftest import read_root


@pytest.fixture
def editor(browser, topics_site):
    return browser("portal_editor")


@pytest.mark.parametrize("name", ["search", "zhuanti", "manage", "api", "login"])
def test_topic_cannot_take_a_portal_address(editor, wsgi_app, name):
    token = editor.csrf("/@@special-topics-admin")
    res = editor.post(
        "/@@special-topics-admin",
        {"title": "抢占地址", "name": name, "csrf_token": token},
        status=400,
    )
    assert "系统保留" in res.text
    assert read_root(wsgi_app, lambda root: getattr(root.get(name), "title", "")) != "抢占地址"


def test_hostile_queries_are_refused_and_nothing_written(editor, wsgi_app):
    before = read_root(wsgi_app, lambda root: saved_query(root["yhyshj"]["bmdt"]))
    token = editor.csrf("/yhyshj/bmdt/@@topic-column")
    cases = [
        ({"words": "营商" * 5000}, "关键词不能超过40个字"),
        ({"topic": "x" * 100_000}, "主题分类不能超过60个字"),
        ({"departments": [f"d{i}" for i in range(5000)]}, "请选择本站群的部门"),
        ({"departments": ["jyj"] * 60 + ["../czj"]}, "请选择本站群的部门"),
        ({"kinds": ["news", "*"]}, "请选择有效的栏目类型"),
        ({"date_from": "99999-01-01"}, "格式应为"),
        ({"date_to": "2026-01-01' OR 1=1"}, "格式应为"),
    ]
    for data, message in cases:
        res = editor.post("/yhyshj/bmdt/@@topic-query", dict(data, csrf_token=token), status=400)
        assert message in res.text, data
    assert read_root(wsgi_app, lambda root: saved_query(root["yhyshj"]["bmdt"])) == before


def test_a_huge_date_range_is_bounded(editor, testapp):
    token = editor.csrf("/yhyshj/bmdt/@@topic-column")
    data = {"date_from": "0001-01-01", "date_to": "9999-12-31", "csrf_token": token}
    res = editor.post("/yhyshj/bmdt/@@topic-query", dict(data, preview="1"))
    assert res.status_int == 200
    editor.post("/yhyshj/bmdt/@@topic-query", data, status=303)
    page = testapp.get("/yhyshj/bmdt/", {"page": "99999999"})
    assert page.status_int == 200


@pytest.mark.parametrize(
    "raw", ["9" * 30, "-1", "1e9", " ", "0x10", "9223372036854775808", "-" + "9" * 19, "--5"]
)
def test_odd_item_ids_are_not_found(editor, raw):
    token = editor.csrf("/yhyshj/zccs/@@topic-column")
    editor.post(
        "/yhyshj/zccs/@@topic-pick",
        {"item": raw, "action": "pick", "csrf_token": token},
        status=404,
    )
