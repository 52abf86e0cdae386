"""The hash chain: appends, verification, tampering, purge and retention."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from pyramid.exceptions import ConfigurationError

from govportal import main
from govportal.audit import retention_days
from govportal.audit import store as store_module
from govportal.audit.chain import GENESIS, entry_hash
from govportal.audit.store import AuditEntry, AuditLog, utc_stamp
from tests.conftest import make_settings

from .conftest import fields, tamper


def fill(audit_log, n):
    return [audit_log.append(fields(i)) for i in range(n)]


def test_good_chain_verifies(audit_log):
    entries = fill(audit_log, 20)
    assert [e["seq"] for e in entries] == list(range(1, 21))
    assert entries[0]["prev"] == GENESIS
    assert all(b["prev"] == a["hash"] for a, b in zip(entries, entries[1:], strict=False))
    assert all(e["hash"] == entry_hash(e) for e in entries)
    report = audit_log.verify()
    assert report.ok, report.lines()
    assert (report.checked, report.first_seq, report.last_seq) == (20, 1, 20)
    assert "审计日志完整" in report.lines()[0] and "intact" in report.lines()[0]


def test_empty_log_verifies(audit_log):
    assert audit_log.verify().ok


def test_times_never_go_back(audit_log):
    entries = fill(audit_log, 5)
    times = [e["time"] for e in entries]
    assert times == sorted(times)
    assert times[0].endswith("Z")


def test_altered_entry_is_detected(audit_log, audit_db):
    fill(audit_log, 10)

    def alter(root):
        data = root.entries[6].as_dict()
        data["actor"] = "someone-else"
        root.entries[6].data = data

    tamper(audit_db, alter)
    report = audit_log.verify()
    assert not report.ok
    assert report.first_bad_seq == 6
    assert report.problems[0][1] == "altered"
    text = "\n".join(report.lines())
    assert "序号 6" in text and "seq 6" in text and "被修改" in text


def test_altered_and_rehashed_entry_is_detected(audit_log, audit_db):
    """Recomputing the altered entry's own hash breaks the next link."""
    fill(audit_log, 10)

    def alter(root):
        data = root.entries[4].as_dict()
        data["result"] = "failure"
        data["hash"] = entry_hash(data)
        root.entries[4].data = data

    tamper(audit_db, alter)
    report = audit_log.verify()
    assert report.first_bad_seq == 5
    assert report.problems[0][1] == "link"


def test_removed_entry_is_detected(audit_log, audit_db):
    fill(audit_log, 10)
    tamper(audit_db, lambda root: root.entries.__delitem__(7))
    report = audit_log.verify()
    assert not report.ok
    assert report.first_bad_seq == 7
    assert {p[1] for p in report.problems} >= {"missing", "link"}


def test_removed_last_entry_is_detected(audit_log, audit_db):
    fill(audit_log, 10)
    tamper(audit_db, lambda root: root.entries.__delitem__(10))
    report = audit_log.verify()
    assert not report.ok
    assert report.first_bad_seq == 10
    assert report.problems[0][1] == "tail"


def test_reordered_entries_are_detected(audit_log, audit_db):
    fill(audit_log, 10)

    def swap(root):
        a, b = root.entries[3].as_dict(), root.entries[4].as_dict()
        root.entries[3], root.entries[4] = AuditEntry(b), AuditEntry(a)

    tamper(audit_db, swap)
    report = audit_log.verify()
    assert not report.ok
    assert report.first_bad_seq == 3
    assert report.problems[0][1] == "moved"


def test_sixteen_concurrent_writers_make_one_gap_free_chain(audit_db):
    """16 threads, each with its own log object (so its own lock, as if in
    its own process) and its own connections: every conflict is re-chained."""
    errors = []

    def writer(n):
        log = AuditLog(audit_db)
        try:
            for i in range(20):
                log.append(fields(n * 100 + i))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    log = AuditLog(audit_db)
    report = log.verify()
    assert report.ok, report.lines()
    assert (report.checked, report.first_seq, report.last_seq) == (320, 1, 320)
    with log.reading() as root:
        assert list(root.entries.keys()) == list(range(1, 321))
        actors = {e.data["actor"] for e in root.entries.values()}
    assert len(actors) == 320  # nothing lost, nothing written twice


def test_one_log_shared_by_threads(audit_log):
    threads = [
        threading.Thread(target=lambda n=n: [audit_log.append(fields(n)) for _ in range(10)])
        for n in range(16)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = audit_log.verify()
    assert report.ok and report.checked == 160


def _append_at(audit_log, monkeypatch, when, n):
    monkeypatch.setattr(store_module, "utc_stamp", lambda w=None: utc_stamp(w or when))
    try:
        return [audit_log.append(fields(i)) for i in range(n)]
    finally:
        monkeypatch.setattr(store_module, "utc_stamp", utc_stamp)


def test_purge_keeps_the_chain_verifiable(audit_log, audit_db, monkeypatch):
    now = datetime.now(UTC)
    old = _append_at(audit_log, monkeypatch, now - timedelta(days=400), 8)
    recent = _append_at(audit_log, monkeypatch, now - timedelta(days=10), 4)
    assert audit_log.purge(365, now=now) == 8
    with audit_log.reading() as root:
        assert (root.anchor_seq, root.anchor_hash) == (8, old[-1]["hash"])
        assert list(root.entries.keys()) == [9, 10, 11, 12, 13]
        purge = root.entries[13].as_dict()
    assert purge["action"] == "audit.purge"
    assert purge["details"]["removed"] == 8
    assert purge["details"]["anchor_seq"] == 8
    assert recent[0]["prev"] == old[-1]["hash"]
    report = audit_log.verify()
    assert report.ok, report.lines()
    assert report.first_seq == 9
    # nothing more to purge: no new entry
    assert audit_log.purge(365, now=now) == 0
    assert audit_log.verify().checked == 5


def test_purge_then_removing_the_first_kept_entry_is_detected(audit_log, audit_db, monkeypatch):
    now = datetime.now(UTC)
    _append_at(audit_log, monkeypatch, now - timedelta(days=400), 3)
    _append_at(audit_log, monkeypatch, now, 3)
    audit_log.purge(365, now=now)
    tamper(audit_db, lambda root: root.entries.__delitem__(4))
    report = audit_log.verify()
    assert report.first_bad_seq == 4


def test_a_forged_anchor_is_detected(audit_log, audit_db, monkeypatch):
    """Cutting entries from the start and moving the anchor to match is
    caught by the purge record the chain holds."""
    now = datetime.now(UTC)
    _append_at(audit_log, monkeypatch, now - timedelta(days=400), 3)
    entries = _append_at(audit_log, monkeypatch, now, 5)
    audit_log.purge(365, now=now)

    def cut(root):
        for seq in (4, 5):
            del root.entries[seq]
        root.anchor_seq, root.anchor_hash = 5, entries[1]["hash"]

    tamper(audit_db, cut)
    report = audit_log.verify()
    assert not report.ok
    assert report.problems[-1][1] == "anchor"


def test_purge_job_runs_once_a_day(audit_log, monkeypatch):
    from govportal.audit import purge_job

    now = datetime.now(UTC)
    _append_at(audit_log, monkeypatch, now - timedelta(days=400), 3)
    job = purge_job(audit_log, 365)
    assert job(None, None) is False  # nothing for the content database
    _append_at(audit_log, monkeypatch, now - timedelta(days=400), 2)
    job(None, None)  # not due yet: the new old entries stay
    with audit_log.reading() as root:
        assert root.anchor_seq == 3 and len(root.entries) == 3
    assert audit_log.verify().ok


def test_retention_floor():
    assert retention_days({}) == 365
    assert retention_days({"govportal.audit.retention_days": "180"}) == 180
    for bad in ("179", "30", "0", "-5", "half a year"):
        with pytest.raises(ConfigurationError):
            retention_days({"govportal.audit.retention_days": bad})


def test_the_application_refuses_a_short_retention(tmp_path):
    settings = make_settings(tmp_path / "s", **{"govportal.audit.retention_days": "90"})
    with pytest.raises(ConfigurationError, match="180"):
        main({}, **settings)
