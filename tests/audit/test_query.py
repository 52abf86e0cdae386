"""Searching the log: China-time ranges, criteria, pages, the scan bound."""

from datetime import UTC, datetime, timedelta

from govportal.audit import store as store_module
from govportal.audit.query import AuditFilter, parse_filter, search, search_page
from govportal.audit.store import utc_stamp

from .conftest import fields

# 2026-03-01 00:00 in China is 2026-02-28 16:00 UTC
T0 = datetime(2026, 2, 28, 16, 0, tzinfo=UTC)


def fill_hourly(audit_log, monkeypatch, n):
    """``n`` entries one hour apart from T0 (China 2026-03-01 00:00)."""
    for i in range(n):
        when = T0 + timedelta(hours=i)
        monkeypatch.setattr(
            store_module, "utc_stamp", lambda w=None, when=when: utc_stamp(w or when)
        )
        audit_log.append(
            fields(i, action="login.failure" if i % 5 == 0 else "account.update", result="success")
        )
    monkeypatch.setattr(store_module, "utc_stamp", utc_stamp)


def seqs(found):
    return [e["seq"] for e in found]


def test_time_range_in_china_time(audit_log, monkeypatch):
    fill_hourly(audit_log, monkeypatch, 72)  # 3 days, China time 03-01 .. 03-03
    with audit_log.reading() as root:
        day2 = search(root, AuditFilter(start="2026-03-02", end="2026-03-02"), limit=100)
        assert seqs(day2) == list(range(48, 24, -1))  # the 24 hours of March 2nd
        hours = search(root, AuditFilter(start="2026-03-01 08:00", end="2026-03-01T09:30"), limit=9)
        assert seqs(hours) == [10, 9]
        assert search(root, AuditFilter(start="2026-04-01"), limit=10) == []
        both = search(root, AuditFilter(end="2026-03-01", action="login.failure"), limit=100)
        assert seqs(both) == [21, 16, 11, 6, 1]


def test_criteria(audit_log, monkeypatch):
    fill_hourly(audit_log, monkeypatch, 20)
    with audit_log.reading() as root:
        assert seqs(search(root, AuditFilter(actor="USER1"), limit=50)) == [
            20,
            19,
            18,
            17,
            16,
            15,
            14,
            13,
            12,
            11,
            2,
        ]
        assert seqs(search(root, AuditFilter(text="user7"), limit=50)) == [8]
        assert seqs(search(root, AuditFilter(text="测试", action="login.failure"), limit=2)) == [
            16,
            11,
        ]


def test_pages_and_the_scan_bound(audit_log, monkeypatch):
    fill_hourly(audit_log, monkeypatch, 30)
    with audit_log.reading() as root:
        page, resume = search_page(root, AuditFilter(), limit=10)
        assert seqs(page) == list(range(30, 20, -1)) and resume == 21
        page, resume = search_page(root, AuditFilter(), limit=10, below=21)
        assert seqs(page)[0] == 20
        page, resume = search_page(root, AuditFilter(action="login.failure"), limit=10, max_scan=12)
        assert seqs(page) == [26, 21] and resume == 19  # stopped after 12 entries
        page, resume = search_page(
            root, AuditFilter(action="login.failure"), limit=10, below=resume, max_scan=12
        )
        assert seqs(page) == [16, 11] and resume == 7
        page, resume = search_page(root, AuditFilter(action="login.failure"), limit=10, below=7)
        assert seqs(page) == [6, 1] and resume is None


def test_parse_filter():
    flt, errors = parse_filter({"start": "2026-03-01", "action": "login.failure", "x": "y"})
    assert not errors and flt.params() == {"start": "2026-03-01", "action": "login.failure"}
    for bad in (
        {"start": "3/1/2026"},
        {"action": "rm -rf"},
        {"result": "ok"},
        {"text": "x" * 101},
        {"start": "2026-03-02", "end": "2026-03-01"},
    ):
        _flt, errors = parse_filter(bad)
        assert errors, bad
