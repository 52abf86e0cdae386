"""16 editors' forms of the knowledge column saved at the same moment through
a real threaded server, each posted twice (a double click): every entry
stored once, each form answered with the same entry both times, no 5xx."""

import re

import pytest

from govportal.interaction.answers.model import IKnowledgeEntry
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in

from ...conftest import read_root

COLUMN = "/jyj/hdjl/zswd"


@pytest.fixture
def served(app_settings):
    with served_app(app_settings, "answers-editors") as served:
        yield served


@quiet_server
def test_sixteen_new_entries_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "jyj_editor")
    forms = []
    for i in range(WRITERS):
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

    def save(i, client):
        for _ in range(2):
            response = client.post(COLUMN + "/@@add-answer", forms[i])
            yield i, (response.status, response.headers.get("Location"))

    answers = at_once(WRITERS, save, prepare=lambda i: editor.on(port))
    for i, got in answers.items():
        (s1, l1), (s2, l2) = got
        assert s1 == s2 == 303 and l1 == l2, (i, got)
    assert len({got[0][1] for got in answers.values()}) == WRITERS

    def titles(root):
        column = root["jyj"]["hdjl"]["zswd"]
        return sorted(
            e.title
            for e in column.values()
            if IKnowledgeEntry.providedBy(e) and e.title.startswith("并发新建")
        )

    assert read_root(app, titles) == sorted(f["title"] for f in forms)


@quiet_server
def test_sixteen_saves_of_one_entry_at_once_one_wins(served, monkeypatch):
    """16 editors' forms of the same draft, opened with the same serial,
    saved at once and each posted twice: exactly one save stored, every
    other post refused as stale (409, nothing written), no 5xx."""
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "jyj_editor")
    page = editor.get(COLUMN + "/@@add-answer").text
    token = re.search(r'name="submission_token" value="([^"]+)"', page)[1]
    new = {
        "csrf_token": editor.token,
        "submission_token": token,
        "title": "并发修改的常见问题？",
        "answer": "这是并发修改之前的常见问题答案。",
    }
    created = editor.post(COLUMN + "/@@add-answer", new)
    assert created.status == 303, created
    path = re.sub(r"^https?://[^/]+", "", created.headers["Location"]).rsplit("/@@", 1)[0]
    page = editor.get(path + "/@@edit-answer").text
    serial = re.search(r'name="serial" value="([^"]+)"', page)[1]
    forms = [
        {
            "csrf_token": editor.token,
            "serial": serial,
            "title": f"并发修改的常见问题第{i}版？",
            "answer": f"这是并发修改的第{i}版常见问题答案。",
        }
        for i in range(WRITERS)
    ]

    def save(i, client):
        for _ in range(2):
            yield i, client.post(path + "/@@edit-answer", forms[i]).status

    statuses = at_once(WRITERS, save, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    winners = [i for i, got in statuses.items() if got[0] == 303]
    assert len(winners) == 1, statuses
    assert all(s == 409 for i, got in statuses.items() for s in got[i == winners[0] :]), statuses

    def title(root):
        node = root
        for part in path.strip("/").split("/"):
            node = node[part]
        return node.title

    assert read_root(app, title) == forms[winners[0]]["title"]
