"""Filters, paging, ETag/304, errors as JSON, rate limit, absolute URLs, OpenAPI."""

import webtest

import govportal
from tests.conftest import close_app

from .conftest import PUBLIC, every_item


def test_filters_and_paging(anon, seeded):
    body = anon.get("/api/v1/documents?column=/zcwj&size=5").json
    assert body["size"] == 5 and len(body["items"]) == 5
    assert body["total"] >= 21 and body["pages"] == -(-body["total"] // 5)
    assert body["next"].startswith(PUBLIC + "/api/v1/documents?") and body["previous"] is None
    items = every_item(anon, "/api/v1/documents?column=/zcwj&size=5")
    assert len(items) == body["total"] == len({i["id"] for i in items})
    # topic
    topical = every_item(anon, "/api/v1/documents?topic=%E6%95%99%E8%82%B2&size=100")
    assert topical and all(i["topic"] == "教育" for i in topical)
    # date range (inclusive)
    ranged = every_item(anon, "/api/v1/documents?from=2025-03-01&to=2025-06-30&size=100")
    assert ranged and all("2025-03-01" <= i["publish_date"] <= "2025-06-30" for i in ranged)
    # site
    jyj = every_item(anon, "/api/v1/documents?site=jyj&size=100")
    assert {i["site"] for i in jyj} == {"jyj"}
    assert {i["url"] for i in jyj} >= {PUBLIC + p for p in seeded["jyj"]}
    portal = every_item(anon, "/api/v1/documents?site=portal&size=100")
    assert {i["site"] for i in portal} == {"portal"}
    # metadata of a disclosure document
    seeded_item = next(i for i in jyj if i["url"] == PUBLIC + seeded["jyj"][0])
    detail = anon.get(seeded_item["api_url"][len(PUBLIC) :]).json
    assert detail["doc_number"].startswith("营教发") and detail["index_number"]
    assert detail["publisher"] is not None and isinstance(detail["attachments"], list)


def test_bad_requests_are_json_400_or_404(anon):
    cases = {
        "/api/v1/documents?size=0": "bad_size",
        "/api/v1/documents?size=101": "bad_size",
        "/api/v1/documents?page=0": "bad_page",
        "/api/v1/documents?page=x": "bad_page",
        "/api/v1/documents?from=2025-13-01": "bad_from",
        "/api/v1/documents?from=2025-05-01&to=2025-01-01": "bad_range",
        "/api/v1/documents?colum=/zcwj": "unknown_parameter",
    }
    for path, code in cases.items():
        res = anon.get(path, status=400)
        assert res.content_type == "application/json"
        assert res.json["error"]["code"] == code, path
        assert any("\u4e00" <= ch <= "\u9fff" for ch in res.json["error"]["message"])
    for path in (
        "/api/v1/documents?site=nosuch",
        "/api/v1/sites/nosuch/columns",
        "/api/v1/documents?column=/nosuch",
        "/api/v1/documents/123",
        "/api/v1/documents/abc",
        "/api/v1/nothing",
    ):
        res = anon.get(path, status=404)
        assert res.json["error"]["status"] == 404, path


def test_etag_and_304(anon):
    res = anon.get("/api/v1/sites")
    etag = res.headers["ETag"]
    assert res.headers["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = anon.get("/api/v1/sites", headers={"If-None-Match": etag}, status=304)
    assert again.body == b"" and again.headers["ETag"] == etag
    assert anon.get("/api/v1/sites", headers={"If-None-Match": '"other"'}).status_int == 200


def test_urls_ignore_the_host_header(anon, seeded):
    for path in ("/api/v1/sites", "/api/v1/documents?size=3", "/api/v1/openapi.json"):
        text = anon.get(path, headers={"Host": "evil.example.com"}).text
        assert "evil.example.com" not in text
    body = anon.get("/api/v1/documents?size=3", headers={"Host": "evil.example.com"}).json
    assert all(i["url"].startswith(PUBLIC + "/") for i in body["items"])
    assert body["next"].startswith(PUBLIC + "/api/v1/")


def test_dates_are_site_dates(anon):
    letters = anon.get("/api/v1/letters").json["items"]
    for letter in letters:
        assert len(letter["received_on"]) == 10


def test_rate_limit_429_with_retry_after(app_settings):
    app = govportal.main({}, **dict(app_settings, **{"govportal.api.anonymous_rate": "3/60"}))
    try:
        client = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.1"})
        for _i in range(3):
            client.get("/api/v1/sites")
        res = client.get("/api/v1/sites", status=429)
        assert res.json["error"]["code"] == "rate_limited"
        assert 1 <= int(res.headers["Retry-After"]) <= 20
        assert res.headers["Cache-Control"] == "no-store"
        # another address has its own bucket; a forwarded header changes nothing
        other = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.2"})
        other.get("/api/v1/sites")
        client.get("/api/v1/sites", headers={"X-Forwarded-For": "10.9.9.9"}, status=429)
    finally:
        close_app(app)


def test_openapi_is_valid_and_matches_the_answers(anon, seeded):
    from openapi_spec_validator import validate

    spec = anon.get("/api/v1/openapi.json").json
    validate(spec)
    schemas = spec["components"]["schemas"]
    samples = {
        "Site": anon.get("/api/v1/sites").json["items"][0],
        "Column": anon.get("/api/v1/sites/portal/columns").json["items"][0],
        "Document": anon.get("/api/v1/documents?size=1").json["items"][0],
        "Guide": anon.get("/api/v1/guides?size=1").json["items"][0],
        "Letter": anon.get("/api/v1/letters?size=1").json["items"][0],
    }
    doc = next(i for i in every_item(anon, "/api/v1/documents?size=100") if i["api_url"])
    samples["DocumentDetail"] = anon.get(doc["api_url"][len(PUBLIC) :]).json
    for name, sample in samples.items():
        assert set(sample) == set(schemas[name]["properties"]), name
    assert set(spec["paths"]) >= {"/api/v1/documents", "/api/v1/documents/{id}"}


def test_head_and_token_rate_is_its_own(app_settings):
    app = govportal.main(
        {},
        **dict(
            app_settings,
            **{"govportal.api.anonymous_rate": "1/60", "govportal.api.token_rate": "5/60"},
        ),
    )
    try:
        from govportal.api import tokens
        from govportal.bootstrap import site_session

        with site_session(app.registry) as (zroot, _request):
            _record, plain = tokens.create(
                zroot["app_root"], None, "t", "p", ["portal"], ["sites"], 1, "admin"
            )
        client = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.3"})
        assert client.head("/api/v1/sites").status_int == 200
        client.get("/api/v1/sites", status=429)
        auth = {"Authorization": f"Bearer {plain}"}
        for _i in range(5):
            client.get("/api/v1/sites", headers=auth)
        client.get("/api/v1/sites", headers=auth, status=429)
        # a wrong token spends the address's bucket: guessing is limited too
        bad = {"Authorization": "Bearer gpapi_0_0"}
        other = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "10.0.0.4"})
        other.get("/api/v1/sites", headers=bad, status=401)
        other.get("/api/v1/sites", headers=bad, status=429)
    finally:
        close_app(app)


def test_anonymous_api_reads_write_nothing(anon, api_app):
    content = api_app.registry._zodb_databases[""]
    anon.get("/api/v1/sites")
    before = content.lastTransaction()
    for path in (
        "/api/v1/sites",
        "/api/v1/sites/jyj/columns",
        "/api/v1/documents",
        "/api/v1/documents?column=/zcwj",
        "/api/v1/guides",
        "/api/v1/letters",
        "/api/v1/openapi.json",
        "/api/v1/documents?size=0",
    ):
        anon.get(path, status="*")
    assert content.lastTransaction() == before
