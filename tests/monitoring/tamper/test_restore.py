"""Tampering with a served page is detected, alarmed (mailed once),
restored and audited: a render-cache entry, a document's stored field,
an attachment's blob file."""

import os

from govportal.cache import get_page_cache
from tests.concurrency.helpers import quiet_server

from .helpers import (
    PDF,
    TEXT,
    audit_actions,
    confirm_round,
    get,
    hack_body,
    in_document,
    open_tamper_alarms,
    published_document,
    served,
    sweep_once,
    tamper_mails,
)

pytestmark = quiet_server

HACKED = "本站已被黑客攻破"


def test_first_sweep_baselines_without_alarm(app):
    path = published_document(app)
    with served(app):
        # the demo's published document and this one
        assert "新建基线 2" in sweep_once(app)
        report = sweep_once(app)
    assert "核对 2" in report and "发现篡改 0" in report
    assert open_tamper_alarms(app) == [] and tamper_mails(app) == []
    assert path.endswith("/notice/")


def test_render_cache_entry_replaced(app):
    path = published_document(app)
    with served(app) as port:
        sweep_once(app)
        assert TEXT in get(port, path).decode()  # now in the render cache
        cache = get_page_cache(app.registry)
        [key] = [k for k in cache.keys() if k[3] == path]
        entry = cache.get(key, cache.tid, 0)
        # same length: the stored Content-Length still holds
        entry.body = entry.body.replace(TEXT.encode(), HACKED.encode().ljust(len(TEXT.encode())))
        assert HACKED in get(port, path).decode()  # what visitors get now

        report = sweep_once(app)
        assert "发现篡改 1" in report and "已恢复并核实 1" in report, report
        page = get(port, path).decode()
        assert TEXT in page and HACKED not in page
    [mail] = tamper_mails(app)
    assert path in mail.body and HACKED in mail.body  # the diff is in the mail
    assert open_tamper_alarms(app) == []  # cleared once confirmed
    assert audit_actions(app)[-3:] == [
        "monitoring.alarm",
        "monitoring.tamper_restored",
        "monitoring.alarm_cleared",
    ]


def test_document_field_changed_in_the_database(app):
    path = published_document(app)
    with served(app) as port:
        sweep_once(app)

        hack_body(app, path, f"<p>{HACKED}</p>")
        assert HACKED in get(port, path).decode()
        report = sweep_once(app)
        assert "发现篡改 1" in report and "已恢复待核实 1" in report, report
        [(_key, evidence)] = open_tamper_alarms(app)
        assert "object" in evidence["kinds"] and HACKED in evidence["diff"]
        assert evidence["url"] == "https://www.yingshan.gov.cn" + path
        # the next round sees the approved page served again
        page = get(port, path).decode()
        assert TEXT in page and HACKED not in page
        confirm_round(app)
    assert open_tamper_alarms(app) == []
    assert in_document(app, path, lambda d: d.body, commit=False) == f"<p>{TEXT}</p>"
    assert len(tamper_mails(app)) == 1
    assert "monitoring.tamper_restored" in audit_actions(app)


def test_attachment_blob_file_overwritten(app):
    path = published_document(app)
    with served(app) as port:
        sweep_once(app)
        attachment = path + "file1/"
        assert get(port, attachment) == PDF

        def blob_file(document):
            return document["file1"].blob.committed()

        filename = in_document(app, path, blob_file, commit=False)
        os.chmod(filename, 0o644)  # blob files are read-only; an intruder does not care
        with open(filename, "wb") as out:
            out.write(b"%PDF-1.4 malicious replacement")
        assert get(port, attachment) != PDF

        report = sweep_once(app)
        assert "发现篡改 1" in report and "已恢复待核实 1" in report, report
        [(_key, evidence)] = open_tamper_alarms(app)
        assert evidence["kinds"] == ["blob"]
        assert evidence["attachments"][0]["filename"] == "通知.pdf"
        assert get(port, attachment) == PDF  # a new blob revision with the vault's bytes
        confirm_round(app)
    assert open_tamper_alarms(app) == []
    assert len(tamper_mails(app)) == 1
    assert "monitoring.tamper_restored" in audit_actions(app)


def test_home_page_cache_entry_replaced(app):
    with served(app) as port:
        report = sweep_once(app)
        assert "核对栏目页" in report and "发现篡改 0" in report, report
        home = get(port, "/").decode()
        cache = get_page_cache(app.registry)
        [key] = [k for k in cache.keys() if k[3] == "/"]
        entry = cache.get(key, cache.tid, 0)
        title = "营山县人民政府".encode()
        assert title in entry.body
        entry.body = entry.body.replace(title, "黑客攻破网站".encode().ljust(len(title)))
        assert "黑客攻破网站" in get(port, "/").decode()

        report = sweep_once(app)
        assert "发现篡改 1" in report and "已恢复并核实 1" in report, report
        assert get(port, "/").decode() == home
    assert open_tamper_alarms(app) == []
    assert len(tamper_mails(app)) == 1
    assert audit_actions(app)[-3:] == [
        "monitoring.alarm",
        "monitoring.tamper_restored",
        "monitoring.alarm_cleared",
    ]
