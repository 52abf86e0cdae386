"""ZEO: the backup runs on the ZEO host, on the server's files
(``govportal-backup INI --zeo-conf etc/zeo.conf``: repozo reads a FileStorage
read-only, beside the running server); restore gives a single-process
FileStorage site; the drill reads the live site as one more ZEO client."""

import json
import shutil

import pytest

from govportal.backup.drill import main as drill_main
from govportal.backup.manifest import backups
from govportal.backup.restore import run_restore
from govportal.backup.script import backup_main
from govportal.backup.targets import zeo_targets

from ..storage.helpers import Process, copy_config, free_port, program, wait_for_port
from .helpers import state_of, write_ini

SHIPPED_ADDRESS = "127.0.0.1:8100"


def test_zeo_conf_names_the_servers_files(tmp_path, monkeypatch):
    (tmp_path / "var").mkdir()
    monkeypatch.chdir(tmp_path)
    from govportal.settings import SOURCE_ROOT

    found = {t.label: t for t in zeo_targets(SOURCE_ROOT / "etc" / "zeo.conf")}
    assert found["main"].path == str(tmp_path / "var" / "Data.fs")
    assert found["main"].blob_dir == str(tmp_path / "var" / "blobs")
    assert found["audit"].path == str(tmp_path / "var" / "Audit.fs") and not found["audit"].blob_dir


@pytest.fixture
def zeo_site(app_settings, tmp_path, monkeypatch):
    """The test site served by a real ZEO server (etc/zeo.conf, port changed)."""
    directory = tmp_path / "zeo"
    (directory / "var").mkdir(parents=True)
    site = tmp_path / "site"
    for name in ("Data.fs", "Audit.fs"):
        shutil.copy2(site / name, directory / "var" / name)
    shutil.copytree(site / "blobs", directory / "var" / "blobs")
    port = free_port()
    address = {SHIPPED_ADDRESS: f"127.0.0.1:{port}"}
    conf = copy_config("zeo.conf", directory, address)
    client = copy_config(
        "zeo-client.conf", directory, {**address, "var/zeocache": str(directory / "zeocache")}
    )
    audit = copy_config("zeo-audit-client.conf", directory, address)
    server = Process([program("runzeo"), "-C", conf], directory / "runzeo.log", directory)
    try:
        wait_for_port(server, port)
        settings = dict(
            app_settings,
            **{
                "zodbconn.uri": f"zconfig://{client}",
                "zodbconn.uri.audit": f"zconfig://{audit}",
                "zodbconn.uri.monitor": "memory://",
            },
        )
        monkeypatch.chdir(directory)  # zeo.conf's relative paths, as runzeo
        yield write_ini(tmp_path, settings), conf
    finally:
        server.stop()


def test_backup_on_the_zeo_host_restores_and_drills(zeo_site, tmp_path, capsys):
    ini, conf = zeo_site
    dest = tmp_path / "backups"
    live = state_of(ini)
    assert backup_main([str(ini), "--zeo-conf", str(conf), "--dest", str(dest)]) == 0
    ((backup_dir, manifest),) = backups(dest)
    assert {"main", "audit"} <= set(manifest["databases"])
    assert manifest["databases"]["main"]["recovery_tid"] == live["counts"]["main"]["last_tid"]
    result = run_restore(ini, backup_dir, tmp_path / "restored")
    assert result["uris"][""].startswith("file://")
    restored = state_of(result["ini"])
    assert restored["documents"] == live["documents"]
    reports = tmp_path / "reports"
    status = drill_main([str(ini), "--from", str(dest), "--report-dir", str(reports)])
    assert status == 0, capsys.readouterr().out
    report = json.loads(next(reports.glob("*.json")).read_text())
    assert report["ok"] and report["documents"] == len(live["documents"])
