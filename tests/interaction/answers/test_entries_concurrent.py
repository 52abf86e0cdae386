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
