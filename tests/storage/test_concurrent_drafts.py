"""Two application processes on RelStorage: 16 editors saving drafts in one
column at once, spread over both processes — every save acknowledged and
stored exactly once (the load benchmark's scenario, smaller)."""

import pytest
from benchmarks.writers import ACKNOWLEDGED, Draft, bootstrap, relstorage_site, run_writers

pytestmark = pytest.mark.storage

WRITERS = 16
WRITES = 3


@pytest.fixture(autouse=True)
def patient_client(monkeypatch):
    # 16 writers against two processes on a shared machine may wait a while
    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)


def test_sixteen_editors_on_two_relstorage_processes(tmp_path):
    with relstorage_site(tmp_path, threads=4) as (cluster, open_db):
        scenario = Draft(bootstrap(cluster))
        cluster.start()
        outcomes, _wall = run_writers(cluster, scenario, WRITERS, WRITES, "rs")
        cluster.stop()
        statuses = sorted({str(o["status"]) for o in outcomes})
        assert statuses == [ACKNOWLEDGED], [o for o in outcomes if o["status"] != ACKNOWLEDGED]
        db = open_db()
        try:
            conn = db.open()
            stored = [m for m in Draft.stored(conn.root()["app_root"]) if m.startswith("bench-rs-")]
            conn.close()
        finally:
            db.close()
    assert sorted(stored) == sorted(o["marker"] for o in outcomes)  # each once
