"""16 concurrent citizens × 5 ``@@apply`` on two processes, over ZEO and
over RelStorage (real ``runzeo``, ``pserve`` and PostgreSQL, as installed):
every write acknowledged, no 5xx, each stored once, numbers unique and
consecutive across both processes."""

import pytest
import transaction
from ZODB import DB
from zodburi import resolve_uri

from tests.storage.helpers import ETC, AppCluster, app_setting, copy_config, program, run
from tests.storage.test_relstorage import database, shipped_uri  # noqa: F401 (fixture)
from tests.storage.test_zeo import SHIPPED_ADDRESS, zeo_server  # noqa: F401 (fixture)

from .test_concurrent_writers import check, run_writers, warm_up

pytestmark = pytest.mark.storage

#: the citizens all come from 127.0.0.1: lift the per-address limit
SETTINGS = "govportal.applications.apply_rate = 100000/600\n"


def as_shipped(cluster):
    """The test .ini with the per-address limit lifted and the retries of
    the shipped etc/zeo-client.ini (the test .ini says 3)."""
    text = cluster.ini.read_text(encoding="utf-8")
    text = text.replace("[app:main]\n", "[app:main]\n" + SETTINGS, 1)
    attempts = app_setting(ETC / "zeo-client.ini", "retry.attempts")
    text = text.replace("retry.attempts = 3\n", f"retry.attempts = {attempts}\n")
    cluster.ini.write_text(text, encoding="utf-8")


def stored_applications(uri, site="jyj"):
    factory, dbkw = resolve_uri(uri)
    db = DB(factory(), **dbkw)
    try:
        with db.transaction() as conn:
            box = getattr(conn.root()["app_root"][site], "govportal_applications", None)
            return [
                (a.__name__, a.code_hash, a.request.get("description"))
                for a in (box.values() if box is not None else ())
            ]
    finally:
        transaction.abort()
        db.close()


def run_cluster(cluster, uri):
    as_shipped(cluster)
    # the demo's departments and users, without its articles (faster)
    run([program("govportal-init"), cluster.ini], cwd=cluster.directory, timeout=300)
    run([program("govportal-demo"), "--minimal", cluster.ini], cwd=cluster.directory, timeout=300)
    cluster.start()
    try:
        for port in cluster.ports.values():
            warm_up(port)
        results = run_writers(list(cluster.ports.values()), "jyj")
    finally:
        cluster.stop()
    check(results, stored_applications(uri), "008000001")


def test_two_processes_over_zeo(zeo_server, tmp_path):  # noqa: F811
    directory = tmp_path / "app"
    directory.mkdir()
    conf = copy_config("zeo-client.conf", directory, {SHIPPED_ADDRESS: zeo_server["address"]})
    reader = tmp_path / "reader"
    reader.mkdir()
    reader_conf = copy_config(
        "zeo-client.conf",
        reader,
        {
            SHIPPED_ADDRESS: zeo_server["address"],
            "blob-dir var/zeocache": f"blob-dir {reader}/zeocache",
        },
    )
    run_cluster(AppCluster(directory, f"zconfig://{conf}"), f"zconfig://{reader_conf}")


def test_two_processes_over_relstorage(database, tmp_path):  # noqa: F811
    directory = tmp_path / "app"
    uri = shipped_uri(database, directory / "var" / "blobcache")
    cluster = AppCluster(directory, uri)
    reader_uri = shipped_uri(database, tmp_path / "reader-blobs")
    run_cluster(cluster, reader_uri)
