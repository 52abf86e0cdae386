"""我的稿件, 待我审核 and 新建 show each user their own department's items only."""

from .helpers import create, open_and_lock, transition


def test_lists_show_own_department_only(browser, editor, reviewer):
    mine = create(editor, title="教育局：校园安全检查通知")
    submitted = create(editor, title="教育局：暑期安全提示")
    transition(editor, submitted, "submit", "请审核")
    wjj_editor = browser("wjj_editor")
    other = create(wjj_editor, column="/wjj/gzdt/", title="卫健局：健康义诊活动")
    transition(wjj_editor, other, "submit")

    page = editor.get("/@@workspace")
    drafts = page.html.find("h3", id="st-draft").find_next("table")
    in_review = page.html.find("h3", id="st-review").find_next("table")
    assert "校园安全检查通知" in drafts.text and "暑期安全提示" not in drafts.text
    assert "暑期安全提示" in in_review.text
    assert "卫健局" not in page.text
    # 新建 offers the education bureau's columns, never another department's
    options = [o["value"] for o in page.html.select("#ws-new-column option")]
    assert "/jyj/gzdt/" in options
    assert not [o for o in options if not o.startswith("/jyj/")]
    assert "待我审核" not in page.text  # editors review nothing

    queue = reviewer.get("/@@workspace").html.find(id="ws-review-table")
    assert "暑期安全提示" in queue.text
    assert "校园安全检查通知" not in queue.text  # a draft is not awaiting review
    assert "卫健局" not in queue.text
    assert "0 天 0 小时" in queue.text
    assert "jyj_editor" in queue.text

    wjj_queue = browser("wjj_reviewer").get("/@@workspace").html.find(id="ws-review-table")
    assert "健康义诊" in wjj_queue.text and "暑期安全提示" not in wjj_queue.text
    portal = browser("portal_reviewer").get("/@@workspace").text
    assert "暑期安全提示" not in portal and "健康义诊" not in portal

    # another department's forms and items stay closed
    editor.get("/wjj/gzdt/@@ws-add", status=(403, 404))
    editor.get(other + "@@ws-edit", status=(403, 404))
    editor.get(other + "@@ws-item", status=(403, 404))
    assert mine


def test_review_queue_is_oldest_first(editor, reviewer):
    first = create(editor, title="第一份送审稿")
    second = create(editor, title="第二份送审稿")
    transition(editor, second, "submit")
    transition(editor, first, "submit")
    rows = reviewer.get("/@@workspace").html.select("#ws-review-table tbody tr")
    titles = [r.find("a").text for r in rows]
    assert titles.index("第二份送审稿") < titles.index("第一份送审稿")
    # indicators: the check report stored on submit, and the edit lock
    open_and_lock(reviewer, first)
    rows = reviewer.get("/@@workspace").html.select("#ws-review-table tbody tr")
    row = {r.find("a").text: r for r in rows}
    assert row["第二份送审稿"].find("td", {"data-label": "检查"}).text.strip() == "通过"
    assert "jyj_reviewer 正在编辑" in row["第一份送审稿"].find("td", {"data-label": "锁定"}).text
    assert not row["第二份送审稿"].find("td", {"data-label": "锁定"}).text.strip()


def test_anonymous_is_sent_to_login(testapp):
    """To our sign-in form (never the SDI's), which comes back to the page."""
    res = testapp.get("/@@workspace", status=302)
    assert res.location == "http://localhost/@@login?came_from=%2F%40%40workspace"
    page = res.follow(status=200)
    (form,) = [f for f in page.forms.values() if "came_from" in f.fields]
    assert form["came_from"].value == "/@@workspace"


def test_my_items_are_the_ones_i_created_or_last_edited(wsgi_app, editor, reviewer):
    """我的稿件 comes from the catalog's ``editors`` index (creator and last
    editor): the creator keeps an item another user edited, the last editor
    gets it, and items of colleagues are not listed."""
    from govportal.bootstrap import site_session

    path = create(editor, title="教育局：秋季开学准备通知")
    transition(editor, path, "submit")
    form = reviewer.get(path + "@@ws-edit").forms["ws-document"]
    form["title"] = "教育局：秋季开学准备工作的通知"
    assert form.submit("save").status_int in (302, 303)
    with site_session(wsgi_app.registry) as (zodb_root, request):
        column = zodb_root["app_root"]["jyj"]["gzdt"]
        column["colleague"] = request.registry.content.create(
            "Document", title="同事起草的稿件", creator=99, last_editor=99
        )

    def review_table(client):
        return client.get("/@@workspace").html.find("h3", id="st-review").find_next("table")

    assert "秋季开学准备工作的通知" in review_table(editor).text  # created it
    assert "秋季开学准备工作的通知" in review_table(reviewer).text  # edited it last
    drafts = editor.get("/@@workspace").html.find("h3", id="st-draft").find_next("table")
    assert "同事起草的稿件" not in drafts.text
    # the index holds both people, so the list needs no walk of the department
    from pyramid.traversal import find_resource
    from substanced.util import find_catalog, get_oid

    from tests.conftest import read_root

    def indexed(root):
        doc = find_resource(root, path)
        users = root["principals"]["users"]
        found = find_catalog(root, "govportal")["editors"].any(
            [str(get_oid(users["jyj_reviewer"]))]
        )
        return get_oid(doc) in set(found.execute().ids), getattr(doc, "creator", None) == get_oid(
            users["jyj_editor"]
        )

    assert read_root(wsgi_app, indexed) == (True, True)
