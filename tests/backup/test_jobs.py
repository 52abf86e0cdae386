"""The backup package's periodic jobs: the audit inbox (entries of scripts
that found Audit.fs held by the server) and the scheduled pack.  Each is
run by 16 scheduler rounds at once and then replayed: every entry recorded
once, one pack per period."""

import threading
import time

from govportal.backup import inbox, pack
from govportal.backup.inbox import inbox_job
from govportal.backup.pack import SECTION, BackupState, pack_job
from govportal.backup.run import run_backup
from govportal.monitoring.store import section
from govportal.schedule.runner import run_in_transaction

from ..concurrency.writers import WRITERS, at_once
from ..conftest import read_root
from .helpers import write_ini


def _actions(app, action):
    with app.registry.govportal_audit.reading() as log_root:
        return [e.data for e in log_root.entries.values() if e.data["action"] == action]


def test_backup_beside_the_server_leaves_its_audit_entry_in_the_inbox(
    wsgi_app, app_settings, tmp_path
):
    ini = write_ini(tmp_path, app_settings)
    run_backup(ini, full=True, dest=tmp_path / "backups")
    box = inbox.inbox_dir(wsgi_app.registry.settings)
    assert len(list(box.glob("*.json"))) == 1
    assert _actions(wsgi_app, "backup.run") == []
    assert run_in_transaction(wsgi_app.registry, inbox_job, "test")
    (entry,) = _actions(wsgi_app, "backup.run")
    assert entry["actor"] == "system" and entry["details"]["kind"] == "full"
    assert list(box.iterdir()) == []
    assert not run_in_transaction(wsgi_app.registry, inbox_job, "test")  # replay: nothing


def test_16_rounds_at_once_record_each_inbox_entry_once(wsgi_app):
    settings = wsgi_app.registry.settings
    for i in range(WRITERS):
        inbox.leave(settings, "backup.drill", f"drill-{i}", "success", {"n": i})

    def send(i, _prepared):
        yield "ok", run_in_transaction(wsgi_app.registry, inbox_job, f"round {i}")

    at_once(WRITERS, send)
    at_once(WRITERS, send)  # replayed
    targets = sorted(e["target"] for e in _actions(wsgi_app, "backup.drill"))
    assert targets == sorted(f"drill-{i}" for i in range(WRITERS))
    assert list(inbox.inbox_dir(settings).iterdir()) == []


def test_16_rounds_at_once_pack_once_per_period(wsgi_app, monkeypatch):
    packed = []
    ran = threading.Event()

    def fake_pack(dbs, keep):
        packed.append((sorted(dbs), keep))
        ran.set()
        return {"started": 0, "seconds": 0, "databases": sorted(dbs), "error": ""}

    monkeypatch.setattr(pack, "pack_databases", fake_pack)
    registry = wsgi_app.registry
    # the first round schedules the first pack one period ahead
    assert run_in_transaction(registry, pack_job, "first")

    def make_due(root, request):
        section(root, SECTION, BackupState).next_pack = 1.0
        return True

    run_in_transaction(registry, make_due, "due")

    def send(i, _prepared):
        yield "ok", run_in_transaction(registry, pack_job, f"round {i}")

    at_once(WRITERS, send)
    assert ran.wait(30)
    deadline = time.monotonic() + 30  # the pack thread stores its result after the pack
    while "govportal_pack_done" not in registry.__dict__ and time.monotonic() < deadline:
        time.sleep(0.05)
    at_once(WRITERS, send)  # replayed: not due again; records the last pack
    assert packed == [(["main", "monitor"], 7.0)]
    state = read_root(wsgi_app, lambda root: section(root, SECTION, BackupState, create=False))
    assert state.next_pack > 1.0 and state.last_pack["databases"] == ["main", "monitor"]


def test_pack_packs_the_content_and_monitor_databases_not_the_audit(wsgi_app, tmp_path):
    registry = wsgi_app.registry
    dbs = {"main": registry._zodb_databases[""], "monitor": registry.govportal_monitor_db}
    directory = tmp_path / "site"
    size = (directory / "Data.fs").stat().st_size
    done = pack.pack_databases(dbs, 0)
    assert done["databases"] == ["main", "monitor"] and not done["error"]
    assert (directory / "Data.fs").stat().st_size < size
    assert not (directory / "Audit.fs.old").exists()
