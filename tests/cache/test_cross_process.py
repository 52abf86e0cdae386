"""Two application instances over one storage server: a change made through
one is seen at once on the other's cached pages.

Each instance has its own ``DB`` (its own ZEO client or RelStorage
connections) and its own render cache, exactly like two processes; they
run in this process only so that the test can drive both.
"""

import secrets
import shutil

import pytest
import transaction
import ZEO
from pyramid.traversal import find_resource

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.demo import build_demo
from tests.conftest import PASSWORD, Browser, close_app, make_settings
from tests.http.helpers import transition
from tests.storage.helpers import PG_HOST, PG_PORT, PG_USER, fresh_pg_database

from .helpers import REGULATION, REGULATION_TITLE, anonymous, cached, fresh

pytestmark = pytest.mark.storage

ZEO_CLIENT_CONF = """\
%import ZEO
<zodb>
  <clientstorage>
    server {server}
    server-sync true
    blob-dir {blob_dir}
    shared-blob-dir false
    wait-timeout 30
  </clientstorage>
</zodb>
"""


class Pair:
    """Instances A and B serving one site; anonymous and reviewer clients."""

    def __init__(self, app_a, app_b):
        self.apps = {"A": app_a, "B": app_b}
        self.anon = {name: anonymous(app) for name, app in self.apps.items()}
        self.reviewer = {
            name: Browser(app).login("portal_reviewer") for name, app in self.apps.items()
        }

    def warm(self, *paths):
        for client in self.anon.values():
            for path in paths:
                cached(client, path)

    def exchange(self, rounds=3):
        """Writes through one instance, each seen at once through the other."""
        for i in range(rounds):
            for writer, reader in (("A", "B"), ("B", "A")):
                self.warm(REGULATION, "/", "/zcwj/")
                # a transition through HTTP on the writer
                transition(self.reviewer[writer], REGULATION, "retract", comment=f"第{i}轮")
                fresh(self.anon[reader], REGULATION, status=404)
                assert REGULATION_TITLE not in fresh(self.anon[reader], "/zcwj/").text
                assert REGULATION_TITLE not in fresh(self.anon[reader], "/").text
                # back to published, directly in the database of the writer
                with site_session(self.apps[writer].registry) as (zodb_root, request):
                    root = zodb_root["app_root"]
                    doc = find_resource(root, REGULATION)
                    from govportal.workflow import get_workflow

                    workflow = get_workflow(doc, request.registry)
                    workflow._set_state(doc, "published", request)
                    doc.title = f"{REGULATION_TITLE}（{writer}{i}）"
                    root.legal_name = f"营山县人民政府（{writer}{i}）"
                    for catalog in root["catalogs"].values():
                        catalog.reindex_resource(doc)
                self.check(reader, f"（{writer}{i}）")
                self.check(writer, f"（{writer}{i}）")

    def check(self, name, text):
        client = self.anon[name]
        assert text in fresh(client, REGULATION).text, (name, text)
        for path in ("/", "/zcwj/"):
            assert text in fresh(client, path).text, (name, path, text)
        assert text in cached(client, REGULATION).text


def build_site(app):
    with site_session(app.registry) as (zodb_root, request):
        root, _password = create_site(zodb_root, request)
        build_demo(root, request)
        for user in root["principals"]["users"].values():
            user.set_password(PASSWORD)


@pytest.fixture
def zeo_server(site_template, tmp_path):
    """A ZEO server (a thread of this process) serving a copy of the demo site."""
    directory = tmp_path / "zeo-server"
    shutil.copytree(site_template, directory)
    address, stop = ZEO.server(
        path=str(directory / "Data.fs"), blob_dir=str(directory / "blobs"), threaded=True
    )
    try:
        yield f"{address[0]}:{address[1]}"
    finally:
        stop()


def zeo_app(tmp_path, name, server, secret):
    directory = tmp_path / name
    directory.mkdir()
    conf = directory / "zeo-client.conf"
    conf.write_text(
        ZEO_CLIENT_CONF.format(server=server, blob_dir=directory / "zeocache"), encoding="utf-8"
    )
    settings = make_settings(directory, **{"zodbconn.uri": f"zconfig://{conf}"})
    settings["substanced.secret"] = secret
    # The site template may have been built on the suite's clock (1 January,
    # tests/clock.py) and this test runs on the real one (marked storage):
    # its passwords would have expired months ago.
    settings["govportal.accounts.password_max_age_days"] = "0"
    return main({}, **settings)


def test_zeo_change_through_one_instance_shows_on_the_other(zeo_server, tmp_path):
    secret = "cross-process-" + secrets.token_hex(8)
    app_a = zeo_app(tmp_path, "a", zeo_server, secret)
    app_b = zeo_app(tmp_path, "b", zeo_server, secret)
    try:
        Pair(app_a, app_b).exchange()
    finally:
        transaction.abort()
        close_app(app_a)
        close_app(app_b)


# -- RelStorage on the local PostgreSQL -------------------------------------


RELSTORAGE_CONF = """\
%import relstorage
<zodb>
  <relstorage>
    keep-history false
    blob-dir {blob_dir}
    shared-blob-dir false
    <postgresql>
      dsn dbname={dbname} user={user} host={host} port={port}
    </postgresql>
  </relstorage>
</zodb>
"""


@pytest.fixture
def pg_database():
    with fresh_pg_database("govportal_cache") as name:
        yield name


def relstorage_app(tmp_path, name, dbname, secret):
    directory = tmp_path / name
    directory.mkdir()
    conf = directory / "relstorage.conf"
    conf.write_text(
        RELSTORAGE_CONF.format(
            blob_dir=directory / "blobcache",
            dbname=dbname,
            user=PG_USER,
            host=PG_HOST,
            port=PG_PORT,
        ),
        encoding="utf-8",
    )
    settings = make_settings(directory, **{"zodbconn.uri": f"zconfig://{conf}"})
    settings["substanced.secret"] = secret
    # The site template may have been built on the suite's clock (1 January,
    # tests/clock.py) and this test runs on the real one (marked storage):
    # its passwords would have expired months ago.
    settings["govportal.accounts.password_max_age_days"] = "0"
    return main({}, **settings)


def test_relstorage_change_through_one_instance_shows_on_the_other(pg_database, tmp_path):
    secret = "cross-process-" + secrets.token_hex(8)
    app_a = relstorage_app(tmp_path, "a", pg_database, secret)
    app_b = None
    try:
        build_site(app_a)
        app_b = relstorage_app(tmp_path, "b", pg_database, secret)
        Pair(app_a, app_b).exchange(rounds=2)
    finally:
        transaction.abort()
        close_app(app_a)
        if app_b is not None:
            close_app(app_b)
