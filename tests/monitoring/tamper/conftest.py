import pytest

import govportal

from ...conftest import close_app
from .helpers import OPS


@pytest.fixture
def app(app_settings):
    app = govportal.main({}, **dict(app_settings, **{"govportal.monitoring.ops_emails": OPS}))
    yield app
    close_app(app)


@pytest.fixture
def browser_for(app):
    """``browser_for('admin')``: a client of ``app`` signed in as that user."""
    from ...conftest import Browser

    def make(login=None):
        client = Browser(app)
        if login is not None:
            client.login(login)
        return client

    return make
