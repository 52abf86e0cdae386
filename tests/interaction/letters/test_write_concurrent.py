"""16 citizens write at the same moment, each 3 letters, each posted twice
(a double click), through a real threaded server: every letter stored once,
numbers unique, each answered with one number and code."""

import collections
import threading

import pytest

import govportal
from govportal.bootstrap import site_session
from govportal.interaction.letters.model import ensure_stores, find_box
from tests.concurrency.helpers import quiet_server, threaded_server

from ...conftest import close_app, csrf_token, read_root
from .letter_helpers import FIELDS, form_state

WRITERS = 16
LETTERS = 3
NUMBER = r'id="letter-number"><strong>([^<]+)<'
CODE = r'id="query-code">([^<]+)<'


@pytest.fixture
def app(app_settings):
    # one address for every thread: the limit must not be what is measured
    settings = dict(app_settings, **{"govportal.interaction.write_rate": "10000/60"})
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "letters-server") as port:
        yield port


@quiet_server
def test_sixteen_writers_at_once_each_letter_stored_once(app, server_port, monkeypatch):
    import re

    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    with site_session(app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        ensure_stores(root, [root, root["jyj"]])
    # one letter to another department first, not counted: templates compile
    # on first use, and Chameleon compiling one in several threads can fail
    warm = Client(server_port)
    page = warm.get("/rsj/@@write").text
    assert (
        warm.post(
            "/rsj/@@write", dict(form_state(page), **FIELDS, csrf_token=csrf_token(page))
        ).status
        == 200
    )
    clients = [Client(server_port) for _ in range(WRITERS)]
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(i):
        site = "/jyj" if i % 2 else ""
        forms = []
        for n in range(LETTERS):
            page = clients[i].get(site + "/@@write").text
            data = dict(form_state(page), **FIELDS, csrf_token=csrf_token(page))
            data["subject"] = f"并发写信测试 写信人{i} 第{n}封"
            forms.append(data)
        barrier.wait()
        for data in forms:
            for _ in range(2):
                response = clients[i].post(site + "/@@write", data)
                number = re.search(NUMBER, response.text)
                code = re.search(CODE, response.text)
                with lock:
                    answers[(i, data["subject"])].append(
                        (response.status, number and number[1], code and code[1])
                    )

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
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
