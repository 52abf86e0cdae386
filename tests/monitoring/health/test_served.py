"""The endpoints through a real waitress server (a real socket's address)."""

import json
import urllib.error
import urllib.request

from tests.concurrency.helpers import threaded_server


def _get(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - local
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_served_health_and_metrics(wsgi_app):
    with threaded_server(wsgi_app, "health-served") as port:
        status, headers, body = _get(port, "/healthz")
        assert (status, body) == (200, b"ok\n")
        assert headers["X-Content-Type-Options"] == "nosniff"  # the hardening policy's
        status, _headers, body = _get(port, "/readyz")
        assert status == 200 and json.loads(body)["status"] == "ready"
        status, _headers, body = _get(port, "/metrics")  # from 127.0.0.1: allowed
        assert status == 200 and b"govportal_http_requests_total" in body
        assert b'view="readyz"' in body


def test_metrics_refused_to_visitors_through_the_shipped_proxy_settings(wsgi_app):
    """production.ini's waitress believes X-Forwarded-For from the local proxy:
    a visitor's request through it is refused although it comes from 127.0.0.1."""
    import threading

    from waitress import create_server

    server = create_server(
        wsgi_app,
        host="127.0.0.1",
        port=0,
        threads=2,
        trusted_proxy="127.0.0.1",
        trusted_proxy_headers="x-forwarded-for",
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        assert _get(port, "/metrics", {"X-Forwarded-For": "203.0.113.7"})[0] == 404
        assert _get(port, "/metrics")[0] == 200  # the host itself, directly
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        thread.join(timeout=5)
