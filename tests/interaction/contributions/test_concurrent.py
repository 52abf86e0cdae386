"""16 citizens comment on one consultation at the same moment, each posting
twice (a double click): 16 comments, numbers unique and consecutive, each
answered with one number, 0 5xx, through a real threaded server."""

import collections
import re
import threading

import pytest

import govportal
from govportal.interaction.contributions.model import find_box
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import close_app, read_root
from ..consultations.helpers import FIELDS, OPEN, form_fields

WRITERS = 16


@pytest.fixture
def app(app_settings):
    # one address for every thread: the limit must not be what is measured
    settings = dict(app_settings, **{"govportal.interaction.contribution_rate": "1000/60"})
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "comment-server") as port:
        yield port


def _box(root):
    node = root
    for part in OPEN.strip("/").split("/"):
        node = node[part]
    return find_box(node)


@quiet_server
def test_sixteen_commenters_at_once_each_stored_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    before = read_root(app, lambda root: len(_box(root)))
    clients = [Client(server_port) for _ in range(WRITERS)]
    forms = [form_fields(client.get(OPEN).text) for client in clients]
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def commenter(i):
        data = dict(FIELDS, text=f"第{i}位市民的意见：建议增加小区充电桩。", **forms[i])
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(OPEN + "/@@comment", data)
            number = re.search(r"编号 (\d{6})", response.text)
            with lock:
                answers[i].append((response.status, number and number[1]))

    threads = [threading.Thread(target=commenter, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    numbers = set()
    for i in range(WRITERS):
        (s1, n1), (s2, n2) = answers[i]
        assert s1 == s2 == 200, answers[i]
        assert n1 and n1 == n2
        numbers.add(n1)
    assert len(numbers) == WRITERS

    def stored(root):
        box = _box(root)
        texts = sorted(c.text for c in box.values() if "充电桩" in c.text)
        return len(box), texts, sorted(box.items.keys())

    total, texts, names = read_root(app, stored)
    assert total == before + WRITERS
    assert texts == sorted(f"第{i}位市民的意见：建议增加小区充电桩。" for i in range(WRITERS))
    assert names == [f"{n:06d}" for n in range(1, total + 1)]
