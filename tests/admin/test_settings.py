"""管理 → 站点设置 and 发布检查词表 through HTTP: the portal's and a
department's settings, the word lists in the database (limits, malformed
lines, forged posts), and nothing written under the source checkout."""

import pytest

from govportal.checks.words import MAX_LIST_CHARS, STORE_ATTR, get_word_lists
from govportal.security.events import ActionRecorded
from govportal.settings import SOURCE_ROOT
from tests.conftest import csrf_token, read_root

JSON = {"Accept": "application/json"}


@pytest.fixture
def actions(wsgi_app):
    seen = []
    wsgi_app.registry.registerHandler(lambda e: seen.append(e), (ActionRecorded,))
    return seen


def etc_snapshot():
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in (SOURCE_ROOT / "etc").rglob("*")
        if p.is_file()
    }


def form_of(res, formid):
    return res.forms[formid]


# -- settings ------------------------------------------------------------------------------


def test_portal_settings_are_edited_in_our_own_form(client, wsgi_app, actions):
    admin = client("site_admin")
    res = admin.get("/@@admin-settings")
    assert "合法名称" in res.text and "style=" not in res.text
    form = form_of(res, "settings")
    form["contact_phone"] = "0817-8888888"
    form["domain"] = "evil.example.com"
    res = form.submit("save", status=400)
    assert ".gov.cn" in res.text
    assert read_root(wsgi_app, lambda r: r.domain) == "www.yingshan.gov.cn"
    form = form_of(res, "settings")
    form["domain"] = "www.yingshan.gov.cn"
    form.submit("save", status=303)
    assert read_root(wsgi_app, lambda r: r.contact_phone) == "0817-8888888"
    changes = [(a.action, a.target) for a in actions if a.action == "settings.change"]
    assert changes == [("settings.change", "contact_phone")]
    assert "0817-8888888" in admin.get("/@@about").text or "0817-8888888" in admin.get("/").text


def test_department_contact_details_are_edited_and_shown(client, wsgi_app, testapp):
    assert "0817-8201234" not in testapp.get("/jyj/").text  # now in the render cache
    admin = client("site_admin")
    form = form_of(admin.get("/jyj/@@admin-settings"), "settings")
    form["contact_phone"] = "0817-8201234"
    form["contact_address"] = "营山县朗池镇教育路8号"
    form["office_hours"] = "工作日 8:30—12:00，14:30—17:30"
    form["contact_email"] = "not-an-email"
    form.submit("save", status=400)
    form["contact_email"] = "jyj@yingshan.gov.cn"
    form.submit("save", status=303)
    page = testapp.get("/jyj/").text  # a visitor: the cached page was replaced
    for text in ("0817-8201234", "营山县朗池镇教育路8号", "工作日 8:30", "jyj@yingshan.gov.cn"):
        assert text in page
    # the department's name is unchanged; a forged post changes nothing
    admin.post("/jyj/@@admin-settings", {"title": "改名", "save": "save"}, status=400)
    assert read_root(wsgi_app, lambda r: r["jyj"].title) == "营山县教育局"


# -- word lists ---------------------------------------------------------------------------------


def words_form(admin):
    res = admin.get("/@@admin-words")
    assert "禁止发布词" in res.text and "领导姓名与职务" in res.text
    return form_of(res, "words")


def db_lists(app):
    def read(root):
        store = getattr(root, STORE_ATTR)
        lists = get_word_lists(app.registry, root)
        return store.version, "新禁词" in lists.blocked, len(lists.leaders)

    return read_root(app, read)


def test_word_lists_are_edited_in_the_database(client, wsgi_app, actions):
    etc = etc_snapshot()
    admin = client("site_admin")
    version, has, _leaders = db_lists(wsgi_app)
    assert not has
    form = words_form(admin)
    form["blocked"] = form["blocked"].value + "\n新禁词\n"
    form["leaders"] = "张三 => 县委书记\n李四 => 县长\n"
    res = form.submit("save", status=303)
    assert db_lists(wsgi_app) == (version + 1, True, 2)
    form.submit("save", status=303)  # the same POST again: nothing stored or recorded
    assert db_lists(wsgi_app) == (version + 1, True, 2)
    assert len([a for a in actions if a.action == "settings.change"]) == 1
    assert etc_snapshot() == etc  # nothing under the source checkout was written
    record = [a for a in actions if a.action == "settings.change"][-1]
    assert record.target == "words" and record.details["leaders"] == 2
    assert "新禁词" not in str(record.details)  # counts, not the words
    res = admin.get(res.location)
    assert "词表已保存" in res.text


def test_bad_word_lists_are_refused_and_nothing_is_stored(client, wsgi_app):
    admin = client("site_admin")
    before = db_lists(wsgi_app)
    form = words_form(admin)
    form["typos"] = "按排 => 安排\n没有建议的错词\n"
    res = form.submit("save", status=400)
    assert "常见错别字第2行" in res.text
    form = words_form(admin)
    form["blocked"] = "词" * (MAX_LIST_CHARS + 1)
    res = form.submit("save", status=400)
    assert "最多" in res.text
    form = words_form(admin)
    form["warning"] = "词\n" * 6000
    res = form.submit("save", headers=JSON, status=400)
    assert res.json["ok"] is False and any("5000" in e for e in res.json["errors"])
    admin.post("/@@admin-words", {"blocked": "x", "save": "save"}, status=400)  # no CSRF token
    token = csrf_token(admin.get("/@@admin-words").text)
    editor = client("editor")
    editor.post(
        "/@@admin-words", {"blocked": "x", "save": "save", "csrf_token": token}, status=(400, 403)
    )
    assert db_lists(wsgi_app) == before
