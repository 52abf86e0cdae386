import pytest

import govportal

from ...conftest import close_app
from .helpers import OPS


@pytest.fixture
def app(app_settings):
    app = govportal.main({}, **dict(app_settings, **{"govportal.monitoring.ops_emails": OPS}))
    yield app
    close_app(app)
