"""16 citizens ask the announced interview a question at the same moment,
each posting twice (a double click): 16 questions stored, numbers unique
and consecutive, each writer answered with one number (the second post a
replay), 0 5xx, through a real threaded server."""

import collections
import threading

import pytest

import govportal
from govportal.interaction.contributions.model import find_box
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import close_app, read_root
from .helpers import COMING, form_fields, resource

WRITERS = 16
JSON = {"Accept": "application/json"}


@pytest.fixture
def app(app_settings):
    # one address for every thread: the limit must not be what is measured
    settings = dict(app_settings, **{"govportal.interaction.contribution_rate": "1000/60"})
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "question-server") as port:
        yield port


def _box(root):
    return find_box(resource(root, COMING))


@quiet_server
def test_sixteen_askers_at_once_each_stored_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    before = read_root(app, lambda root: len(_box(root)))
    clients = [Client(server_port) for _ in range(WRITERS)]
    forms = [form_fields(client.get(COMING).text) for client in clients]
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def asker(i):
        data = dict(text=f"第{i}位网友提问：乡镇卫生院周末开门吗？", **forms[i])
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(COMING + "/@@question", data, headers=JSON)
            body = response.json() if response.status == 200 else {}
            with lock:
                answers[i].append((response.status, body.get("number"), body.get("replayed")))

    threads = [threading.Thread(target=asker, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    numbers = set()
    for i in range(WRITERS):
        (s1, n1, r1), (s2, n2, r2) = answers[i]
        assert s1 == s2 == 200, answers[i]
        assert n1 and n1 == n2 and r1 is False and r2 is True
        numbers.add(n1)
    assert len(numbers) == WRITERS

    def stored(root):
        box = _box(root)
        texts = sorted(c.text for c in box.values() if "周末开门" in c.text)
        return len(box), texts, sorted(box.items.keys())

    total, texts, names = read_root(app, stored)
    assert total == before + WRITERS
    assert texts == sorted(f"第{i}位网友提问：乡镇卫生院周末开门吗？" for i in range(WRITERS))
    assert names == [f"{n:06d}" for n in range(1, total + 1)]
