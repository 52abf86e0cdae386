"""16 citizens ask the announced interview a question at the same moment,
each posting twice (a double click): 16 questions stored, numbers unique
and consecutive, each writer answered with one number (the second post a
replay), 0 5xx, through a real threaded server."""

import pytest

from govportal.interaction.contributions.model import find_box
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import read_root
from .helpers import COMING, form_fields, resource

JSON = {"Accept": "application/json"}


@pytest.fixture
def served(app_settings):
    rate = {"govportal.interaction.contribution_rate": "1000/60"}
    with served_app(app_settings, "question-server", **rate) as served:
        yield served


def _box(root):
    return find_box(resource(root, COMING))


@quiet_server
def test_sixteen_askers_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    before = read_root(app, lambda root: len(_box(root)))
    clients = patient_clients(port, monkeypatch)
    forms = [form_fields(client.get(COMING).text) for client in clients]

    def asker(i, _prepared):
        data = dict(text=f"第{i}位网友提问：乡镇卫生院周末开门吗？", **forms[i])
        for _ in range(2):
            response = clients[i].post(COMING + "/@@question", data, headers=JSON)
            body = response.json() if response.status == 200 else {}
            yield i, (response.status, body.get("number"), body.get("replayed"))

    answers = at_once(WRITERS, asker)
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
