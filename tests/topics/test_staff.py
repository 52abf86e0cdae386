"""The staff path of a special topic over HTTP: create (a replayed create
makes no second topic), add columns, find and pick items, define a query
with a preview that writes nothing, submit, approve by a reviewer, archive
and reopen; bad input answers 400 with a Chinese message."""

from pyramid.traversal import find_resource

from govportal.topics.queries import saved_query
from tests.conftest import read_root

from .helpers import oid_of, state_of

CREATE = {"title": "乡村振兴", "name": "xczx", "summary": "乡村振兴专题"}


def _topics(app):
    return read_root(
        app, lambda root: sorted(n for n, v in root.items() if type(v).__name__ == "SpecialTopic")
    )


def test_editor_builds_a_topic_and_reviewer_opens_it(topics_site, browser, wsgi_app, testapp):
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    for _ in range(2):  # the second is a replay: same topic, nothing new
        res = editor.post("/@@special-topics-admin", dict(CREATE, csrf_token=token), status=303)
        assert res.location.endswith("/xczx/@@topic-manage")
    assert _topics(wsgi_app) == ["fxjz2025", "xczx", "yhyshj"]
    column = {"title": "政策", "name": "zc", "position": "1", "csrf_token": token}
    for _ in range(2):
        editor.post("/xczx/@@topic-add-column", column, status=303)
    assert read_root(wsgi_app, lambda root: list(root["xczx"].keys())) == ["zc"]
    page = editor.get("/xczx/@@topic-manage")
    assert "政策" in page.text and "建设中" in page.text
    # the picker finds published items of every department by title
    found = editor.get("/xczx/zc/@@topic-column", {"words": "工作动态", "department": "wjj"})
    assert "wjj工作动态0" in found.text and "jyj工作动态0" not in found.text
    doc = oid_of(wsgi_app, "/wjj/gzdt/wjj-0/")
    pick = {"item": str(doc), "action": "pick", "csrf_token": token}
    editor.post("/xczx/zc/@@topic-pick", pick, status=303)
    editor.post("/xczx/zc/@@topic-pick", pick, status=303)  # replay
    assert "wjj工作动态0" in editor.get("/xczx/zc/@@topic-column").text
    # a query: preview first (writes nothing), then save
    query = {"departments": ["czj"], "kinds": ["news"], "date_from": "2025-01-01"}
    preview = editor.post("/xczx/zc/@@topic-query", dict(query, preview="1", csrf_token=token))
    assert "czj营商动态" in preview.text and "共 1 条" in preview.text
    column_path = "/xczx/zc/"
    assert read_root(wsgi_app, lambda r: saved_query(find_resource(r, column_path))) is None
    editor.post("/xczx/zc/@@topic-query", dict(query, csrf_token=token), status=303)
    saved = read_root(wsgi_app, lambda r: saved_query(find_resource(r, column_path)))
    assert saved["departments"] == ("czj",) and saved["kinds"] == ("news",)
    testapp.get("/xczx/zc/", status=404)  # still a draft
    editor.post("/xczx/@@transition", {"transition": "submit", "csrf_token": token}, status=303)
    reviewer = browser("portal_reviewer")
    rtoken = reviewer.csrf("/@@workspace")
    assert "审核通过并开设" in reviewer.get("/xczx/@@topic-manage").text
    reviewer.post("/xczx/@@transition", {"transition": "approve", "csrf_token": rtoken}, status=303)
    assert state_of(wsgi_app, "/xczx/") == "open"
    main = str(testapp.get("/xczx/zc/").html.find("main"))
    assert "/wjj/gzdt/wjj-0/" in main and "/czj/gzdt/czj-0/" in main
    assert "乡村振兴" in testapp.get("/@@zhuanti").text
    assert "管理本专题" in editor.get("/xczx/").text
    assert "管理本专题" not in testapp.get("/xczx/").text
    assert "管理专题" in editor.get("/@@zhuanti").text
    assert "管理专题" not in testapp.get("/@@zhuanti").text
    # the auditor follows without changing anything
    auditor = browser("auditor")
    assert auditor.get("/xczx/@@topic-manage").status_int == 200


def test_bad_input_is_refused_in_chinese(topics_site, browser, wsgi_app):
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    cases = [
        ("/@@special-topics-admin", {"title": "x", "name": "ok-name"}, "专题名称应为2至60个字"),
        ("/@@special-topics-admin", {"title": "好专题", "name": "坏名字"}, "网址名应为"),
        ("/@@special-topics-admin", {"title": "好专题", "name": "yhyshj"}, "已被使用"),
        ("/yhyshj/@@topic-edit", {"title": "优化营商环境", "position": "x"}, "排序应为整数"),
        ("/yhyshj/@@topic-add-column", {"title": "", "name": "ab"}, "栏目名称应为"),
        ("/yhyshj/zccs/@@topic-query", {"date_from": "2026-13-01"}, "格式应为"),
        (
            "/yhyshj/zccs/@@topic-query",
            {"date_from": "2026-02-01", "date_to": "2026-01-01"},
            "开始日期不能晚于结束日期",
        ),
        ("/yhyshj/zccs/@@topic-query", {"departments": "mars"}, "请选择本站群的部门"),
        ("/yhyshj/zccs/@@topic-query", {"kinds": "nope"}, "请选择有效的栏目类型"),
    ]
    for path, data, message in cases:
        res = editor.post(path, dict(data, csrf_token=token), status=400)
        assert message in res.text, (path, data)
    assert _topics(wsgi_app) == ["fxjz2025", "yhyshj"]
    assert read_root(wsgi_app, lambda r: r["yhyshj"].position) == 100
    assert read_root(wsgi_app, lambda r: list(r["yhyshj"].keys())) == ["bmdt", "zccs"]


def test_columns_are_renamed_and_reordered(topics_site, browser, wsgi_app, testapp):
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    data = {"title": "各部门动态", "position": "0", "csrf_token": token}
    for _ in range(2):  # the replay changes nothing
        editor.post("/yhyshj/bmdt/@@topic-column-edit", data, status=303)
    main = str(testapp.get("/yhyshj/").html.find("main"))
    assert main.index("各部门动态") < main.index("政策措施")
    res = editor.post("/yhyshj/bmdt/@@topic-column-edit", dict(data, position="-1"), status=400)
    assert "排序应为整数" in res.text
    browser("jyj_editor").post(
        "/yhyshj/bmdt/@@topic-column-edit", dict(data, title="抢改"), status=403
    )
    assert read_root(wsgi_app, lambda r: r["yhyshj"]["bmdt"].title) == "各部门动态"


def test_workspace_leads_the_portal_staff_to_the_topics(topics_site, browser):
    link = 'href="http://localhost/@@special-topics-admin"'
    assert link in browser("portal_editor").get("/@@workspace").text
    assert link not in browser("jyj_editor").get("/@@workspace").text


def _audited(app):
    with app.registry.govportal_audit.reading() as log:
        return [
            (e.data.get("target"), e.data.get("details", {}).get("change"))
            for e in log.entries.values()
            if e.data["action"] == "specialtopic"
        ]


def test_changes_are_audited_once(topics_site, browser, wsgi_app):
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    doc = oid_of(wsgi_app, "/wjj/gzdt/wjj-0/")
    posts = [
        ("/@@special-topics-admin", CREATE),
        ("/xczx/@@topic-add-column", {"title": "政策", "name": "zc"}),
        ("/xczx/zc/@@topic-pick", {"item": str(doc), "action": "pick"}),
        ("/xczx/zc/@@topic-query", {"departments": "czj"}),
        ("/xczx/zc/@@topic-pick", {"item": str(doc), "action": "unpick"}),
    ]
    for path, data in posts:
        for _ in range(2):  # replays record nothing
            editor.post(path, dict(data, csrf_token=token), status=303)
    assert _audited(wsgi_app) == [
        ("/xczx", "create"),
        ("/xczx/zc", "add_column"),
        ("/xczx/zc", "pick"),
        ("/xczx/zc", "query"),
        ("/xczx/zc", "unpick"),
    ]
