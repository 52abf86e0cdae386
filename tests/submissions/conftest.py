"""Fixtures of the exactly-once tests: the applications' form helpers."""

import pytest

from tests.applications.conftest import Today


@pytest.fixture
def today(monkeypatch):
    return Today(monkeypatch)


@pytest.fixture
def outbox(wsgi_app):
    from pyramid_mailer import get_mailer

    return get_mailer(wsgi_app.registry).outbox
