"""16 citizens comment on one consultation at the same moment, each posting
twice (a double click): 16 comments, numbers unique and consecutive, each
answered with one number, 0 5xx, through a real threaded server."""

import re

import pytest

from govportal.interaction.contributions.model import find_box
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import read_root
from ..consultations.helpers import FIELDS, OPEN, form_fields


@pytest.fixture
def served(app_settings):
    rate = {"govportal.interaction.contribution_rate": "1000/60"}
    with served_app(app_settings, "comment-server", **rate) as served:
        yield served


def _box(root):
    node = root
    for part in OPEN.strip("/").split("/"):
        node = node[part]
    return find_box(node)


@quiet_server
def test_sixteen_commenters_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    before = read_root(app, lambda root: len(_box(root)))
    clients = patient_clients(port, monkeypatch)
    forms = [form_fields(client.get(OPEN).text) for client in clients]

    def commenter(i, _prepared):
        data = dict(FIELDS, text=f"第{i}位市民的意见：建议增加小区充电桩。", **forms[i])
        for _ in range(2):
            response = clients[i].post(OPEN + "/@@comment", data)
            number = re.search(r"编号 (\d{6})", response.text)
            yield i, (response.status, number and number[1])

    answers = at_once(WRITERS, commenter)
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
