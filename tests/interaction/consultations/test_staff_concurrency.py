"""The staff's write paths of 意见征集 under 16 concurrent writers (real
threaded waitress, real threads), each writer posting twice (a double
click or a retried request):

- ``@@ws-add-consultation``: 16 drafts, each stored once;
- ``@@ws-edit`` of one draft with the same stale-form serial: one save,
  every other post (the winner's replay too) refused 409;
- ``@@ws-consultation-file``: 16 files, each stored once;
- ``@@ws-add-report`` of one closed consultation: one report, linked once;
- the report's ``@@ws-edit``: one save, the others 409;
- ``@@moderate``: 16 comments shown at once, each shown once.
"""

import collections
import http.client
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import webtest
from substanced.util import get_oid

from govportal import sitetime
from govportal.interaction.consultations.model import report_of
from govportal.interaction.contributions.model import find_box
from govportal.workflow import get_workflow
from govportal.workflow.history import get_history
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, signed_in

from ...conftest import Browser, read_root
from .helpers import OPEN, TOKEN, fill_form, post_comment, write_values

COLUMN = "/hdjl/yjzj/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: signed-in sessions shared by the 16 threads (a login each would be slow)
SESSIONS = 4


@pytest.fixture
def served(app_settings, monkeypatch):
    from tests.concurrency.writers import served_app

    # 16 clients on a shared 2-core machine: answers may take a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    rate = {"govportal.interaction.contribution_rate": "1000/60"}
    with served_app(app_settings, "consultation-staff-server", **rate) as served:
        yield served


def node_at(root, path):
    node = root
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def forms_of(response):
    """The forms of a page fetched by a raw client (parsed by webtest)."""
    page = webtest.TestResponse(body=response.body, content_type="text/html", charset="utf-8")
    return page.forms


def path_of(location):
    return urlsplit(location).path


def sessions(port, login="portal_editor"):
    return [signed_in(port, login) for _ in range(SESSIONS)]


def new_draft(app, title):
    """A consultation draft written through the add form; its path."""
    editor = Browser(app).login("portal_editor")
    form = editor.get(COLUMN + "@@ws-add-consultation").forms["ws-consultation"]
    today = sitetime.today()
    fill_form(form, title, today, today + timedelta(days=10))
    res = form.submit("save", status=303)
    return path_of(res.location).replace("/@@ws-item", "")


def twice(client, path, fields):
    """Post ``fields`` twice; yield the statuses and locations."""
    for _ in range(2):
        response = client.post(path, fields)
        yield response.status, response.headers.get("Location")


def multipart(client, path, fields, filename, data):
    """POST ``fields`` and one file (``upload``) as multipart/form-data."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; '
        f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
    }
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=180.0)
    try:
        conn.request("POST", path, body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


@quiet_server
def test_sixteen_new_drafts_each_stored_once(served):
    app, port = served
    clients = sessions(port)
    marker = "并发新建"

    def prepare(i):
        client = clients[i % SESSIONS]
        form = forms_of(client.get(COLUMN + "@@ws-add-consultation"))["ws-consultation"]
        today = sitetime.today()
        fill_form(form, f"{marker}第{i}号意见征集", today, today + timedelta(days=10))
        return client, form.submit_fields("save")

    def send(i, prepared):
        client, fields = prepared
        for answer in twice(client, COLUMN + "@@ws-add-consultation", fields):
            yield i, answer

    answers = at_once(WRITERS, send, prepare)
    locations = set()
    for i in range(WRITERS):
        (s1, l1), (s2, l2) = answers[i]
        assert s1 == s2 == 303 and l1 == l2, answers[i]
        locations.add(path_of(l1))
    assert len(locations) == WRITERS

    def stored(root):
        column = node_at(root, COLUMN)
        return sorted(v.title for v in column.values() if marker in (v.title or ""))

    assert read_root(app, stored) == sorted(f"{marker}第{i}号意见征集" for i in range(WRITERS))


def _one_save(answers):
    statuses = collections.Counter(s for i in range(WRITERS) for s, _location in answers[i])
    assert statuses == {303: 1, 409: 2 * WRITERS - 1}, statuses
    return next(i for i in range(WRITERS) if answers[i][0][0] == 303)


@quiet_server
def test_sixteen_saves_of_one_draft_store_one(served):
    app, port = served
    path = new_draft(app, "并发修改的意见征集")
    clients = sessions(port)

    def prepare(i):
        client = clients[i % SESSIONS]
        form = forms_of(client.get(path + "/@@ws-edit"))["ws-consultation"]
        form["title"] = f"第{i}位编辑改过的标题"
        return client, form.submit_fields("save")

    def send(i, prepared):
        client, fields = prepared
        for answer in twice(client, path + "/@@ws-edit", fields):
            yield i, answer

    winner = _one_save(at_once(WRITERS, send, prepare))
    assert read_root(app, lambda root: node_at(root, path).title) == f"第{winner}位编辑改过的标题"


@quiet_server
def test_sixteen_uploads_each_stored_once(served):
    app, port = served
    path = new_draft(app, "并发上传文件的意见征集")
    clients = sessions(port)

    def prepare(i):
        client = clients[i % SESSIONS]
        form = forms_of(client.get(path + "/@@ws-edit"))["ws-consultation-upload"]
        form["title"] = f"附件{i:02d}"
        fields = [(k, v) for k, v in form.submit_fields() if k != "upload"]
        return client, fields

    def send(i, prepared):
        client, fields = prepared
        for _ in range(2):
            yield i, multipart(client, path + "/@@ws-consultation-file", fields, f"d{i}.pdf", PDF)

    answers = at_once(WRITERS, send, prepare)
    assert all(answers[i] == [303, 303] for i in range(WRITERS)), dict(answers)

    def titles(root):
        return sorted(a.title for a in node_at(root, path).attachments())

    assert read_root(app, titles) == [f"附件{i:02d}" for i in range(WRITERS)]


@quiet_server
def test_sixteen_report_posts_make_one_report(served):
    app, port = served
    write_values(app, OPEN, closes_on=sitetime.today() - timedelta(days=1))
    clients = sessions(port)

    def prepare(i):
        client = clients[i % SESSIONS]
        page = client.get(OPEN + "/@@ws-item")
        token = TOKEN.search(page.text.split('id="add-report"', 1)[1]).group(1)
        return client, {"csrf_token": client.token, "submission_token": token}

    def send(i, prepared):
        client, fields = prepared
        for answer in twice(client, OPEN + "/@@ws-add-report", fields):
            yield i, answer

    answers = at_once(WRITERS, send, prepare)
    created = [i for i in range(WRITERS) if answers[i][0][0] == 303]
    assert len(created) == 1, dict(answers)
    (s1, l1), (s2, l2) = answers[created[0]]
    assert s1 == s2 == 303 and l1 == l2  # the replay: answered from the ledger
    for i in set(range(WRITERS)) - set(created):
        assert [s for s, _location in answers[i]] == [400, 400], answers[i]

    def reports(root):
        consultation = node_at(root, OPEN)
        oid = get_oid(consultation)
        linked = [
            v for v in consultation.__parent__.values() if getattr(v, "consultation_oid", 0) == oid
        ]
        return len(linked), report_of(consultation) is linked[0]

    assert read_root(app, reports) == (1, True)


@quiet_server
def test_sixteen_saves_of_one_report_store_one(served):
    app, port = served
    write_values(app, OPEN, closes_on=sitetime.today() - timedelta(days=1))
    editor = Browser(app).login("portal_editor")
    page = editor.get(OPEN + "/@@ws-item")
    token = TOKEN.search(page.text.split('id="add-report"', 1)[1]).group(1)
    fields = {"csrf_token": editor.csrf(OPEN + "/@@ws-item"), "submission_token": token}
    report = path_of(editor.post(OPEN + "/@@ws-add-report", fields, status=303).location)
    report = report.replace("/@@ws-item", "")
    clients = sessions(port)

    def prepare(i):
        client = clients[i % SESSIONS]
        form = forms_of(client.get(report + "/@@ws-edit"))["report-form"]
        form["summary"] = f"第{i}位编辑写的总体情况。"
        return client, form.submit_fields()

    def send(i, prepared):
        client, fields = prepared
        for answer in twice(client, report + "/@@ws-edit", fields):
            yield i, answer

    winner = _one_save(at_once(WRITERS, send, prepare))
    summary = read_root(app, lambda root: node_at(root, report).summary)
    assert summary == f"第{winner}位编辑写的总体情况。"


@quiet_server
def test_sixteen_moderators_show_sixteen_comments_each_once(served):
    app, port = served
    citizen = webtest.TestApp(app)
    numbers = []
    for i in range(WRITERS):
        done = post_comment(citizen, text=f"第{i}条意见：建议增加公共停车位。")
        numbers.append(done.text.split("编号 ", 1)[1][:6])
    clients = [signed_in(port, login) for login in ("portal_editor", "portal_reviewer")] * 2

    def prepare(i):
        client = clients[i % SESSIONS]
        page = client.get(OPEN + "/@@moderate")
        token = TOKEN.search(page.text).group(1)
        fields = {"csrf_token": client.token, "submission_token": token}
        return client, dict(fields, number=numbers[i], action="show")

    def send(i, prepared):
        client, fields = prepared
        for status, _location in twice(client, OPEN + "/@@moderate", fields):
            yield i, status

    answers = at_once(WRITERS, send, prepare)
    assert all(answers[i] == [303, 303] for i in range(WRITERS)), dict(answers)

    def moderated(root):
        box = find_box(node_at(root, OPEN))
        comments = [box.get(n) for n in numbers]
        return [
            (get_workflow(c, app.registry).state_of(c), [r.transition for r in get_history(c)])
            for c in comments
        ]

    assert read_root(app, moderated) == [("shown", ["show"])] * WRITERS
