"""Editors creating drafts in one column at the same time: every save is
acknowledged and stored exactly once (real waitress, real threads)."""

import collections
import re
import threading
from urllib.parse import urlsplit

import pytest

from tests.concurrency.helpers import threaded_server
from tests.conftest import PASSWORD, read_root
from tests.storage.helpers import Client

WRITERS = 16
WRITES = 2
COLUMN = "/yw/"
EDITOR = "portal_editor"


@pytest.fixture(autouse=True)
def patient_client(monkeypatch):
    # 16 writers on a shared 2-core machine: answers may take a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)


@pytest.fixture
def server_port(wsgi_app):
    with threaded_server(wsgi_app, "drafts-server") as port:
        yield port


def _form(html):
    """The new-document form's fields (hidden and defaults) as a browser sends them."""
    form = re.search(r'<form\b[^>]*id="ws-document".*?</form>', html, re.S).group(0)
    fields = []
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if attrs.get("type", "text") in ("file", "submit", "button", "checkbox", "radio"):
            continue
        if "name" in attrs:
            fields.append((attrs["name"], attrs.get("value", "")))
    for tag in re.finditer(r'<select\b[^>]*name="([^"]+)".*?</select>', form, re.S):
        options = re.findall(r'<option\b[^>]*value="([^"]*)"', tag.group(0))
        selected = re.search(r'<option\b[^>]*value="([^"]*)"[^>]*selected', tag.group(0))
        if selected or options:
            fields.append((tag.group(1), selected.group(1) if selected else options[0]))
    return fields


def _save_draft(client, title):
    page = client.get(COLUMN + "@@ws-add")
    assert page.status == 200, page
    fields = [(n, v) for n, v in _form(page.text) if n not in ("title", "body")]
    fields += [("title", title), ("body", f"<p>{title}</p>"), ("save", "save")]
    response = client.post(COLUMN + "@@ws-add", fields)
    if response.status == 303:  # a browser follows (and so pops the flash message)
        client.get(urlsplit(response.headers["Location"]).path)
    return response.status


def test_sixteen_editors_save_drafts_in_one_column(wsgi_app, server_port):
    clients = []
    for _ in range(WRITERS):
        client = Client(server_port)
        client.login(EDITOR, PASSWORD)
        clients.append(client)
    # One draft first: a cold process compiles its templates on first use, and
    # Chameleon compiling one template in several threads at once can fail
    # (CPython's "AST constructor recursion depth mismatch") — not measured here.
    assert _save_draft(clients[0], "预热稿件") == 303
    statuses = collections.Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(w):
        barrier.wait()
        for i in range(WRITES):
            try:
                status = _save_draft(clients[w], f"并发草稿 w{w}-{i}")
            except Exception as e:  # a timeout: counted, shown by the assertion
                status = repr(e)
            with lock:
                statuses[status] += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert statuses == {303: WRITERS * WRITES}, statuses

    titles = read_root(
        wsgi_app,
        lambda root: [d.title for d in root["yw"].values() if "并发草稿" in (d.title or "")],
    )
    expected = {f"并发草稿 w{w}-{i}" for w in range(WRITERS) for i in range(WRITES)}
    assert sorted(titles) == sorted(expected)  # each present exactly once
