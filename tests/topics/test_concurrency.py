"""Picking is a write path: 16 portal editors' sessions pick 16 different
items into one topic column at the same moment, each post sent twice (the
replay): every answer a redirect, each item picked exactly once, nothing
lost to a conflict; unpicking at once likewise."""

import threading

from pyramid.traversal import find_resource

from govportal.topics.picks import picked_into, picked_items
from tests.conftest import Browser, read_root
from tests.public.helpers import publish_documents

from .helpers import oid_of

WRITERS = 16
COLUMN = "/yhyshj/zccs/"


def _column_picks(app):
    def read(root):
        column = find_resource(root, COLUMN)
        return sorted(item.__name__ for item in picked_items(column) if item.__name__[:2] == "cw")

    return read_root(app, read)


def _all_at_once(app, clients, action, oids):
    statuses = [None] * WRITERS
    barrier = threading.Barrier(WRITERS)

    def writer(i):
        client, token = clients[i]
        data = {"item": str(oids[i]), "action": action, "csrf_token": token}
        barrier.wait()
        try:
            statuses[i] = [client.post(COLUMN + "@@topic-pick", data).status_int for _ in range(2)]
        except Exception as e:  # shown by the assertion
            statuses[i] = repr(e)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return statuses


def test_sixteen_editors_pick_at_once_and_replays_change_nothing(topics_site, wsgi_app):
    specs = [{"name": f"cw{i:02d}", "title": f"并发选用{i}"} for i in range(WRITERS)]
    paths = publish_documents(
        wsgi_app, "/jyj/gzdt/", specs, editor="jyj_editor", reviewer="jyj_reviewer"
    )
    oids = [oid_of(wsgi_app, p) for p in paths]
    clients = []
    for _ in range(WRITERS):
        client = Browser(wsgi_app).login("portal_editor")
        clients.append((client, client.csrf("/@@special-topics-admin")))
    statuses = _all_at_once(wsgi_app, clients, "pick", oids)
    assert statuses == [[303, 303]] * WRITERS
    assert _column_picks(wsgi_app) == [f"cw{i:02d}" for i in range(WRITERS)]
    column_oid = oid_of(wsgi_app, COLUMN)
    for path in paths:  # picked once: no duplicate entry after the replay
        assert read_root(wsgi_app, lambda root, p=path: picked_into(find_resource(root, p))) == (
            column_oid,
        )
    statuses = _all_at_once(wsgi_app, clients, "unpick", oids)
    assert statuses == [[303, 303]] * WRITERS
    assert _column_picks(wsgi_app) == []
