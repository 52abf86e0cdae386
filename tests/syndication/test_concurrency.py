"""Offers and decisions under concurrency (real waitress, real threads):
16 editors offering at once make one offer each; 16 replays of them make
none; two reviewers (and their replays) accepting one offer at once make
one acceptance, the others are told who decided."""

import pytest
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.catalog.placements import placements_of
from tests.concurrency.helpers import poster, threaded_server
from tests.concurrency.writers import WRITERS, run_all, signed_in
from tests.conftest import read_root
from tests.http.helpers import add_user
from tests.public.helpers import publish_documents

from .helpers import TARGET, offers

SECOND = "portal_reviewer2"


@pytest.fixture(autouse=True)
def patient_client(monkeypatch):
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)


@pytest.fixture
def server_port(wsgi_app):
    with threaded_server(wsgi_app, "syndication-server") as port:
        yield port


def test_sixteen_offers_at_once_then_two_reviewers_on_one(wsgi_app, server_port):
    specs = [
        {"title": f"教育局并发报送稿件{i:02d}", "name": f"syn-c{i:02d}"} for i in range(WRITERS)
    ]
    paths = publish_documents(
        wsgi_app, "/jyj/gzdt/", specs, editor="jyj_editor", reviewer="jyj_reviewer"
    )
    editors = [signed_in(server_port, "jyj_editor") for _ in range(2)]
    assert editors[0].get(paths[0] + "@@syndicate").status == 200  # templates compiled
    jobs = [
        poster(editors[i % 2], path + "@@syndicate", {"target": TARGET, "note": "并发"})
        for i, path in enumerate(paths)
    ]
    assert run_all(jobs) == {303: WRITERS}
    found = offers(wsgi_app)
    assert len(found) == WRITERS
    assert all(state == "offered" and steps == ["offer"] for _k, state, steps in found)
    # replays: nothing new
    assert run_all(jobs) == {303: WRITERS}
    assert offers(wsgi_app) == found

    add_user(wsgi_app, SECOND, "门户审核")
    reviewers = [signed_in(server_port, "portal_reviewer"), signed_in(server_port, SECOND)]
    assert reviewers[0].get("/@@syndication-review").status == 200
    key = found[0][0]
    jobs = [
        poster(reviewers[i % 2], "/@@syndication-decide", {"offer": key, "step": "accept"})
        for i in range(WRITERS)
    ]
    assert run_all(jobs) == {303: 1, 409: WRITERS - 1}
    after = {k: (state, steps) for k, state, steps in offers(wsgi_app)}
    assert after[key] == ("accepted", ["offer", "accept"])
    assert sum(state == "accepted" for state, _s in after.values()) == 1

    def placed(root):
        document_oid = int(key.split("_")[0])
        manager.push({"registry": wsgi_app.registry, "request": None})
        try:
            docs = [find_resource(root, p) for p in paths]
            (doc,) = [d for d in docs if get_oid(d) == document_oid]
            return placements_of(doc, wsgi_app.registry)
        finally:
            manager.pop()

    assert read_root(wsgi_app, placed) == [int(key.split("_")[1])]
