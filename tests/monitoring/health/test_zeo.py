"""The database check against a ZEO server that goes away: a ZEO client
answers loads from its cache, so the check must ask the server itself."""

import time
from types import SimpleNamespace

import ZEO

from govportal.monitoring.health.readiness import Readiness


def test_a_stopped_zeo_server_fails_the_database_check():
    address, stop = ZEO.server()
    db = ZEO.DB(address, wait_timeout=2)
    registry = SimpleNamespace(
        _zodb_databases={"": db}, settings={"govportal.mail.delivery": "memory"}
    )
    readiness = Readiness(registry, memo=0, timeout=1.0)
    try:
        ready, results = readiness.run()
        assert ready and results["content_db"].status == "ok"
        stop()
        deadline = time.monotonic() + 10
        while db.storage.is_connected() and time.monotonic() < deadline:
            time.sleep(0.05)
        ready, results = readiness.run()
        assert not ready
        assert results["content_db"].status == "fail"
        assert results["content_db"].reason in ("disconnected", "timeout", "error")
    finally:
        for run in readiness._running.values():
            run.thread.join(5)
        db.close()
