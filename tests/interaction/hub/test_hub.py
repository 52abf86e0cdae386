"""The 互动交流 page: the portal's (at ``/@@interaction`` and as its ``hdjl``
column, no longer an empty column) and a department's, with every channel's
block; a missing or failing channel leaves its block out, not the page."""

import logging

import pytest


def test_portal_column_shows_the_hub(testapp):
    page = testapp.get("/hdjl")
    text = page.text
    assert "<h1>互动交流" in text
    # sub-columns, the channels' forms, the 智能问答 box
    for title in ("意见征集", "在线访谈"):
        assert f">{title}</a>" in text
    assert "/@@write?channel=mailbox" in text and "/@@write?channel=consult" in text
    assert 'action="http://localhost/@@ask"' in text
    # open consultation, interviews (coming first), the letters' pages
    assert "住宅小区物业服务管理办法" in text
    assert text.index("县卫生健康局谈基层医疗") < text.index("县教育局局长谈2026年秋季")
    assert "http://localhost/@@letters" in text and "http://localhost/@@letter-stats" in text


def test_portal_hub_page_and_department_page(testapp):
    assert "在线访谈" in testapp.get("/@@interaction").text
    dept = testapp.get("/jyj/@@interaction")
    assert "http://localhost/jyj/@@write?channel=mailbox" in dept.text
    # the portal's interviews are not the department's
    assert "县教育局局长谈2026年秋季" not in dept.text
    assert "暂无在线访谈" in dept.text


def _block_failures(caplog):
    from govportal.interaction.hub import summary

    return [r.getMessage() for r in caplog.records if r.name == summary.log.name]


def test_every_block_is_filled_from_its_channel(testapp, caplog):
    """Each block shows the demo's items. A block that breaks is logged and
    left out in production (below); here that must fail, not pass unseen
    (the letters' block once stayed empty for an hour that way)."""
    caplog.set_level(logging.ERROR)
    html = testapp.get("/@@interaction").html
    assert _block_failures(caplog) == []

    def block(heading_id):
        return html.find(id=heading_id).find_parent("section")

    assert block("h-channels").select('a[href*="/@@write?channel="]')
    assert block("h-ask").select("ul.hub-list a")  # hot questions
    letters = html.select("#hub-letters tbody a")
    assert letters and all(a["href"].startswith("http://localhost/@@letters/") for a in letters)
    assert "收到来信" in block("h-figures").get_text()
    for heading_id in ("h-consult", "h-surveys", "h-interviews"):
        assert block(heading_id).select("ul.hub-list a"), heading_id


def test_a_failing_channel_leaves_its_block_out(testapp, monkeypatch, caplog):
    from govportal.interaction.hub import summary

    def broken(*args, **kwargs):
        raise RuntimeError("channel down")

    caplog.set_level(logging.ERROR)
    monkeypatch.setattr(summary, "_published", broken)
    page = testapp.get("/@@interaction")
    assert page.status_int == 200
    assert "暂无在线访谈" in page.text and "目前没有正在征集意见的草案" in page.text
    # logged, so the test above (and the site's error log) sees it
    assert any("interviews block failed" in m for m in _block_failures(caplog))


@pytest.mark.parametrize("path", ["/hdjl", "/jyj/@@interaction"])
def test_hub_is_accessible_markup(testapp, path):
    page = testapp.get(path)
    html = page.html
    assert html.find("h1") is not None
    # every section is named by its heading, every field has a label
    for section in html.select("section.hub-box"):
        assert html.find(id=section["aria-labelledby"]) is not None
    for field in html.select("main input:not([type=hidden]), main select, main textarea"):
        assert html.find("label", attrs={"for": field["id"]}) is not None


def test_column_own_items_are_listed(testapp):
    from ..interviews.helpers import resource, session

    with session(testapp, "portal_editor") as (root, request):
        from govportal.workflow import get_workflow

        column = resource(root, "/hdjl")
        doc = request.registry.content.create("Document", title="关于开展领导信箱满意度回访的通知")
        column["hdjl-notice"] = doc
        get_workflow(doc, request.registry).transition(doc, request, "submit")
    with session(testapp, "portal_reviewer") as (root, request):
        from govportal.workflow import get_workflow

        doc = resource(root, "/hdjl/hdjl-notice")
        get_workflow(doc, request.registry).transition(doc, request, "approve")
    assert "关于开展领导信箱满意度回访的通知" in testapp.get("/hdjl").text
