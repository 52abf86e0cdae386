"""Request body limits, tried the way an attacker would: huge declared
lengths, chunked bodies without a length, big forms to views that take no
files — all refused (413, Chinese) before anything parses the body."""

import io
import json

import webtest
from webob import Request

from tests.workspace.helpers import COLUMN, fill

MB = 1024 * 1024


class CountingInput(io.RawIOBase):
    """A request body of ``size`` bytes that counts what is read of it."""

    def __init__(self, size, chunk=b"a=" + b"x" * 8190):
        self.size = size
        self.read_bytes = 0
        self.chunk = chunk

    def readable(self):
        return True

    def read(self, n=-1):
        left = self.size - self.read_bytes
        if left <= 0:
            return b""
        n = left if n is None or n < 0 else min(n, left)
        n = min(n, 64 * 1024)
        self.read_bytes += n
        return (self.chunk * (n // len(self.chunk) + 1))[:n]

    def readline(self, limit=-1):
        return self.read(limit if limit and limit > 0 else 8192)


def call(app, path, environ, body):
    request = Request.blank(path, environ=dict(environ, REQUEST_METHOD="POST"))
    request.environ["wsgi.input"] = body
    return request.get_response(app)


def test_huge_content_length_is_refused_without_reading(wsgi_app):
    body = CountingInput(100)
    res = call(
        wsgi_app,
        "/@@login",
        {
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(1024 * MB),
        },
        body,
    )
    assert res.status_int == 413
    assert "提交的内容过大" in res.text
    assert body.read_bytes == 0
    assert res.headers["X-Content-Type-Options"] == "nosniff"


def test_huge_multipart_to_an_upload_view_is_refused_without_reading(wsgi_app):
    body = CountingInput(100)
    res = call(
        wsgi_app,
        COLUMN + "@@ws-add",
        {"CONTENT_TYPE": "multipart/form-data; boundary=x", "CONTENT_LENGTH": str(1024 * MB)},
        body,
    )
    assert res.status_int == 413
    assert body.read_bytes == 0


def test_chunked_body_is_cut_off_at_the_limit(wsgi_app):
    body = CountingInput(20 * MB)
    res = call(
        wsgi_app,
        "/@@login",
        {
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "HTTP_TRANSFER_ENCODING": "chunked",
        },
        body,
    )
    assert res.status_int == 413
    # stopped reading just past the 2 MB limit, not at 20 MB
    assert body.read_bytes <= 2 * MB + 128 * 1024


def test_chunked_multipart_is_cut_off_at_the_upload_limit(app_settings):
    from govportal import main
    from tests.conftest import close_app

    app = main({}, **dict(app_settings, **{"govportal.max_upload_mb": "3"}))
    try:
        body = CountingInput(40 * MB)
        res = call(
            app,
            COLUMN + "@@ws-add",
            {
                "CONTENT_TYPE": "multipart/form-data; boundary=x",
                "HTTP_TRANSFER_ENCODING": "chunked",
            },
            body,
        )
        assert res.status_int == 413
        assert body.read_bytes <= 3 * MB + 128 * 1024
    finally:
        close_app(app)


def test_small_chunked_body_is_passed_on_with_its_length(wsgi_app):
    body = io.BytesIO(b"q=%E9%80%9A%E7%9F%A5")
    request = Request.blank("/search", environ={"REQUEST_METHOD": "POST"})
    request.environ.update(
        {
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": body,
        }
    )
    request.environ.pop("CONTENT_LENGTH", None)
    res = request.get_response(wsgi_app)
    assert res.status_int != 413


def test_big_form_to_a_view_that_takes_no_files_is_refused(testapp):
    res = testapp.post(
        "/@@login",
        {"login": "x" * (3 * MB), "password": "y"},
        status=413,
        headers={"Accept": "application/json"},
    )
    data = json.loads(res.text)
    assert data["ok"] is False and "过大" in data["errors"][0]


def test_big_multipart_to_a_view_that_takes_no_files_is_refused(testapp):
    res = testapp.post(
        "/@@login",
        {"login": "x", "password": "y"},
        upload_files=[("file", "a.pdf", b"%PDF" + b"0" * (3 * MB))],
        status=413,
    )
    assert "提交的内容过大" in res.text


def test_multipart_disguised_by_path_parameters_is_refused(testapp):
    # an upload view's name inside the path, but not as the view
    res = testapp.post(
        "/ws-add/x/@@login",
        {"login": "x"},
        upload_files=[("file", "a.pdf", b"%PDF" + b"0" * (3 * MB))],
        status="*",
    )
    assert res.status_int == 413


def test_negative_or_garbage_content_length_is_refused(wsgi_app):
    for value in ("-1", "abc"):
        res = call(
            wsgi_app,
            "/@@login",
            {"CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": value},
            CountingInput(10),
        )
        assert res.status_int in (400, 413)


def test_normal_upload_within_the_upload_limit_works(browser):
    editor = browser("jyj_editor")
    form = editor.get(COLUMN + "@@ws-add").forms["ws-document"]
    fill(form, title="关于上传较大附件的测试", body="<p>正文</p>")
    # 3 MB: above the ordinary limit, within the upload limit
    from tests.http.helpers import PDF_BYTES

    form["upload"] = webtest.Upload("big.pdf", PDF_BYTES + b"\n%" + b"0" * (3 * MB))
    res = form.submit("save", status=303)
    assert res.location.endswith("@@ws-item")


def test_ini_files_cap_waitress_at_the_upload_limit():
    from govportal.settings import DEFAULTS, SOURCE_ROOT

    limit = int(DEFAULTS["govportal.max_upload_mb"]) * MB
    for name in ("development.ini", "production.ini"):
        text = (SOURCE_ROOT / name).read_text()
        line = [ln for ln in text.splitlines() if ln.startswith("max_request_body_size")]
        assert line, name
        assert int(line[0].split("=")[1]) <= limit + MB


# -- over a real socket, through waitress as the .ini files configure it -------


def _ini_body_limit():
    import configparser

    from govportal.settings import SOURCE_ROOT

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(SOURCE_ROOT / "development.ini")
    return int(parser["server:main"]["max_request_body_size"])


def _raw(port, head, body=b"", chunks=()):
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head + body)
        try:
            for chunk in chunks:
                sock.sendall(chunk)
        except OSError:
            pass  # the server closed the connection: refused
        data = b""
        while b"\r\n" not in data:
            part = sock.recv(4096)
            if not part:
                break
            data += part
    return data.split(b"\r\n", 1)[0].decode("latin-1")


def test_waitress_refuses_a_huge_declared_body_at_once(wsgi_app):
    import threading
    import time

    from waitress.server import create_server

    server = create_server(
        wsgi_app, host="127.0.0.1", port=0, threads=1, max_request_body_size=_ini_body_limit()
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.effective_port
        started = time.monotonic()
        head = (
            b"POST /@@login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 1073741824\r\n\r\n"
        )
        status = _raw(port, head, b"login=x")
        assert " 413 " in status, status
        assert time.monotonic() - started < 5
        # a chunked body that never ends is cut off at the limit, too
        head = (
            b"POST /@@login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"100000\r\n" + b"a" * 0x100000 + b"\r\n"
        status = _raw(port, head, chunks=[chunk] * 60)
        assert " 413 " in status, status
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        thread.join(timeout=5)
