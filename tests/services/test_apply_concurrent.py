"""16 applicants post the online form of one guide at the same moment, each
twice (a double click): 16 cases, numbers unique, each answered with one
number and code, through a real threaded server."""

import collections
import re
import threading

import pytest

import govportal
from govportal.bootstrap import site_session
from govportal.services.cases import ensure_stores, find_case_box
from tests.concurrency.helpers import quiet_server, threaded_server

from ..conftest import close_app, csrf_token, read_root
from .apply_helpers import CHILD_ID, fields, hidden, make_guide

#: the guide's form without its file field (the client posts url-encoded forms)
SPECS = (
    {"name": "child_name", "label": "儿童姓名", "kind": "text", "required": True},
    {"name": "child_id", "label": "儿童身份证号码", "kind": "id_number", "required": True},
)
PATH = "/jyj/bszn/h4-many/"


@pytest.fixture
def app(app_settings):
    # one address for every thread: the limit must not be what is measured
    app = govportal.main({}, **dict(app_settings, **{"govportal.services.apply_rate": "1000/60"}))
    yield app
    close_app(app)


@pytest.fixture
def server_port(app):
    with threaded_server(app, "apply-server") as port:
        yield port


@quiet_server
def test_sixteen_applicants_at_once_each_stored_once(app, server_port, monkeypatch):
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    make_guide(app, name="h4-many", form_fields=SPECS)
    with site_session(app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        ensure_stores(root, [root["jyj"]])
    clients = [Client(server_port) for _ in range(16)]
    forms = []
    for client in clients:
        page = client.get(PATH + "@@apply").text
        forms.append(
            {
                "csrf_token": csrf_token(page),
                "submission_token": hidden(page, "submission_token"),
                "action": "submit",
            }
        )
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(16)

    def applicant(i):
        data = dict(fields(child_name=f"儿童{i}", child_id=CHILD_ID), **forms[i])
        barrier.wait()
        for _ in range(2):
            response = clients[i].post(PATH + "@@apply", data)
            number = re.search(r'id="case-number">([^<]+)<', response.text)
            code = re.search(r'id="tracking-code"><strong>([^<]+)<', response.text)
            with lock:
                answers[i].append((response.status, number and number[1], code and code[1]))

    threads = [threading.Thread(target=applicant, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    numbers = set()
    for i in range(16):
        (s1, n1, c1), (s2, n2, c2) = answers[i]
        assert s1 == s2 == 200, answers[i]
        assert n1 and c1 and (n1, c1) == (n2, c2)
        numbers.add(n1)
    assert len(numbers) == 16

    def stored(root):
        return sorted(c.values["child_name"] for c in find_case_box(root["jyj"]).values())

    assert read_root(app, stored) == sorted(f"儿童{i}" for i in range(16))
