"""The probe job in the real scheduler thread: a served request starts the
thread, which claims a round, commits, fetches with no transaction open and
records it; the next scheduler rounds, within the interval, probe nothing."""

import time

import pytest
import webtest

import govportal

from ...conftest import close_app
from .conftest import keys, serve, set_base, tiny_app


@pytest.fixture
def threaded_app(probe_settings):
    settings = dict(
        probe_settings,
        **{"govportal.schedule.worker": "thread", "govportal.schedule.interval": "0.5"},
    )
    app = govportal.main({}, **settings)
    yield app
    close_app(app)


def test_scheduler_thread_probes_once_per_interval(threaded_app):
    app = threaded_app
    with serve(tiny_app()) as base:
        set_base(app, base)
        webtest.TestApp(app).get("/")  # the first request starts the scheduler
        deadline = time.monotonic() + 60
        while not keys(app) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert keys(app), "no round within 60 s"
        time.sleep(3)  # several more scheduler rounds
        found = keys(app)
    assert set(found.values()) == {1}, found
    assert ("/jyj", "") in found and ("/", "/xxgk/") in found
