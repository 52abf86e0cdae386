"""16 visitors answer “这个回答有帮助吗？” on the same entry at the same
moment through a real threaded server, each posting its form twice (a double
click): every vote counted once, no error, and the counts add up."""

import collections
import re
import threading

import pytest

import govportal
from govportal.interaction.answers import counts
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import close_app, read_root

VISITORS = 16
ENTRY = "/rsj/hdjl/zswd/sbkbb"


@pytest.fixture
def app(app_settings):
    app = govportal.main({}, **app_settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "answers-server") as port:
        yield port


@quiet_server
def test_sixteen_voters_at_once_each_counted_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 120.0)
    clients = [Client(server_port) for _ in range(VISITORS)]
    statuses = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(VISITORS)

    def voter(i):
        page = clients[i].get(ENTRY + "/").text
        data = {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
            "submission_token": re.search(r'name="submission_token" value="([^"]+)"', page)[1],
            "helpful": "yes" if i % 4 else "no",
        }
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(ENTRY + "/@@ask-feedback", data)
            with lock:
                statuses[i].append(response.status)

    threads = [threading.Thread(target=voter, args=(i,)) for i in range(VISITORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(s == [303, 303] for s in statuses.values()), statuses
    assert len(statuses) == VISITORS

    def figures(root):
        return counts.figures(root["rsj"]["hdjl"]["zswd"]["sbkbb"])

    _served, yes, no, _rate = read_root(app, figures)
    assert (yes, no) == (12, 4)
    votes = read_root(app, lambda root: len(getattr(root, counts.VOTES_ATTR)))
    assert votes == VISITORS
