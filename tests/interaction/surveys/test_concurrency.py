"""16 answerers post the open survey at the same moment, each twice (a
double click), through a real threaded server: each counted once."""

import pytest

from govportal.interaction.surveys.model import answer_count, find_box
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import csrf_token, read_root
from .survey_helpers import OPEN, hidden, survey_at


@pytest.fixture
def served(app_settings):
    rate = {"govportal.interaction.survey_rate": "1000/60"}
    with served_app(app_settings, "survey-server", **rate) as served:
        yield served


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
def test_sixteen_answerers_at_once_each_counted_once(served, monkeypatch):
    app, port = served
    before, places = read_root(app, lambda root: stored(root)[:2])
    clients = patient_clients(port, monkeypatch)
    forms = []
    for client in clients:
        page = client.get(OPEN).text
        forms.append(
            [
                ("csrf_token", csrf_token(page)),
                ("submission_token", hidden(page, "submission_token")),
            ]
        )

    def answerer(i, _prepared):
        data = forms[i] + [("q-use", str(i % 3)), ("q-places", "0"), ("q-more", f"意见{i}")]
        for _ in range(2):
            yield i, clients[i].post(OPEN, data).status

    statuses = at_once(WRITERS, answerer)
    assert all(statuses[i] == [200, 200] for i in range(WRITERS)), statuses

    total, places_after, texts = read_root(app, stored)
    assert total == before + WRITERS
    assert places_after == places + WRITERS
    assert texts == sorted(f"意见{i}" for i in range(WRITERS))
