"""``govportal-demo CONFIG.ini``: the addresses it prints come from the ini."""

import io
import textwrap

import pytest

from govportal.scripts.demo import main, server_address

INI = """\
[app:main]
use = egg:govportal
zodbconn.uri = file://%(here)s/var/Data.fs?blobstorage_dir=%(here)s/var/blobs
zodbconn.uri.audit = file://%(here)s/var/Audit.fs
govportal.secret_file = %(here)s/var/secret.key
govportal.workflows_dir = {source}/workflows
govportal.skins_dir = {source}/skins
substanced.uploads_tempdir = %(here)s/var/tmp
govportal.public_url = https://www.yingshan.gov.cn
govportal.schedule.worker = off
govportal.search.worker = inline

[server:main]
use = egg:waitress#main
{server}
"""


def write_ini(directory, server):
    from govportal.settings import SOURCE_ROOT

    path = directory / "site.ini"
    path.write_text(INI.format(source=SOURCE_ROOT, server=server))
    return path


@pytest.mark.parametrize(
    "server, expected",
    [
        ("listen = 127.0.0.1:7654", ("127.0.0.1", "7654")),
        ("listen = 0.0.0.0:8080 [::1]:8081", ("127.0.0.1", "8080")),
        ("listen = [::1]:8081", ("::1", "8081")),
        ("host = 192.0.2.10\nport = 9000", ("192.0.2.10", "9000")),
        ("", ("127.0.0.1", "6543")),
    ],
)
def test_server_address_is_read_from_the_ini(tmp_path, server, expected):
    assert server_address(str(write_ini(tmp_path, server))) == expected


def test_demo_prints_the_ini_address_and_mail_goes_under_its_var(tmp_path):
    ini = write_ini(tmp_path, "listen = 127.0.0.1:7654")
    out = io.StringIO()
    assert main([str(ini), "--minimal"], out=out) == 0
    text = out.getvalue()
    assert "工作人员登录：http://127.0.0.1:7654/@@login" in text
    assert "http://127.0.0.1:7654/manage" in text
    assert "6543" not in text
    # a second run creates nothing and says where to sign in again
    out = io.StringIO()
    main([str(ini), "--minimal"], out=out)
    assert "演示站点已存在" in out.getvalue() and "127.0.0.1:7654/@@login" in out.getvalue()


def test_mail_directory_defaults_to_the_ini_var(tmp_path):
    from pyramid.paster import get_appsettings

    from govportal import main as make_app
    from govportal.bootstrap import close_app

    ini = write_ini(tmp_path, "listen = 127.0.0.1:7654")
    settings = dict(get_appsettings(str(ini)))
    settings.pop("here", None)
    settings.pop("__file__", None)
    app = make_app({"here": str(tmp_path), "__file__": str(ini)}, **settings)
    try:
        assert app.registry.settings["govportal.mail.directory"] == str(tmp_path / "var" / "mail")
    finally:
        close_app(app)
    assert (tmp_path / "var" / "mail").is_dir()


def test_development_ini_keeps_mail_under_its_var():
    from govportal.settings import SOURCE_ROOT

    text = (SOURCE_ROOT / "development.ini").read_text()
    assert "govportal.mail.directory = %(here)s/var/mail" in text
    assert textwrap.dedent("listen = 127.0.0.1:6543") in text
