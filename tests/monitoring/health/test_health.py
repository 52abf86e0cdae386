"""/healthz and /readyz: alive, ready, and not ready naming the check."""

import json

import pytest

from govportal.monitoring.health import get_readiness


def _tids(app):
    return {name: db.lastTransaction() for name, db in app.registry._zodb_databases.items()}


def _ready(testapp, status=200):
    get_readiness(testapp.app.registry)._answer = None  # no memo between steps
    res = testapp.get("/readyz", status=status)
    assert res.headers["Cache-Control"] == "no-store"
    return json.loads(res.body)


def test_healthz_is_ok_without_database_or_session(testapp, monkeypatch):
    db = testapp.app.registry._zodb_databases[""]

    def refuse(*args, **kw):
        raise AssertionError("healthz opened the database")

    monkeypatch.setattr(db, "open", refuse)
    res = testapp.get("/healthz")
    assert res.text == "ok\n"
    assert res.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in res.headers
    assert "X-Govportal-Cache" not in res.headers
    assert testapp.head("/healthz").status_int == 200
    assert testapp.post("/healthz", status=405).headers["Allow"] == "GET, HEAD"


def test_readyz_ready_lists_every_check(testapp):
    data = _ready(testapp)
    assert data["status"] == "ready" and data["failing"] == []
    names = set(data["checks"])
    assert {"content_db", "audit_db", "monitor_db", "search_indexer", "scheduler", "mail"} <= names
    for check in data["checks"].values():
        assert check["status"] in ("ok", "warn")
        assert isinstance(check["ms"], float | int)
    assert data["checks"]["mail"]["delivery"] == "memory"
    # no paths, DSNs or secrets in the public answer
    body = json.dumps(data)
    assert "/" not in body and "file:" not in body and "secret" not in body


def test_readyz_fails_when_the_indexer_is_closed(testapp):
    testapp.app.registry.govportal_search.close()
    data = _ready(testapp, status=503)
    assert data["status"] == "not_ready"
    assert data["failing"] == ["search_indexer"]
    assert data["checks"]["search_indexer"]["reason"] == "closed"


def test_readyz_fails_when_the_database_is_unreachable(testapp, monkeypatch):
    db = testapp.app.registry._zodb_databases[""]

    def unreachable(*args, **kw):
        raise ConnectionRefusedError("postgresql://user:pw@db/govportal")

    monkeypatch.setattr(db, "open", unreachable)
    res = testapp.get("/readyz", status=503)
    data = json.loads(res.body)
    assert data["failing"] == ["content_db"]
    assert data["checks"]["content_db"] == {
        "status": "fail",
        "ms": data["checks"]["content_db"]["ms"],
        "reason": "error",
        "error": "ConnectionRefusedError",
    }
    assert "pw@" not in res.text


def test_readyz_times_out_a_hung_database_and_does_not_pile_up(testapp, monkeypatch):
    import threading

    readiness = get_readiness(testapp.app.registry)
    readiness.timeout = 0.2
    db = testapp.app.registry._zodb_databases["audit"]
    release = threading.Event()
    calls = []
    original = db.open

    def hung(*args, **kw):
        calls.append(1)
        release.wait(10)
        return original(*args, **kw)

    monkeypatch.setattr(db, "open", hung)
    try:
        data = _ready(testapp, status=503)
        assert data["failing"] == ["audit_db"]
        assert data["checks"]["audit_db"]["reason"] == "timeout"
        data = _ready(testapp, status=503)  # still hung: not started again
        assert data["checks"]["audit_db"]["reason"] == "timeout"
        assert len(calls) == 1
    finally:
        release.set()
    for run in list(readiness._running.values()):
        run.thread.join(5)
    assert _ready(testapp)["status"] == "ready"


def test_readyz_is_memoised_for_a_second(testapp, monkeypatch):
    readiness = get_readiness(testapp.app.registry)
    testapp.get("/readyz")
    testapp.app.registry.govportal_search.close()
    assert testapp.get("/readyz").status_int == 200  # the answer of a moment ago
    readiness._answer = None
    assert testapp.get("/readyz", status=503)


def test_readyz_reports_a_dead_scheduler_thread(app_settings):
    from govportal import main
    from tests.conftest import close_app

    app = main({}, **{**app_settings, "govportal.schedule.worker": "thread"})
    try:
        import webtest

        client = webtest.TestApp(app)
        data = json.loads(client.get("/readyz").body)
        assert data["checks"]["scheduler"]["reason"] == "not_started"
        worker = app.registry.govportal_scheduler
        worker._thread = _DeadThread()
        get_readiness(app.registry)._answer = None
        data = json.loads(client.get("/readyz", status=503).body)
        assert data["failing"] == ["scheduler"]
        assert data["checks"]["scheduler"]["reason"] == "thread_stopped"
        worker._thread = None
    finally:
        close_app(app)


class _DeadThread:
    def is_alive(self):
        return False

    def join(self, timeout=None):
        pass


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_never_commit(testapp, path):
    before = _tids(testapp.app)
    for _ in range(3):
        get_readiness(testapp.app.registry)._answer = None
        testapp.get(path)
    assert _tids(testapp.app) == before


def test_mail_check_fails_on_an_unwritable_directory(app_settings, tmp_path):
    from types import SimpleNamespace

    from govportal.monitoring.health import checks

    registry = SimpleNamespace(
        settings={
            "govportal.mail.delivery": "file",
            "govportal.mail.directory": str(tmp_path / "missing"),
        }
    )
    assert checks.mail(registry).reason == "not_writable"
    registry.settings["govportal.mail.directory"] = str(tmp_path)
    assert checks.mail(registry).status == "ok"
    registry.settings.update({"govportal.mail.delivery": "smtp"})
    assert checks.mail(registry).reason == "not_configured"
    registry.settings["mail.host"] = "smtp.example.org"
    assert checks.mail(registry).status == "ok"
