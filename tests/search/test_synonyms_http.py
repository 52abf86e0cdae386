"""管理 → 检索同义词 through HTTP: the dictionary edited in the database is what
the site search uses at once; replays, bad texts and other roles store nothing."""

from govportal.search.synonyms import STORE_ATTR
from govportal.security.events import ActionRecorded
from tests.conftest import read_root

from .conftest import results

JSON = {"Accept": "application/json"}


def found(client, q):
    return [p for p, _t in results(client.get("/search", {"q": q}, status=200))]


def stored(app):
    def read(root):
        store = getattr(root, STORE_ATTR, None)
        return (store.version, store.text) if store is not None else (0, None)

    return read_root(app, read)


def test_an_entry_saved_in_admin_is_used_by_the_site_search(staff, browser, testapp, wsgi_app):
    actions = []
    wsgi_app.registry.registerHandler(actions.append, (ActionRecorded,))
    path = staff.publish("城区停车场收费标准公示", "<p>停车场收费标准。</p>")
    assert found(testapp, "停车费") == []
    assert found(testapp, "社保卡") == found(testapp, "社会保障卡")  # the seed is in use
    admin = browser("admin")
    assert "/@@admin-synonyms" in admin.get("/@@admin").text
    res = admin.get("/@@admin-synonyms")
    assert "社会保障卡, 社保卡" in res.text  # the seed, until first saved
    form = res.forms["synonyms"]
    form["text"] = form["text"].value + "\n停车费 => 停车场收费\n"
    res = form.submit("save", status=303)
    version, text = stored(wsgi_app)
    assert version == 1 and "停车费 => 停车场收费" in text
    assert found(testapp, "停车费") == [path]
    assert found(testapp, "停车费怎么收") == [path]
    page = testapp.get("/search", {"q": "停车费"})
    assert "已同时查找同义词：停车费（停车场收费）" in page.text
    form.submit("save", status=303)  # the same POST again: answered from the ledger
    assert stored(wsgi_app)[0] == 1
    changes = [a for a in actions if a.action == "settings.change" and a.target == "synonyms"]
    assert len(changes) == 1 and changes[0].details["terms"] > 50
    assert "已保存" in admin.get(res.location).text
    page = admin.get("/@@admin-synonyms", {"try": "停车费怎么收"})
    assert "停车费 | 停车场收费" in page.text and "问句" in page.text


def test_bad_texts_and_other_roles_store_nothing(browser, wsgi_app):
    admin = browser("admin")
    form = admin.get("/@@admin-synonyms").forms["synonyms"]
    form["text"] = "社保卡\n"
    res = form.submit("save", status=400)
    assert "第 1 行" in res.text and "至少要写两个" in res.text
    form = admin.get("/@@admin-synonyms").forms["synonyms"]
    form["text"] = "甲 => 乙 => 丙\n"
    res = form.submit("save", headers=JSON, status=400)
    assert res.json["ok"] is False and any("=>" in e for e in res.json["errors"])
    admin.post("/@@admin-synonyms", {"text": "甲, 乙", "save": "save"}, status=400)  # no CSRF
    editor = browser("jyj_editor")
    editor.get("/@@admin-synonyms", status=403)
    assert stored(wsgi_app) == (0, None)
