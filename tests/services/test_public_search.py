"""Service guides in the site search: found by their title and by the text
of their elements, listed with their column; drafts and retracted guides not."""

from tests.search.conftest import results, titles

from .apply_helpers import make_guide


def test_guides_are_found_by_title_and_elements(testapp, wsgi_app):
    path = make_guide(
        wsgi_app, title="测试宅基地审批事项", conditions="须持有农村集体经济组织成员证明"
    )
    make_guide(wsgi_app, name="secret", title="测试宅基地草稿事项", publish=False)
    res = testapp.get("/search", {"q": "宅基地"})
    assert titles(res) == ["测试宅基地审批事项"]
    assert (path, "测试宅基地审批事项") in results(res)
    assert "办事指南" in res.text  # its column
    # an element's text, and on the department's own search page
    res = testapp.get("/jyj/search", {"q": "集体经济组织成员证明"})
    assert titles(res) == ["测试宅基地审批事项"]
    assert "测试宅基地审批事项" not in testapp.get("/wjj/search", {"q": "宅基地"}).text


def test_demo_guides_are_found_after_a_reconcile(testapp, wsgi_app):
    """govportal-index (and govportal-demo) compare every source's objects
    with the index: the demo's guides are indexed with their materials."""
    import io

    from govportal.search.script import update_index

    update_index(wsgi_app.registry, out=io.StringIO())
    res = testapp.get("/search", {"q": "预防接种证查验证明"})
    assert "义务教育阶段适龄儿童少年入学登记" in titles(res)
