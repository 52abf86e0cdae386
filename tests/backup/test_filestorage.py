"""FileStorage: full and incremental backups, restore of each point, drills,
retention, refusals (govportal-backup, govportal-restore, govportal-restore-drill)."""

import json

import pytest

from govportal.backup.drill import main as drill_main
from govportal.backup.manifest import backups
from govportal.backup.restore import RestoreRefused, run_restore
from govportal.backup.run import run_backup
from govportal.backup.script import backup_main, restore_main

from .helpers import change_document, read_document, state_of, with_attachment, write_ini

PDF = b"%PDF-1.4\n% changed after the full backup\n%%EOF\n"


@pytest.fixture
def ini(app_settings, tmp_path):
    return write_ini(tmp_path, app_settings)


def test_full_then_incremental_restore_each_point(ini, tmp_path):
    dest = tmp_path / "backups"
    before = state_of(ini)
    full_dir, full = run_backup(ini, full=True, dest=dest)
    assert full["kind"] == "full"
    assert set(full["databases"]) == {"main", "audit", "monitor"}
    assert full["databases"]["main"]["blob_count"] > 0
    assert full["databases"]["main"]["recovery_tid"] == before["counts"]["main"]["last_tid"]

    oid, doc = with_attachment(before)
    path = doc["path"]
    original_title, original_bytes = read_document(ini, path)
    change_document(ini, path, "备份之后改过的标题", PDF)
    after = state_of(ini)
    incr_dir, incr = run_backup(ini, dest=dest)
    assert incr["kind"] == "incr" and incr["chain"] == [full_dir.name]
    assert 0 < incr["databases"]["main"]["blobs_copied"] < full["databases"]["main"]["blob_count"]

    first = run_restore(ini, full_dir, tmp_path / "at-full")
    restored = state_of(first["ini"])
    assert restored["documents"] == before["documents"]
    assert restored["audit"]["entries"] == before["audit"]["entries"]
    assert read_document(first["ini"], path) == (original_title, original_bytes)

    second = run_restore(ini, incr_dir, tmp_path / "at-incr")
    restored = state_of(second["ini"])
    assert restored["documents"] == after["documents"]
    assert restored["documents"][oid] != before["documents"][oid]
    assert read_document(second["ini"], path) == ("备份之后改过的标题", PDF)
    # the incremental's audit holds the full backup's backup.run entry
    assert len(restored["audit"]["entries"]) > len(before["audit"]["entries"])


def test_restore_at_time_picks_the_backup_then(ini, tmp_path):
    dest = tmp_path / "backups"
    full_dir, full = run_backup(ini, full=True, dest=dest)
    run_backup(ini, dest=dest)
    out = tmp_path / "out"
    at = (
        full["stamp"][:4]
        + "-"
        + full["stamp"][4:6]
        + "-"
        + full["stamp"][6:8]
        + full["stamp"][8:11]
    )
    at += ":" + full["stamp"][11:13] + ":" + full["stamp"][13:15]
    assert restore_main([str(ini), "--from", str(dest), "--to", str(out), "--at", at]) == 0
    assert json.loads((out / "restore.json").read_text())["backup"] == str(full_dir)


def test_restore_refuses_a_non_empty_target(ini, tmp_path):
    dest = tmp_path / "backups"
    run_backup(ini, full=True, dest=dest)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "Data.fs").write_bytes(b"live")
    with pytest.raises(RestoreRefused):
        run_restore(ini, dest, target)
    assert restore_main([str(ini), "--from", str(dest), "--to", str(target)]) == 1
    assert (target / "Data.fs").read_bytes() == b"live"


def test_retention_keeps_n_full_backups_with_their_incrementals(app_settings, tmp_path):
    ini = write_ini(tmp_path, app_settings, **{"govportal.backup.keep_full": "2"})
    dest = tmp_path / "backups"
    for full in (True, False, True, False, True, False):
        assert backup_main([str(ini), "--dest", str(dest)] + (["--full"] if full else [])) == 0
    kinds = [m["kind"] for _p, m in backups(dest)]
    assert kinds == ["full", "incr", "full", "incr"]


def test_drill_reports_identical_and_the_recovery_point(ini, tmp_path, capsys):
    dest = tmp_path / "backups"
    _out, manifest = run_backup(ini, full=True, dest=dest)
    reports = tmp_path / "reports"
    status = drill_main([str(ini), "--from", str(dest), "--report-dir", str(reports)])
    text = capsys.readouterr().out
    assert status == 0, text
    report = json.loads(next(reports.glob("*.json")).read_text())
    assert report["ok"] and report["differences"] == []
    assert report["documents"] == 6 and report["attachments"] == 5
    assert (
        report["recovery_point"]["main"]["time"] == manifest["databases"]["main"]["recovery_time"]
    )
    assert report["lag_seconds"] is not None and report["restore_seconds"] > 0
    assert "恢复演练：通过" in text and (reports / next(reports.glob("*.txt")).name).exists()


def test_blob_tampered_after_backup_is_detected_and_restored(ini, tmp_path, capsys):
    dest = tmp_path / "backups"
    before = state_of(ini)
    _out, manifest = run_backup(ini, full=True, dest=dest)
    _oid, doc = with_attachment(before)
    digest = next(iter(doc["attachments"].values()))
    blobs = manifest["databases"]["main"]["blobs"]
    rel = next(r for r, info in blobs.items() if info["sha256"] == digest)
    live = tmp_path / "site" / "blobs" / rel
    original = live.read_bytes()
    live.chmod(0o644)
    live.write_bytes(b"tampered")
    # the drill sees the tampered attachment as a difference (exit 1)
    assert drill_main([str(ini), "--from", str(dest), "--report-dir", str(tmp_path / "r")]) == 1
    assert "document" in capsys.readouterr().out
    # an incremental keeps the earlier copy and says so
    _incr, incr = run_backup(ini, dest=dest)
    assert incr["databases"]["main"]["blobs_changed"] == [rel]
    result = run_restore(ini, dest, tmp_path / "restored")
    assert (tmp_path / "restored" / "blobs-main" / rel).read_bytes() == original
    assert state_of(result["ini"])["documents"] == before["documents"]


def test_a_chain_of_two_incrementals_restores_the_middle_point(ini, tmp_path):
    dest = tmp_path / "backups"
    run_backup(ini, full=True, dest=dest)
    _oid, doc = with_attachment(state_of(ini))
    change_document(ini, doc["path"], "第一次修改", PDF)
    first_dir, first = run_backup(ini, dest=dest)
    middle = state_of(ini)
    change_document(ini, doc["path"], "第二次修改", PDF + b"2")
    second_dir, second = run_backup(ini, dest=dest)
    assert second["chain"] == [*first["chain"], first_dir.name]
    result = run_restore(ini, first_dir, tmp_path / "middle")
    assert state_of(result["ini"])["documents"] == middle["documents"]
    assert read_document(result["ini"], doc["path"]) == ("第一次修改", PDF)
    result = run_restore(ini, dest, tmp_path / "newest")
    assert result["backup"] == str(second_dir)
    assert read_document(result["ini"], doc["path"]) == ("第二次修改", PDF + b"2")


def test_repozo_waits_for_a_second_that_names_no_staged_file(tmp_path):
    """repozo names its files by the second; a backup right after another
    would write through the staging link into the earlier backup's file."""
    import time

    from govportal.backup.filestorage import repozo_command
    from govportal.backup.repozo_fresh import wait_for_fresh_second

    assert repozo_command()[-1] == "govportal.backup.repozo_fresh"
    stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
    (tmp_path / f"{stamp}.index").write_bytes(b"earlier backup")
    wait_for_fresh_second(tmp_path)
    assert time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime()) != stamp


def test_back_to_back_backups_leave_the_earlier_files_intact(ini, tmp_path):
    from govportal.backup.filestorage import verify_files

    dest = tmp_path / "backups"
    dirs = [run_backup(ini, full=True, dest=dest)[0]]
    dirs += [run_backup(ini, dest=dest)[0] for _ in range(2)]
    for directory in dirs:
        entry = json.loads((directory / "manifest.json").read_text())["databases"]["main"]
        assert verify_files(directory, entry) == []
