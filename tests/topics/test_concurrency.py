"""Picking is a write path: 16 portal editors' sessions pick 16 different
items into one topic column at the same moment, each post sent twice (the
replay): every answer a redirect, each item picked exactly once, nothing
lost to a conflict; unpicking at once likewise.  Creating topics, adding
columns to one topic, saving queries, editing topics and columns and
uploading banners: the same, sixteen at once."""

import threading

from pyramid.traversal import find_resource

from govportal.topics.picks import picked_into, picked_items
from tests.conftest import Browser, read_root
from tests.public.helpers import publish_documents

from .helpers import oid_of, png_bytes

WRITERS = 16
COLUMN = "/yhyshj/zccs/"


def _column_picks(app):
    def read(root):
        column = find_resource(root, COLUMN)
        return sorted(item.__name__ for item in picked_items(column) if item.__name__[:2] == "cw")

    return read_root(app, read)


def _all_at_once(app, clients, action, oids):
    def pick(i):
        return COLUMN + "@@topic-pick", {"item": str(oids[i]), "action": action}

    return _posts(clients, pick)


def _posts(clients, request_of):
    """Each client posts ``request_of(i)`` (path, data) twice, all at once;
    returns each client's two statuses."""
    statuses = [None] * WRITERS
    barrier = threading.Barrier(WRITERS)

    def writer(i):
        client, token = clients[i]
        path, data, *files = request_of(i)
        data = dict(data, csrf_token=token)
        barrier.wait()
        try:
            statuses[i] = [
                client.post(path, data, upload_files=files or None).status_int for _ in range(2)
            ]
        except Exception as e:  # shown by the assertion
            statuses[i] = repr(e)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return statuses


def _editors(app):
    clients = []
    for _ in range(WRITERS):
        client = Browser(app).login("portal_editor")
        clients.append((client, client.csrf("/@@special-topics-admin")))
    return clients


def test_sixteen_editors_pick_at_once_and_replays_change_nothing(topics_site, wsgi_app):
    specs = [{"name": f"cw{i:02d}", "title": f"并发选用{i}"} for i in range(WRITERS)]
    paths = publish_documents(
        wsgi_app, "/jyj/gzdt/", specs, editor="jyj_editor", reviewer="jyj_reviewer"
    )
    oids = [oid_of(wsgi_app, p) for p in paths]
    clients = _editors(wsgi_app)
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


def test_sixteen_editors_create_topics_columns_and_queries_at_once(topics_site, wsgi_app):
    clients = _editors(wsgi_app)

    def create(i):
        return "/@@special-topics-admin", {"title": f"并发专题{i}", "name": f"bf{i:02d}"}

    assert _posts(clients, create) == [[303, 303]] * WRITERS

    def column(i):  # all into one topic: one folder, sixteen writers
        return "/bf00/@@topic-add-column", {"title": f"栏目{i}", "name": f"lm{i:02d}"}

    assert _posts(clients, column) == [[303, 303]] * WRITERS

    def query(i):
        return f"/bf00/lm{i:02d}/@@topic-query", {"departments": "jyj", "topic": f"主题{i}"}

    assert _posts(clients, query) == [[303, 303]] * WRITERS

    def edit(i):
        return f"/bf{i:02d}/@@topic-edit", {"title": f"改名专题{i}", "position": str(i)}

    assert _posts(clients, edit) == [[303, 303]] * WRITERS

    def rename(i):
        return f"/bf00/lm{i:02d}/@@topic-column-edit", {"title": f"新栏目{i}", "position": str(i)}

    assert _posts(clients, rename) == [[303, 303]] * WRITERS

    def banner(i):
        data = {"banner_alt": f"专题横幅{i}"}
        return f"/bf{i:02d}/@@topic-banner", data, ("banner", "b.png", png_bytes(i))

    assert _posts(clients, banner) == [[303, 303]] * WRITERS

    def read(root):
        topics = {n: (v.title, v.banner_alt) for n, v in root.items() if n.startswith("bf")}
        columns = root["bf00"]
        queries = {
            name: (column.title, column.special_topic_query["topic"])
            for name, column in columns.items()
        }
        return topics, queries

    topics, queries = read_root(wsgi_app, read)
    assert topics == {f"bf{i:02d}": (f"改名专题{i}", f"专题横幅{i}") for i in range(WRITERS)}
    assert queries == {f"lm{i:02d}": (f"新栏目{i}", f"主题{i}") for i in range(WRITERS)}
