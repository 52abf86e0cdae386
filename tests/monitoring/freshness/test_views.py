"""The dashboard pages: who sees what, the columns table, 立即运行."""

import pytest

from tests.conftest import csrf_token
from tests.monitoring.freshness.helpers import publish


def test_anonymous_is_sent_to_sign_in(testapp):
    for path in ("/@@monitoring", "/jyj/@@monitoring", "/@@monitoring-site"):
        res = testapp.get(path, status=302)
        assert "/@@login?" in res.location


def test_anonymous_run_refused(testapp):
    res = testapp.post("/@@monitoring-run", {"task": "freshness"}, status="*")
    assert res.status_int in (400, 403, 404)


def test_department_editor_sees_own_site_only(browser):
    b = browser("jyj_editor")
    res = b.get("/@@monitoring", status=302)
    assert res.location.endswith("/jyj/@@monitoring")
    page = b.get("/jyj/@@monitoring")
    cache = page.headers["Cache-Control"]
    assert "private" in cache and "no-store" in cache
    assert "运行监测：营山县教育局" in page.text
    assert 'id="freshness-columns"' in page.text
    assert "工作动态" in page.text and "空白栏目" in page.text
    assert "立即运行" not in page.text
    b.get("/wjj/@@monitoring", status=403)
    b.get("/@@monitoring-site", status=403)


def test_department_editor_cannot_run_tasks(browser):
    b = browser("jyj_editor")
    token = b.csrf("/jyj/@@monitoring")
    b.post("/@@monitoring-run", {"task": "freshness", "csrf_token": token}, status=403)


def test_admin_sees_every_site_and_runs_a_task(browser, wsgi_app):
    publish(wsgi_app, "/czj/gfxwj", 200, name="old-policy")
    b = browser("admin")
    page = b.get("/@@monitoring")
    for title in ("门户网站", "营山县教育局", "营山县财政局", "营山县卫生健康局"):
        assert title in page.text
    assert "内容更新" in page.text and "单项否决" in page.text and "排名" in page.text
    assert "目前没有未关闭的告警" in page.text
    assert 'name="task" value="freshness"' in page.text
    token = csrf_token(page.text)
    # a forged POST (no token) is refused and runs nothing
    forged = b.post("/@@monitoring-run", {"task": "freshness"}, status="*")
    assert forged.status_int in (400, 403)
    assert "目前没有未关闭的告警" in b.get("/@@monitoring").text
    res = b.post("/@@monitoring-run", {"task": "freshness", "csrf_token": token}, status=302)
    assert res.location.endswith("/@@monitoring")
    page = b.get("/@@monitoring")
    assert "已运行“栏目更新检查”" in page.text
    assert "营山县财政局首页更新：首页 200 天未更新" in page.text
    site = b.get("/czj/@@monitoring")
    assert "规范性文件" in site.text and "超期未更新" in site.text and "200" in site.text
    assert "营山县财政局栏目更新" in site.text  # the site's open alarms
    portal = b.get("/@@monitoring-site")
    assert "运行监测：门户网站" in portal.text


@pytest.mark.parametrize("task", ["nothing", ""])
def test_unknown_task_is_a_bad_request(browser, task):
    b = browser("admin")
    token = b.csrf("/@@monitoring")
    b.post("/@@monitoring-run", {"task": task, "csrf_token": token}, status=400)


def test_admin_home_links_to_the_dashboard(browser):
    own = browser("jyj_editor").get("/@@admin").text
    assert 'href="http://localhost/jyj/@@monitoring"' in own
    assert "/wjj/@@monitoring" not in own and 'href="http://localhost/@@monitoring"' not in own
    admin = browser("admin").get("/@@admin").text
    assert 'href="http://localhost/@@monitoring"' in admin
