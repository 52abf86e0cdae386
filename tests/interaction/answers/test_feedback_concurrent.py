"""16 visitors answer “这个回答有帮助吗？” on the same entry at the same
moment through a real threaded server, each posting its form twice (a double
click): every vote counted once, no error, and the counts add up."""

import re

import pytest

from govportal.interaction.answers import counts
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import read_root

ENTRY = "/rsj/hdjl/zswd/sbkbb"


@pytest.fixture
def served(app_settings):
    with served_app(app_settings, "answers-server") as served:
        yield served


@quiet_server
def test_sixteen_voters_at_once_each_counted_once(served, monkeypatch):
    app, port = served
    clients = patient_clients(port, monkeypatch)

    def form(i):
        page = clients[i].get(ENTRY + "/").text
        return {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
            "submission_token": re.search(r'name="submission_token" value="([^"]+)"', page)[1],
            "helpful": "yes" if i % 4 else "no",
        }

    def vote(i, data):
        for _ in range(2):
            yield i, clients[i].post(ENTRY + "/@@ask-feedback", data).status

    statuses = at_once(WRITERS, vote, prepare=form)
    assert all(s == [303, 303] for s in statuses.values()), statuses
    assert len(statuses) == WRITERS

    def figures(root):
        return counts.figures(root["rsj"]["hdjl"]["zswd"]["sbkbb"])

    _served, yes, no, _rate = read_root(app, figures)
    assert (yes, no) == (12, 4)
    votes = read_root(app, lambda root: len(getattr(root, counts.VOTES_ATTR)))
    assert votes == WRITERS
