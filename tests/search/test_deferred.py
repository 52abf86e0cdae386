"""Deferred indexing: editors' transactions never write the index, so two
editors saving different documents at once cannot conflict on it; the
indexer catches up before the next search; lost work is found again."""

import io
from contextlib import contextmanager

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager
from substanced.event import ObjectModified
from substanced.util import get_oid
from ZODB.POSException import ConflictError

from govportal import main
from govportal.bootstrap import request_as, site_session
from govportal.search import script
from govportal.search.index import INDEX_KEY, get_index
from govportal.search.indexer import build_record
from govportal.workflow import get_workflow
from tests.conftest import Browser, close_app
from tests.http.helpers import publish

from .conftest import results


def found(app, q):
    res = webtest.TestApp(app).get("/search", {"q": q}, status=200)
    return [p for p, _t in results(res)]


@contextmanager
def running(settings, **extra):
    app = main({}, **dict(settings, **extra))
    try:
        yield app
    finally:
        close_app(app)


@contextmanager
def connection(app):
    """A connection with its own transaction manager, as a second process has."""
    db = app.registry._zodb_databases[""]
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    manager.push({"registry": app.registry, "request": None})
    try:
        yield conn.root(), tm
    finally:
        manager.pop()
        tm.abort()
        conn.close()


def lookup(zodb_root, path):
    node = zodb_root["app_root"]
    for name in [n for n in path.strip("/").split("/") if n]:
        node = node[name]
    return node


def index_oids(app):
    """ZODB oids of the index and of its counters and top-level trees."""
    with connection(app) as (zodb_root, _tm):
        index = get_index(zodb_root)
        parts = [index, index.postings, index.records, index.count, index.total_length]
        return {p._p_oid for p in parts}, len(index)


def oids_written_since(app, tid):
    storage = app.registry._zodb_databases[""].storage
    written = set()
    for txn in storage.iterator(tid):
        if txn.tid == tid:
            continue
        written.update(record.oid for record in txn)
    return written


def last_tid(app):
    return app.registry._zodb_databases[""].lastTransaction()


def publish_directly(app, name, title, body):
    """Publish a document as a script would: no request, no indexer thread."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor, reviewer = users["jyj_editor"], users["jyj_reviewer"]
        doc = app.registry.content.create("Document", title=title, body=body)
        doc.last_editor = get_oid(editor)
        root["jyj"]["gzdt"][name] = doc
        workflow = get_workflow(doc, app.registry)
        workflow.transition(doc, request_as(request, get_oid(editor)), "submit")
        workflow.transition(doc, request_as(request, get_oid(reviewer)), "approve")
        return f"/jyj/gzdt/{name}/"


# -- the editor's transaction ------------------------------------------------------


def test_editors_transactions_write_nothing_to_the_index(app_settings):
    with running(app_settings, **{"govportal.search.worker": "inline"}) as app:
        assert found(app, "任意") == []  # builds the index
        index_parts, size = index_oids(app)
        tid = last_tid(app)
        editor = Browser(app).login("jyj_editor")
        reviewer = Browser(app).login("jyj_reviewer")
        path = publish(
            editor, reviewer, "/jyj/gzdt/", "延迟索引测试文件", "<p>延迟索引专用词。</p>"
        )
        indexer = app.registry.govportal_search
        assert indexer.pending() >= 1  # queued after the commits ...
        assert not index_parts & oids_written_since(app, tid)  # ... nothing written
        assert index_oids(app)[1] == size
        # the next search does the queued work first, in its own transaction
        assert found(app, "延迟索引专用词") == [path]
        assert indexer.pending() == 0
        assert index_parts & oids_written_since(app, tid)


def test_an_aborted_transaction_queues_nothing(app_settings):
    with running(app_settings, **{"govportal.search.worker": "inline"}) as app:
        with site_session(app.registry, commit=False) as (zodb_root, request):
            doc = zodb_root["app_root"]["zcwj"]["yingshan-website-regulation-2019"]
            doc.title = "不会保存的标题"
            request.registry.subscribers((ObjectModified(doc), doc), None)
        assert app.registry.govportal_search.pending() == 0


def _two_published(app):
    editor = Browser(app).login("jyj_editor")
    reviewer = Browser(app).login("jyj_reviewer")
    a = publish(editor, reviewer, "/jyj/gzdt/", "甲号文件", "<p>甲号正文。</p>")
    b = publish(editor, reviewer, "/jyj/tzgg/", "乙号文件", "<p>乙号正文。</p>")
    assert found(app, "号文件") == [a, b] or found(app, "号文件") == [b, a]
    return a, b


def test_two_editors_saving_different_documents_at_once_do_not_conflict(wsgi_app):
    a, b = _two_published(wsgi_app)
    registry = wsgi_app.registry
    with connection(wsgi_app) as (root1, tm1), connection(wsgi_app) as (root2, tm2):
        # both transactions start from the same state, as concurrent requests do
        for root, path, title in (
            (root1, a, "甲号文件 共同新词汇"),
            (root2, b, "乙号文件 共同新词汇"),
        ):
            doc = lookup(root, path)
            doc.title = title
            registry.subscribers((ObjectModified(doc), doc), None)
        tm1.commit()
        tm2.commit()  # no ConflictError: neither wrote the index
    assert sorted(found(wsgi_app, "共同新词汇")) == sorted([a, b])


def test_indexing_inside_the_editors_transactions_would_conflict(wsgi_app):
    """The control experiment: had each editor's transaction updated the
    index itself, the second commit would fail."""
    a, b = _two_published(wsgi_app)
    with connection(wsgi_app) as (root1, tm1), connection(wsgi_app) as (root2, tm2):
        for root, path, title in (
            (root1, a, "甲号文件 共同新词汇"),
            (root2, b, "乙号文件 共同新词汇"),
        ):
            doc = lookup(root, path)
            doc.title = title
            get_index(root).index_doc(get_oid(doc), build_record(doc, "signature"))
        tm1.commit()
        with pytest.raises(ConflictError):
            tm2.commit()


def test_a_search_right_after_publishing_finds_the_document(staff, wsgi_app, testapp):
    indexer = wsgi_app.registry.govportal_search
    assert indexer.mode == "thread"
    path = staff.publish("发布后立即检索", "<p>立即检索专用词。</p>")
    res = testapp.get("/search", {"q": "立即检索专用词"})
    assert [p for p, _t in results(res)] == [path]
    assert indexer.stats["indexed"] >= 1


# -- recovery: what no queue holds is found again ----------------------------------------


def test_the_start_up_check_finds_what_a_script_published(app_settings):
    with running(app_settings) as app:
        assert found(app, "营山县政府网站管理办法")  # the index exists
    with running(app_settings) as app:
        # a script: the work it queued dies with its process
        path = publish_directly(app, "by-script", "脚本发布的文件", "<p>脚本专用词。</p>")
        assert app.registry.govportal_search.pending() == 1
    with running(app_settings) as app:
        found(app, "任意")  # the first search starts the check, in the background
        assert app.registry.govportal_search.wait_idle(30)
        assert found(app, "脚本专用词") == [path]


def test_an_index_made_by_another_splitter_version_is_rebuilt(app_settings):
    with running(app_settings) as app:
        assert found(app, "营山县政府网站管理办法")
        with site_session(app.registry) as (zodb_root, _request):
            zodb_root[INDEX_KEY].version = -1
    with running(app_settings) as app:
        assert found(app, "营山县政府网站管理办法")
        with connection(app) as (zodb_root, _tm):
            assert get_index(zodb_root).is_current()


def test_govportal_index_command(app_settings, tmp_path):
    ini = tmp_path / "search.ini"
    lines = ["[app:main]", "use = egg:govportal"]
    lines += [f"{key} = {value}" for key, value in app_settings.items()]
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(*args):
        out = io.StringIO()
        assert script.main([*args, str(ini)], out=out) == 0
        return out.getvalue()

    assert "尚未建立" in run("--stats")
    # the demo site's regulation, its three service guides (govportal.services.search)
    # and its nine 智能问答 entries (govportal.interaction.answers.search)
    assert "索引 13 篇" in run()
    assert "13 篇文档" in run("--stats")
    with running(app_settings) as app:
        path = publish_directly(app, "by-command", "命令行补录的文件", "<p>命令行专用词。</p>")
    assert "索引 1 篇" in run()  # only what changed
    assert "索引 0 篇" in run()
    assert "索引 14 篇" in run("--rebuild")
    with running(app_settings, **{"govportal.search.check_at_start": "false"}) as app:
        assert found(app, "命令行专用词") == [path]
