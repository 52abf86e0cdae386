"""One site served by two application processes from RelStorage on PostgreSQL.

Needs the local PostgreSQL (127.0.0.1:5432, trust auth for user postgres by
default; GOVPORTAL_TEST_PGHOST, GOVPORTAL_TEST_PGPORT, GOVPORTAL_TEST_PGUSER
override).  CI must run these tests: when PostgreSQL cannot be reached they
fail, they never skip.  Each session works in a new database, dropped at the end.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import transaction
from ZODB import DB
from zodburi import resolve_uri

from .helpers import (
    ETC,
    PG_HOST,
    PG_PORT,
    PG_USER,
    AppCluster,
    SharedSite,
    app_setting,
    copy_config,
    fresh_pg_database,
    program,
    run,
)

pytestmark = pytest.mark.storage


@pytest.fixture(scope="module")
def database():
    """A new, uniquely named PostgreSQL database; dropped afterwards."""
    with fresh_pg_database("govportal_test") as name:
        yield name


def shipped_uri(database, blob_dir):
    """The ``zodbconn.uri`` of etc/relstorage.ini, pointed at ``database``."""
    uri = app_setting(ETC / "relstorage.ini", "zodbconn.uri")
    parts = urlsplit(uri)
    assert parts.scheme == "postgres", uri
    query = dict(parse_qsl(parts.query))
    assert query["keep_history"] == "false" and query["shared_blob_dir"] == "false", uri
    query["blob_dir"] = str(blob_dir)
    netloc = f"{PG_USER}@{PG_HOST}:{PG_PORT}"
    return urlunsplit((parts.scheme, netloc, "/" + database, urlencode(query, safe="/"), ""))


def shipped_conf(database, directory):
    """etc/relstorage.conf, pointed at ``database``."""
    text = (ETC / "relstorage.conf").read_text(encoding="utf-8")
    dsn = re.search(r"^\s*dsn .*$", text, re.M).group(0).strip()
    return copy_config(
        "relstorage.conf",
        directory,
        {dsn: f"dsn dbname={database} user={PG_USER} host={PG_HOST} port={PG_PORT}"},
    )


@pytest.fixture
def cluster(database, tmp_path):
    """Two app processes (A, B) on RelStorage; stopped at the end."""
    directory = tmp_path / "app"
    cluster = AppCluster(directory, shipped_uri(database, directory / "var" / "blobcache"))
    try:
        yield cluster
    finally:
        cluster.stop()


def test_two_processes_share_one_site_through_relstorage(database, cluster, tmp_path):
    passwords = cluster.bootstrap()  # govportal-init + govportal-demo, once
    cluster.start()
    site = SharedSite(cluster, passwords)
    site.exchange()

    # etc/relstorage.conf reaches the same database, and packs it (online)
    # without harm to the site.
    conf = shipped_conf(database, tmp_path)
    run([program("zodbpack"), conf], cwd=tmp_path)
    factory, dbkw = resolve_uri(f"zconfig://{conf}?connection_cache_size=100")
    db = DB(factory(), **dbkw)
    try:
        with db.transaction() as conn:
            assert "zcwj" in conn.root()["app_root"]
    finally:
        transaction.abort()
        db.close()

    cluster.stop()
    cluster.start()
    site.after_restart()
