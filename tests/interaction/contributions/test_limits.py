"""Per-address limits held in the database: counted per scope and address
within the window, kept in the database (every process sees them),
pruned after a day."""

import time

import transaction

from govportal.interaction.contributions import limits

from ...conftest import read_root


def _session(app):
    db = app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    return conn, conn.root()["app_root"]


def test_parse_rate():
    assert limits.parse_rate("10/600") == (10, 600.0)
    assert limits.parse_rate("3") == (3, 600.0)
    assert limits.parse_rate("bad", "5/60") == (5, 60.0)


def test_counts_per_scope_and_address_in_the_database(wsgi_app):
    conn, root = _session(wsgi_app)
    now = time.time()
    for seconds_ago in (5, 30, 700):
        limits.record(root, "contribution", "198.51.100.1", now=now - seconds_ago)
    limits.record(root, "contribution", "198.51.100.2", now=now)
    limits.record(root, "letter", "198.51.100.1", now=now)
    conn.transaction_manager.commit()
    conn.close()

    # another connection (as another process would) sees the committed events
    def counts(root):
        return (
            limits.count(root, "contribution", "198.51.100.1", 600),
            limits.count(root, "contribution", "198.51.100.1", 3600),
            limits.count(root, "contribution", "198.51.100.2", 600),
            limits.count(root, "letter", "198.51.100.1", 600),
            limits.count(root, "contribution", "198.51.100.3", 600),
        )

    assert read_root(wsgi_app, counts) == (2, 3, 1, 1, 0)


def test_prune_drops_old_events(wsgi_app):
    conn, root = _session(wsgi_app)
    try:
        now = time.time()
        limits.record(root, "contribution", "198.51.100.1", now=now - 2 * limits.KEEP)
        limits.record(root, "contribution", "198.51.100.1", now=now)
        assert limits.prune(root, None) == 1
        assert limits.count(root, "contribution", "198.51.100.1", 10 * limits.KEEP) == 1
    finally:
        conn.transaction_manager.abort()
        conn.close()
