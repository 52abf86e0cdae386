"""Text messages (govportal.notify.sms): backends chosen by the settings, sent
only when the transaction commits, never to a landline."""

import json
import logging

import pytest
import transaction
from pyramid.exceptions import ConfigurationError

from govportal import main
from govportal.bootstrap import site_session
from govportal.notify import sms

from .conftest import close_app


@pytest.fixture
def file_app(app_settings, tmp_path):
    path = tmp_path / "out" / "sms.log"
    app = main(
        {},
        **dict(app_settings, **{"govportal.sms.backend": "file", "govportal.sms.file": str(path)}),
    )
    yield app, path
    close_app(app)


def lines(path):
    return (
        [json.loads(line) for line in path.read_text("utf-8").splitlines()] if path.exists() else []
    )


def test_file_backend_writes_a_json_line_on_commit_only(file_app):
    app, path = file_app
    sender = app.registry.getUtility(sms.ISMSSender)
    assert isinstance(sender, sms.FileSender) and sender.path == str(path)
    with site_session(app.registry) as (_zodb_root, request):
        assert sms.send_sms(request, "13800138000", "您的办件已受理，查询码 ABCD。") is True
        assert lines(path) == []  # not before the commit
    [message] = lines(path)
    assert message["phone"] == "13800138000" and message["text"] == "您的办件已受理，查询码 ABCD。"
    assert message["at"].endswith("+00:00")  # stored in UTC
    assert sender.read() == [message]
    # an aborted transaction sends nothing
    with site_session(app.registry, commit=False) as (_zodb_root, request):
        sms.send_sms(request, "13900139000", "不应发出")
    assert len(lines(path)) == 1


def test_landlines_and_malformed_numbers_get_nothing(file_app):
    app, path = file_app
    with site_session(app.registry) as (_zodb_root, request):
        assert sms.send_sms(request, "0817-8221234", "x") is False
        assert sms.send_sms(request, "", "x") is False
        assert sms.send_sms(request, "1380013800", "x") is False
    assert lines(path) == []


def test_a_failing_gateway_does_not_fail_the_request(file_app, caplog):
    app, _path = file_app

    class Broken:
        def send(self, phone, text):
            raise OSError("gateway down")

    app.registry.registerUtility(Broken(), sms.ISMSSender)
    with caplog.at_level(logging.ERROR, logger="govportal.notify.sms"):
        with site_session(app.registry) as (_zodb_root, request):
            sms.send_sms(request, "13800138000", "x")
    assert "138****8000" in caplog.text and "13800138000" not in caplog.text


def test_default_backend_logs_masked_numbers(wsgi_app, caplog):
    assert isinstance(wsgi_app.registry.getUtility(sms.ISMSSender), sms.LogSender)
    with caplog.at_level(logging.INFO, logger="govportal.notify.sms"):
        with site_session(wsgi_app.registry) as (_zodb_root, request):
            sms.send_sms(request, "13800138000", "您的办件已办结。")
    assert "SMS to 138****8000: 您的办件已办结。" in caplog.text


def test_settings_choose_the_backend(tmp_path):
    assert isinstance(sms.sender_from_settings({"govportal.sms.backend": "none"}), sms.NullSender)
    default = sms.sender_from_settings(
        {
            "govportal.sms.backend": "file",
            "govportal.mail.directory": str(tmp_path / "var" / "mail"),
        }
    )
    assert default.path == str(tmp_path / "var" / "sms.log")  # beside the mail directory
    with pytest.raises(ConfigurationError):
        sms.sender_from_settings({"govportal.sms.backend": "carrier-pigeon"})


def test_concurrent_senders_write_whole_lines(tmp_path):
    import threading

    sender = sms.FileSender(str(tmp_path / "sms.log"))
    threads = [
        threading.Thread(
            target=lambda i=i: [sender.send("13800138000", f"消息{i}-{j}" * 20) for j in range(20)]
        )
        for i in range(16)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    read = sender.read()
    assert len(read) == 320 and len({m["text"] for m in read}) == 320
    transaction.abort()
