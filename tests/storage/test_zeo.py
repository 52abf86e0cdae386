"""One site served by two application processes through a real ZEO server.

The server runs ``etc/zeo.conf`` and the processes ``etc/zeo-client.conf``,
copied with only the port changed; every program runs in a temporary
directory, so the relative ``var/`` paths of those files land there.
"""

import pytest

from .helpers import (
    AppCluster,
    Process,
    SharedSite,
    copy_config,
    free_port,
    program,
    wait_for_port,
)

pytestmark = pytest.mark.storage

SHIPPED_ADDRESS = "127.0.0.1:8100"


@pytest.fixture(scope="module")
def zeo_server(tmp_path_factory):
    """A ZEO server on a free loopback port; yields its address."""
    directory = tmp_path_factory.mktemp("zeo-server")
    (directory / "var").mkdir()
    port = free_port()
    conf = copy_config("zeo.conf", directory, {SHIPPED_ADDRESS: f"127.0.0.1:{port}"})
    server = Process([program("runzeo"), "-C", conf], directory / "runzeo.log", directory)
    try:
        wait_for_port(server, port)
        yield {"address": f"127.0.0.1:{port}", "directory": directory, "process": server}
    finally:
        server.stop()


@pytest.fixture
def cluster(zeo_server, tmp_path):
    """Two app processes (A, B) configured as ZEO clients; stopped at the end."""
    directory = tmp_path / "app"
    directory.mkdir()
    conf = copy_config("zeo-client.conf", directory, {SHIPPED_ADDRESS: zeo_server["address"]})
    cluster = AppCluster(directory, f"zconfig://{conf}")
    try:
        yield cluster
    finally:
        cluster.stop()


def test_two_processes_share_one_site_through_zeo(zeo_server, cluster):
    passwords = cluster.bootstrap()  # govportal-init + govportal-demo, once
    cluster.start()
    site = SharedSite(cluster, passwords)
    site.exchange()

    cluster.stop()
    cluster.start()
    site.after_restart()

    # Everything went to the server's FileStorage, nothing to a local file.
    zeo_server["process"].check_running()
    assert (zeo_server["directory"] / "var" / "Data.fs").stat().st_size > 100_000
    assert not (cluster.directory / "var" / "Data.fs").exists()
