"""The tracking page's satisfaction rating under concurrency (real threaded
waitress, real threads): 16 writers rate their 16 letters at once, each
rating stored once; 16 ratings of one letter (each with its own token)
store one, the others are refused with 409."""

import re

import pytest
import webtest

from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import csrf_token
from .letter_helpers import answer_letter, number_and_code, post_letter
from .test_track import satisfaction_of

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


@pytest.fixture
def served(app_settings):
    # every thread comes from 127.0.0.1: the limits must not be what is measured
    rates = {
        "govportal.interaction.write_rate": "10000/60",
        "govportal.interaction.track_rate": "10000/60",
    }
    with served_app(app_settings, "letters-server", **rates) as served:
        yield served


def answered_letters(app, count):
    client = webtest.TestApp(app)
    letters = [number_and_code(post_letter(client)) for _ in range(count)]
    for number, _code in letters:
        answer_letter(client, number, publish=False)
    return letters


def rating_form(client, number, code, level):
    """Look the letter up (the rating form and its one-time token)."""
    page = client.get("/@@letter-track").text
    look = {"csrf_token": csrf_token(page), "action": "look", "number": number, "code": code}
    shown = client.post("/@@letter-track", look)
    assert shown.status == 200, shown
    return dict(
        look,
        action="rate",
        level=level,
        comment="答复及时",
        csrf_token=csrf_token(shown.text),
        submission_token=TOKEN.search(shown.text).group(1),
    )


def rate_at_once(clients, forms):
    def send(i, _prepared):
        response = clients[i].post("/@@letter-track", forms[i])
        yield i, (response.status, 'id="rated"' in response.text)

    return at_once(WRITERS, send)


@quiet_server
def test_sixteen_letters_rated_at_once(served, monkeypatch):
    app, port = served
    warm, *letters = answered_letters(app, WRITERS + 1)
    # a first rating alone: templates compile on first use
    warm_client, *clients = patient_clients(port, monkeypatch, WRITERS + 1)
    form = rating_form(warm_client, *warm, "satisfied")
    assert warm_client.post("/@@letter-track", form).status == 200
    forms = [rating_form(clients[i], *letters[i], "unsatisfied") for i in range(WRITERS)]
    answers = rate_at_once(clients, forms)
    assert dict(answers) == {i: [(200, True)] for i in range(WRITERS)}
    for number, _code in letters:
        assert satisfaction_of(webtest.TestApp(app), number)["level"] == "unsatisfied"


@quiet_server
def test_sixteen_ratings_of_one_letter_store_one(served, monkeypatch):
    app, port = served
    (number, code), warm = answered_letters(app, 2)
    warm_client, *clients = patient_clients(port, monkeypatch, WRITERS + 1)
    form = rating_form(warm_client, *warm, "satisfied")
    assert warm_client.post("/@@letter-track", form).status == 200
    levels = ["satisfied", "unsatisfied"]
    forms = [rating_form(clients[i], number, code, levels[i % 2]) for i in range(WRITERS)]
    answers = rate_at_once(clients, forms)
    statuses = sorted(status for got in answers.values() for status, _rated in got)
    assert statuses == [200] + [409] * (WRITERS - 1), answers
    (winner,) = [i for i, got in answers.items() if got == [(200, True)]]
    stored = satisfaction_of(webtest.TestApp(app), number)
    assert stored["level"] == levels[winner % 2]
