"""16 editors' forms of the knowledge column saved at the same moment through
a real threaded server, each posted twice (a double click): every entry
stored once, each form answered with the same entry both times, no 5xx."""

import collections
import re
import threading

import pytest

import govportal
from govportal.interaction.answers.model import IKnowledgeEntry
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import PASSWORD, close_app, read_root

FORMS = 16
COLUMN = "/jyj/hdjl/zswd"


@pytest.fixture
def app(app_settings):
    app = govportal.main({}, **app_settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "answers-editors") as port:
        yield port


@quiet_server
def test_sixteen_new_entries_at_once_each_stored_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = Client(server_port).login("jyj_editor", PASSWORD)
    forms = []
    for i in range(FORMS):
        page = editor.get(COLUMN + "/@@add-answer").text
        token = re.search(r'name="submission_token" value="([^"]+)"', page)[1]
        forms.append(
            {
                "csrf_token": editor.token,
                "submission_token": token,
                "title": f"并发新建的常见问题第{i}条？",
                "answer": f"这是并发新建的第{i}条常见问题的答案。",
            }
        )
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(FORMS)

    def save(i):
        client = editor.on(server_port)
        barrier.wait()
        for _ in range(2):
            response = client.post(COLUMN + "/@@add-answer", forms[i])
            with lock:
                answers[i].append((response.status, response.headers.get("Location")))

    threads = [threading.Thread(target=save, args=(i,)) for i in range(FORMS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for i, got in answers.items():
        (s1, l1), (s2, l2) = got
        assert s1 == s2 == 303 and l1 == l2, (i, got)
    assert len({got[0][1] for got in answers.values()}) == FORMS

    def titles(root):
        column = root["jyj"]["hdjl"]["zswd"]
        return sorted(
            e.title
            for e in column.values()
            if IKnowledgeEntry.providedBy(e) and e.title.startswith("并发新建")
        )

    assert read_root(app, titles) == sorted(f["title"] for f in forms)
