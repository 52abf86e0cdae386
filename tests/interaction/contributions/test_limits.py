"""Per-address limits held in the database (:mod:`govportal.interaction.limits`,
which the contributions and surveys share with letters): counted per scope
and address within the window, kept in the database (every process sees
them), pruned once they can no longer count."""

import transaction

from govportal.interaction import limits

from ...conftest import read_root

# 1250 s into an hour: 50 s into a ten-minute window
NOW = 1_000_002_050.0  # long past: windows of real requests are not pruned
assert NOW % 600 == 50 and NOW % 3600 == 1250


def _session(app):
    db = app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    return conn, conn.root()["app_root"]


def test_parse_rate():
    assert limits.parse_rate("10/600", "5/600") == (10, 600.0)
    assert limits.parse_rate("3", "5/600") == (3, 600.0)
    assert limits.parse_rate("bad", "5/60") == (5, 60.0)


def _record(tree, scope, address, at, windows=(600, 3600)):
    for seconds in windows:
        assert limits.count_and_decide(tree, scope, address, 1000, seconds, at)


def test_counts_per_scope_and_address_in_the_database(wsgi_app):
    conn, root = _session(wsgi_app)
    tree = limits.find_limits(root, create=True)
    for seconds_ago in (5, 30, 700):
        _record(tree, "contribution", "198.51.100.1", NOW - seconds_ago)
    _record(tree, "contribution", "198.51.100.2", NOW)
    _record(tree, "letter", "198.51.100.1", NOW)
    conn.transaction_manager.commit()
    conn.close()

    # another connection (as another process would) sees the committed events
    def counts(root):
        tree = limits.find_limits(root)
        return (
            limits.count(tree, "contribution", "198.51.100.1", 600, NOW),
            limits.count(tree, "contribution", "198.51.100.1", 3600, NOW),
            limits.count(tree, "contribution", "198.51.100.2", 600, NOW),
            limits.count(tree, "letter", "198.51.100.1", 600, NOW),
            limits.count(tree, "contribution", "198.51.100.3", 600, NOW),
        )

    assert read_root(wsgi_app, counts) == (2, 3, 1, 1, 0)


def test_prune_drops_old_events(wsgi_app):
    conn, root = _session(wsgi_app)
    try:
        tree = limits.find_limits(root, create=True)
        _record(tree, "contribution", "198.51.100.1", NOW - 2 * 3600, windows=(3600,))
        _record(tree, "contribution", "198.51.100.1", NOW, windows=(3600,))
        assert limits.prune(root, None, now=NOW) == 1
        assert limits.count(tree, "contribution", "198.51.100.1", 3600, NOW) == 1
    finally:
        conn.transaction_manager.abort()
        conn.close()
