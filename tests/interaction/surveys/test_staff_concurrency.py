"""The staff's write paths of 在线调查 under 16 concurrent writers (real
threaded waitress, real threads), each writer posting twice (a double
click or a retried request), all from the same form version:

- the builder (``@@survey-builder``, action ``save``): one question added,
  every other post (the winner's replay too) refused 409 as stale;
- ``@@ws-edit``: one save, the others 409.
"""

import collections

import pytest

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in

from ...conftest import Browser, csrf_token, read_root
from .survey_helpers import hidden, new_survey, survey_at

#: signed-in sessions shared by the 16 threads (a login each would be slow)
SESSIONS = 4


@pytest.fixture
def served(app_settings, monkeypatch):
    # 16 clients on a shared 2-core machine: answers may take a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    with served_app(app_settings, "survey-staff-server") as served:
        yield served


def draft(app):
    editor = Browser(app).login("portal_editor")
    return new_survey(editor)


def one_save(answers):
    """Exactly one of the 32 posts saved; the index of its writer."""
    statuses = collections.Counter(s for i in range(WRITERS) for s in answers[i])
    assert statuses == {303: 1, 409: 2 * WRITERS - 1}, statuses
    return next(i for i in range(WRITERS) if answers[i][0] == 303)


def run(port, path, fields_of):
    """16 writers: each reads ``path`` (its own session's page), then posts
    ``fields_of(i, page_text)`` twice at the same moment as the others."""
    clients = [signed_in(port, "portal_editor") for _ in range(SESSIONS)]

    def prepare(i):
        client = clients[i % SESSIONS]
        return client, fields_of(i, client.get(path).text)

    def send(i, prepared):
        client, fields = prepared
        for _ in range(2):
            yield i, client.post(path, fields).status

    return at_once(WRITERS, send, prepare)


@quiet_server
def test_sixteen_builder_saves_add_one_question(served):
    app, port = served
    path = draft(app)

    def fields_of(i, page):
        return {
            "csrf_token": csrf_token(page),
            "version": hidden(page, "version"),
            "original": "",
            "action": "save",
            "id": f"q{i}",
            "kind": "single",
            "title": f"第{i}位编辑的问题？",
            "required": "1",
            "options": "是\n否",
        }

    winner = one_save(run(port, path + "@@survey-builder", fields_of))
    questions = read_root(app, lambda root: [q["id"] for q in survey_at(root, path).questions])
    assert questions == [f"q{winner}"]


@quiet_server
def test_sixteen_saves_of_one_survey_store_one(served):
    app, port = served
    path = draft(app)

    def fields_of(i, page):
        return {
            "csrf_token": csrf_token(page),
            "serial": hidden(page, "serial"),
            "title": f"第{i}位编辑改过的标题",
            "introduction": "说明",
            "opens_on": "2026-01-05",
            "closes_on": "2026-02-05",
            "results_visibility": "live",
        }

    winner = one_save(run(port, path + "@@ws-edit", fields_of))
    title = read_root(app, lambda root: survey_at(root, path).title)
    assert title == f"第{winner}位编辑改过的标题"
