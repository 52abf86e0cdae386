"""The render cache's building blocks, without HTTP."""

import transaction
from persistent.TimeStamp import TimeStamp
from ZODB import DB
from ZODB.MappingStorage import MappingStorage

from govportal.cache.freshness import TransactionIdSource
from govportal.cache.store import Entry, PageCache, not_modified
from govportal.cache.validators import (
    CLOCK_MARGIN,
    day_start,
    etag_matches,
    last_modified_seconds,
    make_etag,
    may_send_last_modified,
    parse_http_date,
    tid_seconds,
)


def stamp(*when):
    """The transaction id of a commit at ``when`` (UTC: y, m, d, h, min, s)."""
    return TimeStamp(*when).raw()


#: Three commits on 2026-01-01, at 12:00, 12:01 and 12:02 China time.
T1, T2, T3 = stamp(2026, 1, 1, 4, 0, 0.5), stamp(2026, 1, 1, 4, 1, 0), stamp(2026, 1, 1, 4, 2, 0)
NOW = tid_seconds(T3) + 10


def entry(tid, body=b"<html>page</html>", rendered_on=NOW):
    headers = [("Content-Type", "text/html"), ("Content-Length", str(len(body)))]
    return Entry(tid, "200 OK", headers, body, make_etag(body), rendered_on)


def test_entries_live_only_while_their_transaction_is_the_last():
    cache = PageCache()
    assert cache.get("a", T1, NOW) is None
    assert cache.put("a", entry(T1), T1)
    assert cache.get("a", T1, NOW).tid == T1
    # a newer transaction: the entry is dead and memory is freed at once
    assert cache.get("a", T2, NOW) is None
    assert len(cache) == 0 and cache.bytes == 0 and cache.stats()["flushes"] == 1


def test_a_render_older_than_the_last_transaction_is_refused():
    cache = PageCache()
    # rendered from T1, but T2 committed meanwhile
    assert not cache.put("a", entry(T1), T2)
    assert cache.get("a", T2, NOW) is None
    # a slow thread still holding T1 cannot bring the cache back to T1
    cache.put("b", entry(T2), T2)
    assert cache.get("b", T1, NOW) is None
    assert cache.get("b", T2, NOW) is not None and cache.tid == T2


def test_lru_bounds_entries_and_bytes():
    cache = PageCache(max_entries=3, max_bytes=10_000_000)
    for key in "abcd":
        cache.put(key, entry(T1), T1)
    assert cache.keys() == ["b", "c", "d"]
    cache.get("b", T1, NOW)  # b is now the most recent
    cache.put("e", entry(T1), T1)
    assert cache.keys() == ["d", "b", "e"]
    big = PageCache(max_entries=100, max_bytes=3 * (1000 + 512), max_entry_bytes=2000)
    for key in "abcd":
        big.put(key, entry(T1, b"x" * 1000), T1)
    assert len(big) == 3 and big.bytes <= big.max_bytes
    # a page larger than a quarter of the cache is never kept
    assert not big.put("huge", entry(T1, b"x" * 5000), T1)


def test_304_rules():
    etag = make_etag(b"page")
    assert etag_matches(etag, etag) and etag_matches(f"W/{etag}", etag)
    assert etag_matches(f'"a", {etag}', etag) and etag_matches("*", etag)
    assert not etag_matches('"a"', etag)
    since = "Sun, 01 Feb 2026 00:00:10 GMT"
    at = parse_http_date(since)
    assert not_modified({"HTTP_IF_NONE_MATCH": etag}, etag, None)
    assert not not_modified(
        {"HTTP_IF_NONE_MATCH": '"x"', "HTTP_IF_MODIFIED_SINCE": since}, etag, at
    )
    assert not_modified({"HTTP_IF_MODIFIED_SINCE": since}, etag, at)
    assert not_modified({"HTTP_IF_MODIFIED_SINCE": since}, etag, at - 5)
    assert not not_modified({"HTTP_IF_MODIFIED_SINCE": since}, etag, at + 1)
    assert not not_modified({"HTTP_IF_MODIFIED_SINCE": since}, etag, None)
    assert not not_modified({"HTTP_IF_MODIFIED_SINCE": "garbage"}, etag, at)
    assert parse_http_date("garbage") is None


def test_last_modified_after_the_second_of_the_commit():
    lm = last_modified_seconds(T1)
    assert lm - 1 < tid_seconds(T1) <= lm
    assert not may_send_last_modified(lm, lm - 0.5)
    assert not may_send_last_modified(lm, lm + CLOCK_MARGIN - 0.01)
    assert may_send_last_modified(lm, lm + CLOCK_MARGIN)
    page = entry(T1, rendered_on=tid_seconds(T1) + 0.1)
    assert page.last_modified(lm) is None and page.last_modified(lm + 5) == lm
    answer = page.answer({"REQUEST_METHOD": "GET"}, lm + 5)
    assert ("Last-Modified", page.lm_header) in answer.headers
    answer = page.answer({"REQUEST_METHOD": "GET"}, lm)
    assert all(name != "Last-Modified" for name, _v in answer.headers)


def test_entries_serve_only_on_the_day_they_were_rendered():
    """Pages may show the date: an entry ends at midnight (China time) and a
    page rendered on a later day is never older than that day."""
    cache = PageCache()
    page = entry(T1)
    midnight = day_start(NOW) + 86_400
    assert page.expires == midnight
    assert NOW < midnight
    cache.put("a", page, T1)
    assert cache.get("a", T1, midnight - 1) is page
    assert cache.get("a", T1, midnight) is None
    # rendered the next day, from the same (old) transaction
    later = entry(T1, rendered_on=midnight + 5)
    assert later.lm_seconds == midnight and later.expires == midnight + 86_400
    assert not not_modified({"HTTP_IF_MODIFIED_SINCE": page.lm_header}, later.etag, midnight)
    # China time has no daylight saving: days are 24 h, starting at 16:00 UTC
    assert day_start(tid_seconds(T1)) % 86_400 == 16 * 3600


def test_transaction_ids_follow_commits():
    db = DB(MappingStorage())
    try:
        source = TransactionIdSource(db)
        first = source.current()
        conn = db.open()
        conn.root()["x"] = 1
        transaction.commit()
        assert source.current() > first
        assert source.current() == db.lastTransaction()
        conn.close()
    finally:
        db.close()


def test_the_storage_is_synced_before_reading(monkeypatch):
    """ZEO with server-sync makes ``sync()`` a round trip: it must be called
    before the id is read, as a new transaction would."""
    db = DB(MappingStorage())
    calls = []
    try:
        db.storage.sync = lambda: calls.append("sync")
        TransactionIdSource(db).current()
        assert calls == ["sync"]
    finally:
        db.close()
