"""The shipped deployment files parse and say what etc/README.md promises.

Nothing here opens a database: the ZEO and RelStorage files are exercised
for real by test_zeo.py and test_relstorage.py.
"""

import io
from pathlib import Path

import plaster
import pytest
import ZConfig
import ZEO
from relstorage import zodbpack
from zodburi import resolve_uri

from govportal.settings import SOURCE_ROOT as ROOT

from .helpers import ETC, app_setting

pytestmark = pytest.mark.storage

APP_FILES = [ROOT / "production.ini", ETC / "zeo-client.ini", ETC / "relstorage.ini"]


@pytest.mark.parametrize("ini", APP_FILES, ids=lambda p: p.name)
def test_app_files_are_production_ready(ini):
    settings = plaster.get_settings(str(ini), "app:main")
    assert settings["use"] == "egg:govportal"
    assert settings["pyramid.reload_templates"] == "false"
    assert settings["govportal.secure_cookies"] == "true"
    # The secret is never written in a shipped file: GOVPORTAL_SECRET or the
    # shared secret file provide it.
    assert "substanced.secret" not in settings
    assert Path(settings["govportal.secret_file"]).resolve() == ROOT / "var" / "secret.key"
    for key in ("govportal.workflows_dir", "govportal.skins_dir"):
        assert Path(settings[key]).resolve().is_dir(), key
    server = plaster.get_settings(str(ini), "server:main")
    assert server["listen"] == "127.0.0.1:6543"


def test_production_uses_filestorage_under_var():
    uri = app_setting(ROOT / "production.ini", "zodbconn.uri")
    _factory, dbkw = resolve_uri(uri)  # resolved, not opened
    assert uri.startswith(f"file://{ROOT}/var/Data.fs?blobstorage_dir={ROOT}/var/blobs")
    assert dbkw["cache_size"] == 50000


def test_zeo_client_syncs_with_the_server():
    uri = app_setting(ETC / "zeo-client.ini", "zodbconn.uri")
    assert uri == f"zconfig://{ETC}/zeo-client.conf"
    factory, dbkw = resolve_uri(uri)
    config = factory.__self__.config
    assert [a.address for a in config.server] == [("127.0.0.1", 8100)]
    assert config.server_sync is True
    assert config.shared_blob_dir is False and config.blob_dir
    assert dbkw["cache_size"] == 50000


def test_zeo_server_config(tmp_path, monkeypatch):
    # Paths in the file are relative to the working directory (the repository
    # top), whose var/ must exist; a fresh clone has none yet.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "var").mkdir()
    schema = ZConfig.loadSchema(str(Path(ZEO.__file__).parent / "schema.xml"))
    config, _ = ZConfig.loadConfig(schema, str(ETC / "zeo.conf"))
    assert config.zeo.address.address == ("127.0.0.1", 8100)
    # "1", the name ZEO clients ask for by default; "audit" (govportal.audit);
    # "monitor" (govportal.monitoring)
    storages = {s.name: s for s in config.storages}
    assert set(storages) == {"1", "audit", "monitor"}
    assert storages["monitor"].config.path == "var/Monitor.fs"
    storage = storages["1"]
    assert storage.config.path == "var/Data.fs"
    assert storage.config.blob_dir == "var/blobs"


def test_relstorage_uri_is_history_free_with_blob_cache():
    factory, dbkw = resolve_uri(app_setting(ETC / "relstorage.ini", "zodbconn.uri"))
    # RelStorage's resolver keeps the parsed options in the factory's closure.
    closure = dict(zip(factory.__code__.co_freevars, factory.__closure__, strict=True))
    opts = closure["options"].cell_contents
    assert opts.keep_history is False
    assert opts.shared_blob_dir is False
    assert opts.blob_dir == str(ETC / ".." / "var" / "relstorage-blobcache")
    assert dbkw["cache_size"] == 50000


def test_relstorage_conf_matches_the_uri():
    # The schema of zodbpack, which must be able to read this file.
    schema = ZConfig.loadSchemaFile(io.StringIO(zodbpack.schema_xml))
    config, _ = ZConfig.loadConfig(schema, str(ETC / "relstorage.conf"))
    (storage,) = config.storages
    assert storage.config.keep_history is False
    assert storage.config.shared_blob_dir is False
    assert "dbname=govportal" in storage.config.adapter.config.dsn


def test_readme_names_every_file():
    readme = (ETC / "README.md").read_text(encoding="utf-8")
    for name in ("zeo.conf", "zeo-client.ini", "zeo-client.conf", "relstorage.ini"):
        assert name in readme
    for phrase in ("govportal-init", "GOVPORTAL_SECRET", "govportal.secret_file", "pserve"):
        assert phrase in readme
