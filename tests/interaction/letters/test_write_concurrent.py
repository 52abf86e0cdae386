"""16 citizens write at the same moment, each 3 letters, each posted twice
(a double click), through a real threaded server: every letter stored once,
numbers unique, each answered with one number and code."""

import re

import pytest

from govportal.bootstrap import site_session
from govportal.interaction.letters.model import ensure_stores, find_box
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import WRITERS, at_once, patient_clients, served_app

from ...conftest import csrf_token, read_root
from .letter_helpers import FIELDS, form_state

LETTERS = 3
NUMBER = r'id="letter-number"><strong>([^<]+)<'
CODE = r'id="query-code">([^<]+)<'


@pytest.fixture
def served(app_settings):
    rate = {"govportal.interaction.write_rate": "10000/60"}
    with served_app(app_settings, "letters-server", **rate) as served:
        yield served


@quiet_server
def test_sixteen_writers_at_once_each_letter_stored_once(served, monkeypatch):
    app, port = served
    with site_session(app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        ensure_stores(root, [root, root["jyj"]])
    # one letter to another department first, not counted: templates compile
    # on first use, and Chameleon compiling one in several threads can fail
    warm, *clients = patient_clients(port, monkeypatch, WRITERS + 1)
    page = warm.get("/rsj/@@write").text
    assert (
        warm.post(
            "/rsj/@@write", dict(form_state(page), **FIELDS, csrf_token=csrf_token(page))
        ).status
        == 200
    )

    def site(i):
        return "/jyj" if i % 2 else ""

    def prepare(i):
        forms = []
        for n in range(LETTERS):
            page = clients[i].get(site(i) + "/@@write").text
            data = dict(form_state(page), **FIELDS, csrf_token=csrf_token(page))
            data["subject"] = f"并发写信测试 写信人{i} 第{n}封"
            forms.append(data)
        return forms

    def writer(i, forms):
        for data in forms:
            for _ in range(2):
                response = clients[i].post(site(i) + "/@@write", data)
                number = re.search(NUMBER, response.text)
                code = re.search(CODE, response.text)
                yield (
                    (i, data["subject"]),
                    (
                        response.status,
                        number and number[1],
                        code and code[1],
                    ),
                )

    answers = at_once(WRITERS, writer, prepare, timeout=600)
    numbers = set()
    for key, got in answers.items():
        (s1, n1, c1), (s2, n2, c2) = got
        assert s1 == s2 == 200, (key, got)
        assert n1 and c1 and (n1, c1) == (n2, c2), (key, got)
        numbers.add(n1)
    assert len(answers) == len(numbers) == WRITERS * LETTERS

    def stored(root):
        return sorted(
            letter.subject
            for site in (root, root["jyj"])
            for letter in find_box(site).values()
            if letter.subject.startswith("并发写信测试")
        )

    assert read_root(app, stored) == sorted(subject for _i, subject in answers)
