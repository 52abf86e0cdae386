"""A write that hits a ZODB conflict is retried (pyramid_retry), and lands once."""

import transaction
import webtest
from pyramid.config import Configurator
from pyramid.security import NO_PERMISSION_REQUIRED
from ZODB.POSException import ConflictError

import govportal
from govportal.settings import apply_defaults

from .conftest import close_app


def test_conflicting_write_is_retried_and_committed_once(app_settings):
    calls = []

    def flaky(context, request):
        calls.append(1)
        context.retry_probe = getattr(context, "retry_probe", 0) + 1
        if len(calls) < 3:
            raise ConflictError("simulated conflict")
        return request.response

    config = Configurator(settings=apply_defaults(app_settings))
    config.include(govportal.includeme)
    config.add_view(flaky, name="flaky", permission=NO_PERMISSION_REQUIRED, require_csrf=False)
    app = config.make_wsgi_app()
    try:
        webtest.TestApp(app).post("/flaky", status=200)
        assert len(calls) == 3
        db = app.registry._zodb_databases[""]
        conn = db.open()
        try:
            assert conn.root()["app_root"].retry_probe == 1
        finally:
            conn.close()
            transaction.abort()
    finally:
        close_app(app)
