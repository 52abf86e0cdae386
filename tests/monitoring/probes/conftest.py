"""Fixtures of the availability probe tests: an app whose alarms go to known
addresses and an SMS file, small tiny-timeout settings, and helpers that
seed and read the probe history in the monitor database."""

import contextlib
import json
import threading
import time
from datetime import timedelta

import pytest
from pyramid_mailer import get_mailer
from waitress.server import create_server

import govportal
from govportal.bootstrap import site_session
from govportal.monitoring.probes import history
from govportal.monitoring.probes.fetch import Result
from govportal.sitetime import now_utc

from ...conftest import close_app

OPS = "duty@yingshan.gov.cn"
PHONE = "13900000001"
SETTINGS = "govportal.monitoring."


@pytest.fixture
def probe_settings(app_settings, tmp_path):
    return dict(
        app_settings,
        **{
            SETTINGS + "ops_emails": OPS,
            SETTINGS + "ops_phones": PHONE,
            SETTINGS + "probe_timeout": "5",
            "govportal.sms.backend": "file",
            "govportal.sms.file": str(tmp_path / "sms.log"),
        },
    )


@pytest.fixture
def app(probe_settings):
    app = govportal.main({}, **probe_settings)
    yield app
    close_app(app)


def set_base(app, url, **more):
    """Point the in-process probe at ``url`` (and set more probe settings)."""
    app.registry.settings[SETTINGS + "probe_base_url"] = url
    for name, value in more.items():
        app.registry.settings[SETTINGS + name] = value


def seed(app, site_path, path, oks, start=None, step=timedelta(minutes=5)):
    """Store probes of ``site_path``+``path``: ``oks`` a list of booleans,
    oldest first, ``step`` apart, ending ``step`` before now."""
    end = start or now_utc() - step
    first = end - step * (len(oks) - 1)
    with site_session(app.registry) as (zroot, _request):
        found = history.book(zroot["app_root"])
        for i, ok in enumerate(oks):
            result = Result("seeded", ok, 200 if ok else 503, 0.1, "" if ok else "HTTP 503")
            history.record(found, site_path, path, first + step * i, result)


def series(app, site_path, path=""):
    """The stored probes of one page, oldest first."""
    with site_session(app.registry, commit=False) as (zroot, _request):
        return history.probes(history.book(zroot["app_root"], create=False), site_path, path)


def keys(app):
    """``{(site_path, path): number of probes}``."""
    with site_session(app.registry, commit=False) as (zroot, _request):
        found = history.book(zroot["app_root"], create=False)
        if found is None:
            return {}
        return {key: len(s) for key, s in found.series.items()}


def mails(app, address=OPS):
    return [m for m in get_mailer(app.registry).outbox if address in m.recipients]


def sms(tmp_path):
    path = tmp_path / "sms.log"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def tiny_app(sleep=2.0):
    """A WSGI app: ``/boom/`` answers 500, ``/slow/`` sleeps ``sleep`` s, else 200."""

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/boom"):
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"boom"]
        if path.startswith("/slow"):
            time.sleep(sleep)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return ["<html><body>营山县</body></html>".encode()]

    return app


@contextlib.contextmanager
def serve(wsgi, name="probe-target", port=0, threads=4):
    """Serve ``wsgi`` with waitress on ``port`` (0: a free one); yield the base URL."""
    server = create_server(wsgi, host="127.0.0.1", port=port, threads=threads)
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        thread.join(timeout=5)
