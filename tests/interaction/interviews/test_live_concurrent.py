"""16 forms of the staff's live page post at the same moment through a real
threaded server, each posted twice (a double click), each form answered 303
both times (the second a replay), no 5xx: 16 transcript entries numbered
1…16 without a gap or a duplicate; 16 citizens' questions each answered
once and shown."""

import http.client
import re

import pytest

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in
from tests.storage.helpers import Client

from ...conftest import read_root
from .helpers import COMING, form_fields, questions_of, resource

LIVE = COMING + "/@@live"


@pytest.fixture
def served(app_settings):
    rate = {"govportal.interaction.contribution_rate": "1000/60"}
    with served_app(app_settings, "interview-live", **rate) as served:
        yield served


def _entry_form(html, action="entry"):
    form = re.search(
        rf'<form[^>]*>(?:(?!</form>).)*?name="action" value="{action}".*?</form>', html, re.S
    )
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form[0]))


@quiet_server
def test_sixteen_transcript_entries_at_once_each_stored_once(served, monkeypatch):
    _app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    forms = []
    for i in range(WRITERS):
        page = editor.get(LIVE)
        assert page.status == 200, page
        forms.append(
            dict(_entry_form(page.text), speaker="host", text=f"并发发布的第{i}条直播内容。")
        )

    def post(i, client):
        for _ in range(2):
            yield i, client.post(LIVE, forms[i]).status

    statuses = at_once(WRITERS, post, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    assert all(s == [303, 303] for s in statuses.values()), statuses
    polled = editor.get(COMING + "/@@transcript.json?since=0").json()
    assert sorted(e["text"] for e in polled["entries"]) == sorted(f["text"] for f in forms)
    assert sorted(e["seq"] for e in polled["entries"]) == list(range(1, WRITERS + 1))


@quiet_server
def test_sixteen_answers_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    citizen = Client(port)
    before = read_root(app, lambda root: {q.__name__ for q in questions_of(root, COMING)})
    for i in range(WRITERS):
        fields = dict(
            form_fields(citizen.get(COMING).text), text=f"第{i}位网友：周末能看专家门诊吗？"
        )
        assert citizen.post(COMING + "/@@question", fields).status == 303
    asked = read_root(app, lambda root: [q.__name__ for q in questions_of(root, COMING)])
    numbers = [n for n in asked if n not in before]
    assert len(numbers) == WRITERS
    forms = []
    for i, number in enumerate(numbers):
        page = editor.get(LIVE).text
        fields = dict(_entry_form(page, "answer"), number=number)
        forms.append(dict(fields, text=f"对第{i}个提问的答复：周六上午有专家门诊。"))

    def post(i, client):
        for _ in range(2):
            yield i, client.post(LIVE, forms[i]).status

    statuses = at_once(WRITERS, post, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    assert all(s == [303, 303] for s in statuses.values()), statuses

    def answers(root):
        return {
            q.__name__: (q.answer or {}).get("text")
            for q in questions_of(root, COMING)
            if q.__name__ not in before
        }

    assert read_root(app, answers) == {f["number"]: f["text"] for f in forms}
    public = citizen.get(COMING).text
    assert all(f["text"] in public for f in forms)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _post_photo(client, fields, filename):
    """POST ``fields`` and a PNG as ``upload`` (multipart) with the client's
    session; the response's status."""
    boundary = "----govportal-photo-test"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{filename}"\r\n'
        "Content-Type: image/png\r\n\r\n".encode()
        + PNG
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
    }
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=180)
    try:
        conn.request("POST", LIVE, body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


@quiet_server
def test_sixteen_photos_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    before = read_root(app, lambda root: len(resource(root, COMING).photos()))
    forms = []
    for i in range(WRITERS):
        page = editor.get(LIVE).text
        forms.append(dict(_entry_form(page, "photo"), title=f"访谈现场第{i}张"))

    def post(i, client):
        for _ in range(2):
            yield i, _post_photo(client, forms[i], f"photo-{i}.png")

    statuses = at_once(WRITERS, post, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    assert all(s == [303, 303] for s in statuses.values()), statuses

    def titles(root):
        return sorted(p.title for p in resource(root, COMING).photos())

    after = read_root(app, titles)
    assert len(after) == before + WRITERS
    assert [t for t in after if t.startswith("访谈现场第")] == sorted(f["title"] for f in forms)
