"""``@@selfcheck``: who sees what, 立即自查 (CSRF, permission, one entry per
distinct run), and the dashboard's summary line."""

from govportal.selfcheck import history
from tests.conftest import csrf_token, read_root


def _runs(wsgi_app):
    return read_root(wsgi_app, lambda root: len(history.runs(root)))


def test_portal_page_for_the_site_admin(browser):
    admin = browser("admin")
    res = admin.get("/@@selfcheck")
    assert "no-store" in res.headers["Cache-Control"]
    page = res.text
    assert "全国政府网站自查" in page
    assert "尚未保存过自查结果" in page  # computed live before the first run
    for title in ("门户网站", "营山县教育局", "营山县卫生健康局"):
        assert title in page
    assert "单项否决项" in page and "扣分项" in page
    assert "【B8】政策文件栏目超过6个月未更新：扣 5 分" in page
    assert "立即自查" in page


def test_run_now_keeps_one_entry_per_distinct_run(browser, wsgi_app):
    admin = browser("admin")
    page = admin.get("/@@selfcheck")
    token = csrf_token(page.text)
    res = admin.post("/@@selfcheck-run", {"csrf_token": token}, status=303)
    assert res.location.endswith("/@@selfcheck")
    assert _runs(wsgi_app) == 1
    # the same form replayed: the same results a moment later, not kept twice
    admin.post("/@@selfcheck-run", {"csrf_token": token}, status=303)
    assert _runs(wsgi_app) == 1
    page = admin.get("/@@selfcheck").text
    assert "的自查结果" in page and "<svg" in page and "历次自查得分" in page
    overview = admin.get("/@@monitoring").text
    assert "国检自查" in overview


def test_anonymous_is_sent_to_sign_in(testapp):
    res = testapp.get("/@@selfcheck", status=302)
    assert "login" in res.location
    res = testapp.get("/jyj/@@selfcheck", status=302)
    assert "login" in res.location
    testapp.post("/@@selfcheck-run", {}, status=(302, 400, 403, 404))


def test_department_editor_sees_own_site_only(browser, wsgi_app):
    editor = browser("jyj_editor")
    res = editor.get("/@@selfcheck", status=302)
    assert res.location.endswith("/jyj/@@selfcheck")
    page = editor.get("/jyj/@@selfcheck").text
    assert "营山县教育局" in page and "营山县卫生健康局" not in page
    assert "立即自查" not in page  # manage_monitoring only
    editor.get("/wjj/@@selfcheck", status=403)
    token = csrf_token(editor.get("/jyj/@@selfcheck").text)
    editor.post("/jyj/@@selfcheck-run", {"csrf_token": token}, status=403)
    assert _runs(wsgi_app) == 0


def test_forged_post_is_refused(browser, wsgi_app):
    admin = browser("admin")
    res = admin.post("/@@selfcheck-run", {}, status="*")
    assert res.status_int in (400, 403)
    res = admin.post("/@@selfcheck-run", {"csrf_token": "forged"}, status="*")
    assert res.status_int in (400, 403)
    assert _runs(wsgi_app) == 0
