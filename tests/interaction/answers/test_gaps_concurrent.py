"""16 editors' 移除 forms of the unanswered questions (``@@ask-gaps``), one
question each, posted at the same moment through a real threaded server and
each twice (a double click): every question dropped, each form answered 303
both times (the second a replay), no 5xx."""

import re

import pytest
import transaction

from govportal.bootstrap import site_session
from govportal.interaction.answers import counts
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in

from ...conftest import read_root

DROP_FORM = re.compile(r'<form method="post" action="[^"]*/@@ask-gaps-drop".*?</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


@pytest.fixture
def served(app_settings):
    with served_app(app_settings, "answers-gaps") as served:
        yield served


@quiet_server
def test_sixteen_gaps_dropped_at_once_each_once(served, monkeypatch):
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    # as @@ask notes a question it found nothing for (its index may still be building)
    for i in range(WRITERS):
        counts.note_gap(app.registry, "", f"火星移民签证第{i}类怎么办理")
    with site_session(app.registry) as (zodb_root, _request):
        counts.flush(zodb_root["app_root"], app.registry)
        transaction.commit()
    assert len(read_root(app, lambda root: counts.gaps_of(root, ""))) == WRITERS
    forms = []
    for i in range(WRITERS):
        page = editor.get("/@@ask-gaps").text
        forms.append(dict(HIDDEN.findall(DROP_FORM.findall(page)[i])))
    assert len({f["key"] for f in forms}) == WRITERS

    def drop(i, client):
        for _ in range(2):
            yield i, client.post("/@@ask-gaps-drop", forms[i]).status

    statuses = at_once(WRITERS, drop, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    assert all(s == [303, 303] for s in statuses.values()), statuses
    assert read_root(app, lambda root: counts.gaps_of(root, "")) == []
