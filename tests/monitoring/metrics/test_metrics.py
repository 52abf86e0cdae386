"""/metrics: who may scrape, what moves, and that a scrape writes nothing."""

import pytest
import webtest

from govportal import main
from tests.conftest import close_app

from .helpers import BEARER, TOKEN, samples, total, value


@pytest.fixture
def metrics_app(app_settings):
    app = main({}, **{**app_settings, "govportal.monitoring.metrics_token": TOKEN})
    yield webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
    close_app(app)


def scrape(client, **kw):
    res = client.get("/metrics", **kw)
    assert res.content_type == "text/plain"
    return samples(res.text)


def test_refused_from_an_address_not_allowed(metrics_app):
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    res = metrics_app.get("/metrics", extra_environ=outside, status=404)
    assert "govportal" not in res.text
    wrong = {"Authorization": "Bearer not-the-token"}
    metrics_app.get("/metrics", headers=wrong, extra_environ=outside, status=404)
    # through a proxy on the same host: the address does not count
    proxied = {"X-Forwarded-For": "203.0.113.9"}
    metrics_app.get("/metrics", headers=proxied, status=404)
    metrics_app.post("/metrics", status=404)


def test_allowed_by_address_or_with_the_token(metrics_app):
    assert "govportal_http_requests_total" in metrics_app.get("/metrics").text
    outside = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    res = metrics_app.get("/metrics", headers=BEARER, extra_environ=outside)
    assert "govportal_open_deadlines" in res.text
    v6 = metrics_app.get("/metrics", extra_environ={"REMOTE_ADDR": "::1"})
    assert v6.status_int == 200


def test_no_token_configured_means_no_token_access(testapp):
    res = testapp.get(
        "/metrics",
        headers={"Authorization": "Bearer "},
        extra_environ={"REMOTE_ADDR": "203.0.113.9"},
        status=404,
    )
    assert res.status_int == 404


def test_counters_move_after_requests(metrics_app):
    before = scrape(metrics_app)
    for _ in range(3):
        metrics_app.get("/robots.txt")
    metrics_app.get("/no-such-page-here", status=404)
    metrics_app.get("/healthz")
    after = scrape(metrics_app)
    name = "govportal_http_requests_total"
    robots = value(after, name, view="Root@@robots.txt", status="2xx") - value(
        before, name, view="Root@@robots.txt", status="2xx"
    )
    assert robots == 3
    assert value(after, name, view="exception:HTTPNotFound", status="4xx") >= 1
    assert value(after, name, view="healthz", status="2xx") >= 1
    hist = "govportal_http_request_duration_seconds_count"
    assert (
        value(after, hist, view="Root@@robots.txt") - value(before, hist, view="Root@@robots.txt")
        == 3
    )
    # nothing labelled by the raw path
    assert not any("no-such-page" in str(labels) for (_n, labels) in after)


def test_render_cache_hits_and_misses(metrics_app):
    before = scrape(metrics_app)
    metrics_app.get("/")  # rendered and stored (or passed), then served from the cache
    metrics_app.get("/")
    metrics_app.get("/")
    after = scrape(metrics_app)
    hits = value(after, "govportal_render_cache_total", result="hit") - value(
        before, "govportal_render_cache_total", result="hit"
    )
    misses = value(after, "govportal_render_cache_total", result="miss") - value(
        before, "govportal_render_cache_total", result="miss"
    )
    assert misses == 1 and hits == 2
    assert value(after, "govportal_http_requests_total", view="render_cache", status="2xx") >= 2


def test_a_failed_login_increments(metrics_app):
    from tests.conftest import csrf_token

    before = value(scrape(metrics_app), "govportal_login_failures_total")
    page = metrics_app.get("/@@login")
    metrics_app.post(
        "/@@login",
        {"login": "jyj_editor", "password": "wrong", "csrf_token": csrf_token(page.text)},
        status="*",
    )
    after = value(scrape(metrics_app), "govportal_login_failures_total")
    assert after == before + 1


def test_conflicts_and_retries_are_counted(app_settings):
    """A request that conflicts twice and then succeeds: two conflicts, two
    retries, one answer (counted once, under its view)."""
    from pyramid.config import Configurator
    from pyramid.security import NO_PERMISSION_REQUIRED
    from ZODB.POSException import ConflictError

    import govportal
    from govportal.settings import apply_defaults

    calls = []

    def flaky(context, request):
        calls.append(1)
        if len(calls) <= 2:
            error = ConflictError(oid=b"\0" * 7 + b"\x2a")
            error.class_name = "BTrees.OOBTree.OOBucket"
            raise error
        return request.response

    config = Configurator(settings=apply_defaults(app_settings))
    config.include(govportal.includeme)
    config.add_view(flaky, name="flaky", permission=NO_PERMISSION_REQUIRED, require_csrf=False)
    app = config.make_wsgi_app()
    try:
        client = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        client.post("/flaky", status=200)
        found = scrape(client)
    finally:
        close_app(app)
    kind = "ConflictError BTrees.OOBTree.OOBucket"
    assert value(found, "govportal_transaction_conflicts_total", kind=kind) == 2
    assert value(found, "govportal_transaction_retries_total", kind=kind) == 2
    assert value(found, "govportal_http_requests_total", view="Root@@flaky", status="2xx") == 1


def test_indexer_and_scheduler_gauges(metrics_app):
    from govportal.monitoring.metrics import make_round_job

    registry = metrics_app.app.registry
    found = scrape(metrics_app)
    assert value(found, "govportal_search_indexer_up") == 1
    assert "govportal_search_queue_length" in {n for n, _ in found}
    job = make_round_job(registry.govportal_metrics)
    job(None, type("R", (), {"registry": registry})())
    found = scrape(metrics_app)
    assert value(found, "govportal_scheduler_rounds_total") == 1
    registry.govportal_search.close()
    assert value(scrape(metrics_app), "govportal_search_indexer_up") == 0


def test_open_alarms_and_deadlines(metrics_app):
    import transaction

    from govportal.bootstrap import site_session
    from govportal.monitoring.alarms import raise_alarm

    registry = metrics_app.app.registry
    with site_session(registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        raise_alarm(root, request, "links", "/yw/x", "坏链", "正文", level="warning")
        raise_alarm(root, request, "tamper", "/a", "篡改", "正文", level="veto")
    transaction.abort()
    facts = registry.govportal_metrics  # noqa: F841 - the app's metrics exist
    found = scrape(metrics_app)
    assert value(found, "govportal_database_facts_up") == 1
    assert value(found, "govportal_monitoring_open_alarms", kind="links", level="warning") == 1
    assert value(found, "govportal_monitoring_open_alarms", kind="tamper", level="veto") == 1
    levels = {dict(ls).get("level") for n, ls in found if n == "govportal_open_deadlines"}
    assert levels <= {"ok", "near", "overdue"}
    # every open letter of the demo site is counted once, whoever may see it
    from govportal.content import site_group
    from govportal.interaction.letters.queries import open_letters_of
    from tests.conftest import read_root

    letters = read_root(
        metrics_app.app,
        lambda root: sum(len(open_letters_of(s, registry)) for s in site_group(root)),
    )
    assert letters > 0
    assert total(found, "govportal_open_deadlines", source="letters") == letters


def test_database_facts_are_computed_once_a_minute(metrics_app, monkeypatch):
    from govportal.monitoring.metrics import scrape as scrape_module

    calls = []
    original = scrape_module.DatabaseFacts.compute

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(scrape_module.DatabaseFacts, "compute", counted)
    for _ in range(3):
        scrape(metrics_app)
    assert len(calls) == 1


def test_a_scrape_never_commits(metrics_app):
    dbs = metrics_app.app.registry._zodb_databases
    metrics_app.get("/metrics")  # the first computation of the database facts
    before = {name: db.lastTransaction() for name, db in dbs.items()}
    for _ in range(3):
        metrics_app.get("/metrics")
        metrics_app.get("/metrics", headers=BEARER)
    assert {name: db.lastTransaction() for name, db in dbs.items()} == before


def test_the_metrics_tween_is_the_outermost(wsgi_app):
    from pyramid.interfaces import ITweens

    names = [name for name, _f in wsgi_app.registry.queryUtility(ITweens).implicit()]
    assert names[:2] == [
        "govportal.monitoring.metrics.tween.metrics_tween_factory",
        "govportal.cache.serve.cache_tween_factory",
    ]
    assert names.index("pyramid_tm.tm_tween_factory") < names.index(
        "pyramid.tweens.excview_tween_factory"
    )
