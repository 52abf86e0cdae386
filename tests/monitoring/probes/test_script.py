"""``govportal-probe``, the probe from outside the server: history in a
JSON-lines file, exit status 0 up / 1 down, alarm mail (file mailer) and SMS
once after three failures in a row, a recovery message; and a real server
process killed with SIGKILL is seen as down."""

import contextlib
import io
import json

import pytest

from govportal.monitoring.probes import journal
from govportal.monitoring.probes.script import main
from govportal.sitetime import now_utc

from ...storage.helpers import Client, Process, free_port, program, wait_for_port
from .conftest import OPS, PHONE, serve, tiny_app

INI = """\
[app:main]
use = egg:govportal
{settings}

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = 2
"""


def write_ini(path, settings, port=0):
    lines = "\n".join(f"{k} = {str(v).replace('%', '%%')}" for k, v in sorted(settings.items()))
    path.write_text(INI.format(settings=lines, port=port), encoding="utf-8")
    return str(path)


def probe_settings(tmp_path, **more):
    return {
        "govportal.mail.delivery": "file",
        "govportal.mail.directory": str(tmp_path / "mail"),
        "govportal.sms.backend": "file",
        "govportal.sms.file": str(tmp_path / "sms.log"),
        "govportal.monitoring.ops_emails": OPS,
        "govportal.monitoring.ops_phones": PHONE,
        "govportal.monitoring.probe_timeout": "2",
        **more,
    }


def mail_text(path):
    """An .eml file's headers and decoded body."""
    import email
    from email import policy

    parsed = email.message_from_string(path.read_text(), policy=policy.default)
    return f"{parsed['To']}\n{parsed['Subject']}\n{parsed.get_body().get_content()}"


def mail_files(tmp_path):
    directory = tmp_path / "mail"
    return sorted(directory.glob("*.eml")) if directory.exists() else []


def texts(tmp_path):
    path = tmp_path / "sms.log"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@contextlib.contextmanager
def tiny_server(port):
    """The tiny app on ``port`` (started again on the same port)."""
    with serve(tiny_app(), "tiny", port=port, threads=2) as base:
        yield base + "/"


def _probe(ini, url, history):
    out = io.StringIO()
    status = main([ini, "--url", url, "--history", str(history)], out=out)
    return status, out.getvalue()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_down_alarms_once_then_recovers(tmp_path):
    ini = write_ini(tmp_path / "probe.ini", probe_settings(tmp_path))
    history = tmp_path / "history.jsonl"
    port = free_port()
    with tiny_server(port) as url:
        status, printed = _probe(ini, url, history)
        assert status == 0 and "正常" in printed
    for _ in range(2):
        assert _probe(ini, url, history)[0] == 1
    assert mail_files(tmp_path) == [] and texts(tmp_path) == []
    status, printed = _probe(ini, url, history)  # the third failure in a row
    assert status == 1 and "失败" in printed
    [alarm] = mail_files(tmp_path)
    text = mail_text(alarm)
    assert OPS in text and "govportal-probe" in text
    [message] = texts(tmp_path)
    assert message["phone"] == PHONE and "无法访问" in message["text"]
    assert _probe(ini, url, history)[0] == 1
    assert len(mail_files(tmp_path)) == 1  # told once until it recovers
    with tiny_server(port):
        assert _probe(ini, url, history)[0] == 0
    assert len(mail_files(tmp_path)) == 2 and "已恢复" in texts(tmp_path)[-1]["text"]
    entries = journal.tail_since(str(history), now_utc().replace(year=2000))
    assert [e["ok"] for e in entries] == [True, False, False, False, False, True]
    assert [e["alarm"] for e in entries] == ["", "", "", "warning", "warning", ""]


def test_weekly_rate_from_the_history(tmp_path):
    """A week of seeded history with 4 % failures: the next probe alarms
    though it succeeds (the rate passes 3 %)."""
    from datetime import timedelta

    ini = write_ini(tmp_path / "probe.ini", probe_settings(tmp_path))
    history = tmp_path / "history.jsonl"
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    now = now_utc()
    seeded = [
        {
            "at": now - timedelta(minutes=5 * (100 - i)),
            "url": url,
            "ok": i % 25 != 3,
            "status": 200,
            "seconds": 0.1,
            "error": "",
            "alarm": "",
        }
        for i in range(100)
    ]
    old = dict(seeded[0], at=now - timedelta(days=402))
    journal.append(str(history), [old, *seeded])
    with tiny_server(port):
        status, printed = _probe(ini, url, history)
    assert status == 0 and "近7天失败率 3.96%（告警）" in printed
    [alarm] = mail_files(tmp_path)
    assert "失败率 3.96%（告警线 3%，单项否决线 5%）" in mail_text(alarm)
    # the history was pruned to 400 days
    assert journal.tail_since(str(history), now - timedelta(days=500))[0]["at"] > old["at"]


def test_no_url_is_bad_usage(tmp_path):
    ini = write_ini(tmp_path / "probe.ini", {"govportal.public_url": ""})
    assert main([ini], out=io.StringIO()) == 2


@pytest.mark.slow
def test_killed_server_is_seen_down(app_settings, tmp_path):
    """The real application served by pserve in a subprocess: probed up, then
    killed with SIGKILL: the probe (a subprocess too) says down, exits 1 and,
    after three failures, mails the 值班 address (file mailer)."""
    import subprocess

    port = free_port()
    served = dict(app_settings, **{"govportal.monitoring.probes": "off"})
    served.pop("govportal.mail.delivery")
    served.update(probe_settings(tmp_path))
    ini = write_ini(tmp_path / "app.ini", served, port)
    history = tmp_path / "history.jsonl"
    server = Process([program("pserve"), ini], tmp_path / "pserve.log", tmp_path)
    try:
        wait_for_port(server, port)
        assert Client(port).get("/").status == 200

        def probe():
            return subprocess.run(
                [program("govportal-probe"), ini, "--history", str(history)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                env={**__import__("os").environ, "PYTHONWARNINGS": "ignore"},
            )

        # the default URLs: public_url + probe_paths; point them at the process
        served["govportal.monitoring.probe_urls"] = f"http://127.0.0.1:{port}/"
        write_ini(tmp_path / "app.ini", served, port)
        first = probe()
        assert first.returncode == 0, first.stdout + first.stderr
        server.proc.kill()  # kill -9
        server.proc.wait(10)
        for _ in range(3):
            down = probe()
            assert down.returncode == 1, down.stdout + down.stderr
            assert "失败" in down.stdout
    finally:
        server.stop()
    [alarm] = mail_files(tmp_path)
    assert "无法访问（连续失败 3 次" in mail_text(alarm)
    assert texts(tmp_path)[0]["phone"] == PHONE


def test_mail_failure_keeps_the_round_and_tries_again(tmp_path, capsys):
    """The SMTP relay is down: the round is still recorded, the failure is
    said on stderr, and the alarm is tried again on the next run."""
    settings = probe_settings(
        tmp_path,
        **{
            "govportal.mail.delivery": "smtp",
            "mail.host": "127.0.0.1",
            "mail.port": str(free_port()),
            "govportal.monitoring.probe_failures": "1",
        },
    )
    ini = write_ini(tmp_path / "probe.ini", settings)
    history = tmp_path / "history.jsonl"
    url = f"http://127.0.0.1:{free_port()}/"
    for _ in range(2):
        assert _probe(ini, url, history)[0] == 1
        assert "告警发送失败" in capsys.readouterr().err
    entries = journal.tail_since(str(history), now_utc().replace(year=2000))
    assert [e["ok"] for e in entries] == [False, False]
    assert [e["alarm"] for e in entries] == ["", ""]
