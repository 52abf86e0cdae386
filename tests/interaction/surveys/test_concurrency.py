"""16 answerers post the open survey at the same moment, each twice (a
double click), through a real threaded server: each counted once."""

import collections
import threading

import pytest

import govportal
from govportal.interaction.surveys.model import answer_count, find_box
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import close_app, csrf_token, read_root
from .survey_helpers import OPEN, hidden, survey_at

ANSWERERS = 16


@pytest.fixture
def app(app_settings):
    # one address for every thread: the limit must not be what is measured
    settings = dict(app_settings, **{"govportal.interaction.survey_rate": "1000/60"})
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "survey-server") as port:
        yield port


def stored(root):
    survey = survey_at(root, OPEN)
    box = find_box(survey)
    texts = sorted(
        a.values.get("more", "")
        for a in box.values()
        if a.values.get("more", "").startswith("意见")
    )
    return answer_count(survey), box.count("places\x000"), texts


@quiet_server
def test_sixteen_answerers_at_once_each_counted_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    before, places = read_root(app, lambda root: stored(root)[:2])
    clients = [Client(server_port) for _ in range(ANSWERERS)]
    forms = []
    for client in clients:
        page = client.get(OPEN).text
        forms.append(
            [
                ("csrf_token", csrf_token(page)),
                ("submission_token", hidden(page, "submission_token")),
            ]
        )
    statuses = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(ANSWERERS)

    def answerer(i):
        data = forms[i] + [("q-use", str(i % 3)), ("q-places", "0"), ("q-more", f"意见{i}")]
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(OPEN, data)
            with lock:
                statuses[i].append(response.status)

    threads = [threading.Thread(target=answerer, args=(i,)) for i in range(ANSWERERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(statuses[i] == [200, 200] for i in range(ANSWERERS)), statuses

    total, places_after, texts = read_root(app, stored)
    assert total == before + ANSWERERS
    assert places_after == places + ANSWERERS
    assert texts == sorted(f"意见{i}" for i in range(ANSWERERS))
