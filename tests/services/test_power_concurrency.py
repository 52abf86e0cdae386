"""16 editors' forms adding 权力清单 items to one column at the same moment,
then every form posted again: 16 drafts, each once; a replay answers the
first draft."""

import re
import threading

import webtest

from govportal.services.power import IPowerItem

from ..conftest import read_root

WRITERS = 16


def client_like(browser, wsgi_app):
    """A client of its own (threads do not share one) with the same session."""
    client = webtest.TestApp(wsgi_app)
    for name, value in browser.app.cookies.items():
        client.set_cookie(name, value)
    return client


def test_sixteen_concurrent_additions_and_replays(wsgi_app, browser):
    editor = browser("jyj_editor")
    forms = []
    for n in range(WRITERS):
        client = client_like(editor, wsgi_app)
        page = client.get("/jyj/qlqd/@@add-power", status=200)
        token = re.search(r'name="submission_token" value="([^"]+)"', page.text).group(1)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        data = {
            "csrf_token": csrf,
            "submission_token": token,
            "title": f"行政许可事项{n}",
            "power_type": "licence",
            "step_rows": "3",
            "flow-0-title": "受理",
        }
        forms.append((client, data))
    barrier = threading.Barrier(WRITERS)
    results = {}

    def post(n, replay):
        client, data = forms[n]
        barrier.wait()
        res = client.post("/jyj/qlqd/@@add-power", data, status="*")
        results[(n, replay)] = (res.status_int, res.location)

    for replay in (False, True):
        threads = [threading.Thread(target=post, args=(n, replay)) for n in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
    firsts = {results[(n, False)] for n in range(WRITERS)}
    assert {status for status, _location in firsts} == {303}
    assert len({location for _status, location in firsts}) == WRITERS
    for n in range(WRITERS):
        assert results[(n, True)] == results[(n, False)]

    def titles(root):
        column = root["jyj"]["qlqd"]
        return sorted(v.title for v in column.values() if IPowerItem.providedBy(v))

    assert read_root(wsgi_app, titles) == sorted(f"行政许可事项{n}" for n in range(WRITERS))


def test_sixteen_concurrent_edits_of_one_item(wsgi_app, browser):
    """Forms opened on the same version: one save wins, the others are stale
    (409) and overwrite nothing; posting the winner again is stale too."""
    editor = browser("jyj_editor")
    page = editor.get("/jyj/qlqd/@@add-power", status=200)
    token = re.search(r'name="submission_token" value="([^"]+)"', page.text).group(1)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    data = {"csrf_token": csrf, "submission_token": token, "title": "原标题", "step_rows": "0"}
    location = editor.post("/jyj/qlqd/@@add-power", data, status=303).location
    form = editor.get(location).text
    serial = re.search(r'name="serial" value="([^"]+)"', form).group(1)
    clients = [client_like(editor, wsgi_app) for _n in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)
    results = {}

    def save(n):
        fields = {"csrf_token": csrf, "serial": serial, "title": f"修改{n}", "step_rows": "0"}
        barrier.wait()
        results[n] = clients[n].post(location, fields, status="*").status_int

    threads = [threading.Thread(target=save, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results.values()) == [303] + [409] * (WRITERS - 1)
    winner = next(n for n, status in results.items() if status == 303)
    replay = {"csrf_token": csrf, "serial": serial, "title": f"修改{winner}", "step_rows": "0"}
    editor.post(location, replay, status=409)

    def titles(root):
        column = root["jyj"]["qlqd"]
        return [v.title for v in column.values() if IPowerItem.providedBy(v)]

    assert read_root(wsgi_app, titles) == [f"修改{winner}"]
