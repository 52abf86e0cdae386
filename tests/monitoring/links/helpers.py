"""Pieces of the broken-link crawler's tests: a local web server whose pages
answer as the test needs, and published documents with links."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock
from urllib.parse import urlsplit

from pyramid.traversal import find_resource
from substanced.util import get_oid

import govportal
from govportal.bootstrap import site_session
from govportal.monitoring.links.external import HttpChecker

from ...conftest import close_app
from ...public.helpers import publish_documents

SETTINGS = {
    "govportal.monitoring.links_allow_private": "true",
    "govportal.monitoring.links_timeout": "1",
    "govportal.monitoring.links_rate": "100",
}


class Pages(BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /forbidden 403, /flaky 500 then 200, /down 500
    always, /slow answers after 3 s, /nohead 405 to HEAD, /moved → /ok."""

    hits = None  # path -> [monotonic times]; set by web_server

    def _answer(self):
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits.setdefault(path, []).append((self.command, time.monotonic()))
            count = len(self.server.hits[path])
        if path == "/slow":
            time.sleep(3)
            status = 200
        elif path == "/flaky":
            status = 500 if count == 1 else 200
        elif path == "/nohead":
            status = 405 if self.command == "HEAD" else 200
        else:
            status = {"/gone": 404, "/forbidden": 403, "/down": 500, "/moved": 302}.get(path, 200)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def web_server():
    """Serve :class:`Pages` on 127.0.0.1; yield (base URL, server with .hits)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    server.hits = {}
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()


def offline(check):
    """``HttpChecker.check`` that asks only this machine's servers: the demo's
    links to real sites (a guide's 在线办理 address …) count as good, as
    there is no network here."""

    def check_here(self, url):
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            return "ok", 200, ""
        return check(self, url)

    return check_here


@contextlib.contextmanager
def links_app(app_settings, **extra):
    app = govportal.main({}, **dict(app_settings, **SETTINGS, **extra))
    try:
        with mock.patch.object(HttpChecker, "check", offline(HttpChecker.check)):
            yield app
    finally:
        close_app(app)


def publish(app, body, name, column="/jyj/gzdt"):
    """Publish a document of jyj_editor's with ``body``; its path."""
    editor, reviewer = (
        ("jyj_editor", "jyj_reviewer")
        if column.startswith("/jyj")
        else (
            "wjj_editor",
            "wjj_reviewer",
        )
    )
    spec = {"name": name, "title": f"测试稿件{name}", "body": body}
    return publish_documents(app, column, [spec], editor, reviewer)[0].rstrip("/")


def draft(app, name, column="/jyj/gzdt"):
    """An unpublished document; its object id."""
    with site_session(app.registry) as (zroot, request):
        root = zroot["app_root"]
        doc = request.registry.content.create("Document", title="草稿", body="<p>草稿</p>")
        find_resource(root, column)[name] = doc
        return get_oid(doc)


def set_body(app, path, body):
    with site_session(app.registry) as (zroot, _request):
        find_resource(zroot["app_root"], path).body = body
