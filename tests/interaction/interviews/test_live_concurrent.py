"""16 forms of the staff's live page post a transcript entry at the same
moment through a real threaded server, each posted twice (a double click):
16 entries stored, numbered 1…16 without a gap or a duplicate, each form
answered 303 both times (the second a replay), no 5xx."""

import re

import pytest

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in

from .helpers import COMING

LIVE = COMING + "/@@live"


@pytest.fixture
def served(app_settings):
    with served_app(app_settings, "interview-live") as served:
        yield served


def _entry_form(html):
    form = re.search(
        r'<form[^>]*>(?:(?!</form>).)*?name="action" value="entry".*?</form>', html, re.S
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
