"""16 applicants post the online form of one guide at the same moment, each
twice (a double click): 16 cases, numbers unique, each answered with one
number and code, through a real threaded server."""

import re

import pytest

from govportal.bootstrap import site_session
from govportal.services.cases import ensure_stores, find_case_box
from tests.concurrency.helpers import quiet_server
from tests.concurrency.writers import at_once, patient_clients, served_app

from ..conftest import csrf_token, read_root
from .apply_helpers import CHILD_ID, fields, hidden, make_guide

#: the guide's form without its file field (the client posts url-encoded forms)
SPECS = (
    {"name": "child_name", "label": "儿童姓名", "kind": "text", "required": True},
    {"name": "child_id", "label": "儿童身份证号码", "kind": "id_number", "required": True},
)
PATH = "/jyj/bszn/h4-many/"


@pytest.fixture
def served(app_settings):
    rate = {"govportal.services.apply_rate": "1000/60"}
    with served_app(app_settings, "apply-server", **rate) as served:
        yield served


@quiet_server
def test_sixteen_applicants_at_once_each_stored_once(served, monkeypatch):
    app, port = served
    make_guide(app, name="h4-many", form_fields=SPECS)
    with site_session(app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        ensure_stores(root, [root["jyj"]])
    clients = patient_clients(port, monkeypatch, 16)
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

    def applicant(i, _prepared):
        data = dict(fields(child_name=f"儿童{i}", child_id=CHILD_ID), **forms[i])
        for _ in range(2):
            response = clients[i].post(PATH + "@@apply", data)
            number = re.search(r'id="case-number">([^<]+)<', response.text)
            code = re.search(r'id="tracking-code"><strong>([^<]+)<', response.text)
            yield i, (response.status, number and number[1], code and code[1])

    answers = at_once(16, applicant)
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
