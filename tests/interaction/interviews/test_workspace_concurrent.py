"""16 forms of 新建在线访谈 saved at the same moment through a real threaded
server, each posted twice (a double click): every interview stored once,
each form answered with the same interview both times, no 5xx."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from govportal import sitetime
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, served_app, signed_in

from ...conftest import read_root
from .helpers import resource

COLUMN = "/hdjl/zxft/"


@pytest.fixture
def served(app_settings):
    with served_app(app_settings, "interview-editors") as served:
        yield served


def _fields(html, values):
    """The form's fields in document order (deform's ``__start__`` and
    ``__end__`` markers included), ``values`` filled in by name."""
    form = BeautifulSoup(html, "html.parser").find("form", id="ws-interview")
    pairs = []
    for field in form.find_all(["input", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        value = field.text if field.name == "textarea" else field.get("value", "")
        pairs.append((name, values.get(name, value)))
    return [*pairs, ("save", "save")]


@quiet_server
def test_sixteen_new_interviews_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    day = (sitetime.today() + timedelta(days=3)).isoformat()
    forms = []
    for i in range(WRITERS):
        page = editor.get(COLUMN + "@@ws-add-interview")
        assert page.status == 200, page
        values = {
            "title": f"并发新建的在线访谈第{i}期",
            "guests": "周平，县人社局局长",
            "host": "王婷",
            "date": day,
            "starts_time": "15:00",
            "ends_time": "16:30",
        }
        forms.append(_fields(page.text, values))

    def save(i, client):
        for _ in range(2):
            response = client.post(COLUMN + "@@ws-add-interview", forms[i])
            yield i, (response.status, response.headers.get("Location"))

    answers = at_once(WRITERS, save, prepare=lambda i: editor.on(port))
    assert len(answers) == WRITERS
    for i, got in answers.items():
        (s1, l1), (s2, l2) = got
        assert s1 == s2 == 303 and l1 == l2, (i, got)
    assert len({got[0][1] for got in answers.values()}) == WRITERS

    def titles(root):
        column = resource(root, COLUMN)
        return sorted(
            t
            for t in (getattr(i, "title", "") for i in column.values())
            if t.startswith("并发新建")
        )

    assert read_root(app, titles) == sorted(f"并发新建的在线访谈第{i}期" for i in range(WRITERS))


@quiet_server
def test_sixteen_saves_of_one_interview_at_once_one_wins(served, monkeypatch):
    """16 forms of the same draft (one serial) saved at once, each posted
    twice: exactly one save stored, every other post and the replay refused
    as stale (409, nothing written), no 5xx."""
    app, port = served
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    editor = signed_in(port, "portal_editor")
    day = (sitetime.today() + timedelta(days=3)).isoformat()
    values = {
        "title": "并发修改的在线访谈",
        "guests": "周平，县人社局局长",
        "host": "王婷",
        "date": day,
        "starts_time": "15:00",
        "ends_time": "16:30",
    }
    page = editor.get(COLUMN + "@@ws-add-interview").text
    created = editor.post(COLUMN + "@@ws-add-interview", _fields(page, values))
    assert created.status == 303, created
    path = re.sub(r"^https?://[^/]+", "", created.headers["Location"]).rsplit("/@@", 1)[0]
    page = editor.get(path + "/@@ws-edit").text
    forms = [
        _fields(page, dict(values, title=f"并发修改的在线访谈第{i}版")) for i in range(WRITERS)
    ]

    def save(i, client):
        for _ in range(2):
            yield i, client.post(path + "/@@ws-edit", forms[i]).status

    statuses = at_once(WRITERS, save, prepare=lambda i: editor.on(port))
    assert len(statuses) == WRITERS
    winners = [i for i, got in statuses.items() if got[0] == 303]
    assert len(winners) == 1, statuses
    assert all(s == 409 for i, got in statuses.items() for s in got[i == winners[0] :]), statuses
    assert (
        read_root(app, lambda root: resource(root, path).title)
        == f"并发修改的在线访谈第{winners[0]}版"
    )
