"""Writing service guides at the same time and twice: 16 editors creating
guides in one column, 16 uploads to one guide (each posted twice, a double
click), replayed forms — every write stored exactly once."""

import threading

import webtest
from pyramid.traversal import find_resource

from tests.conftest import read_root

from .guide_helpers import COLUMN, COMPLETE, docx_bytes, form_fields, hidden, new_guide


def test_sixteen_concurrent_editors_create_guides_once_each(wsgi_app, browser):
    """16 editors' sessions post the add form at the same moment, each twice
    (a double click): 16 guides, each POST answered with its own guide."""
    clients, pages = [], []
    for _ in range(16):
        client = browser("jyj_editor")
        clients.append(client)
        pages.append(client.get(COLUMN + "@@ws-add-guide"))
    barrier = threading.Barrier(16, timeout=60)
    results, errors = {}, []
    lock = threading.Lock()

    def run(i):
        client, page = clients[i], pages[i]
        values = dict(COMPLETE, title=f"并发新建的办事指南 {i}")
        fields = form_fields(
            values,
            hidden(page.text, "csrf_token"),
            token=hidden(page.text, "submission_token"),
        )
        app = webtest.TestApp(wsgi_app, cookiejar=client.app.cookiejar)
        try:
            barrier.wait()
            first = app.post(COLUMN + "@@ws-add-guide", fields, status="*")
            second = app.post(COLUMN + "@@ws-add-guide", fields, status="*")
            with lock:
                results[i] = (first.status_int, first.location, second.status_int, second.location)
        except Exception as e:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert errors == []
    assert len(results) == 16
    for status1, loc1, status2, loc2 in results.values():
        assert (status1, status2) == (303, 303) and loc1 == loc2
    assert len({r[1] for r in results.values()}) == 16

    def titles(root):
        column = root["jyj"]["bszn"]
        return sorted(g.title for n, g in column.items() if n.startswith("bszn-"))

    assert read_root(wsgi_app, titles) == sorted(f"并发新建的办事指南 {i}" for i in range(16))


def test_replayed_add_makes_no_second_guide(wsgi_app, browser):
    editor = browser("jyj_editor")
    page = editor.get(COLUMN + "@@ws-add-guide")
    fields = form_fields(
        COMPLETE, hidden(page.text, "csrf_token"), token=hidden(page.text, "submission_token")
    )
    first = editor.post(COLUMN + "@@ws-add-guide", fields, status=303)
    again = editor.post(COLUMN + "@@ws-add-guide", fields, status=303)
    assert first.location == again.location
    count = read_root(
        wsgi_app, lambda root: sum(1 for n in root["jyj"]["bszn"] if n.startswith("bszn-"))
    )
    assert count == 1
    # without a token nothing is created
    editor.post(
        COLUMN + "@@ws-add-guide", [f for f in fields if f[0] != "submission_token"], status=400
    )


def _attachment_count(wsgi_app, path):
    return read_root(wsgi_app, lambda root: len(find_resource(root, path).attachments()))


def test_replayed_upload_stores_one_file(wsgi_app, browser):
    editor = browser("jyj_editor")
    path = new_guide(editor)
    page = editor.get(path + "@@ws-edit")
    fields = {
        "csrf_token": hidden(page.text, "csrf_token"),
        "submission_token": hidden(page.text, "submission_token"),
        "action": "upload",
        "title": "申请表",
    }
    files = [("upload", "申请表.docx", docx_bytes())]
    editor.post(path + "@@ws-guide-file", fields, upload_files=files, status=303)
    editor.post(path + "@@ws-guide-file", fields, upload_files=files, status=303)
    assert _attachment_count(wsgi_app, path) == 1
    del fields["submission_token"]
    editor.post(path + "@@ws-guide-file", fields, upload_files=files, status=400)
    assert _attachment_count(wsgi_app, path) == 1


def test_sixteen_concurrent_uploads_to_one_guide(wsgi_app, browser):
    """16 sessions of the editor upload a file to one guide at the same
    moment, each twice (a double click): 16 attachments, no error."""
    editor = browser("jyj_editor")
    path = new_guide(editor)
    clients = [browser("jyj_editor") for _ in range(16)]
    pages = [c.get(path + "@@ws-edit") for c in clients]
    barrier = threading.Barrier(16, timeout=60)
    statuses, errors = [], []
    lock = threading.Lock()

    def run(i):
        fields = {
            "csrf_token": hidden(pages[i].text, "csrf_token"),
            "submission_token": hidden(pages[i].text, "submission_token"),
            "action": "upload",
            "title": f"表格 {i}",
        }
        app = webtest.TestApp(wsgi_app, cookiejar=clients[i].app.cookiejar)
        files = [("upload", f"表格{i}.docx", docx_bytes())]
        try:
            barrier.wait()
            for _ in range(2):
                res = app.post(path + "@@ws-guide-file", fields, upload_files=files, status="*")
                with lock:
                    statuses.append(res.status_int)
        except Exception as e:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(e))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    assert errors == [] and statuses == [303] * 32

    def titles(root):
        return sorted(a.title for a in find_resource(root, path).attachments())

    assert read_root(wsgi_app, titles) == sorted(f"表格 {i}" for i in range(16))
