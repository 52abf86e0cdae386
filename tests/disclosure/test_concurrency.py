"""Concurrent approvals: threads against one database, each with its own
connection and transaction, retried on ConflictError as pyramid_retry does.

The numbers must come out distinct and consecutive, and the race must really
have happened (conflicts were seen and retried)."""

import threading
from datetime import date

import transaction
from BTrees.Length import Length
from pyramid.traversal import find_resource
from substanced.util import get_oid
from transaction.interfaces import TransientError

from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow

from .helpers import index_numbers, issued

COLUMN = "/jyj/gzdt/"
THREADS = 6


def create_and_submit(app, names):
    """Documents of 教育局, created and submitted by its editor (one transaction)."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        editor = root["principals"]["users"]["jyj_editor"]
        as_editor = request_as(request, get_oid(editor))
        column = find_resource(root, COLUMN)
        for name in names:
            doc = request.registry.content.create(
                "Document",
                title=f"并发审核 {name}",
                publish_date=date(2026, 3, 2),
                last_editor=get_oid(editor),
            )
            column[name] = doc
            get_workflow(doc, request.registry).transition(doc, as_editor, "submit")
    return [f"{COLUMN}{name}/" for name in names]


def approve_concurrently(app, names):
    """Approve every document in its own thread, all at the same time.

    Each thread approves, then waits at a barrier until every thread has done
    so (so all of them read the same counter), then commits; a thread whose
    commit conflicts starts over, like a request retried by pyramid_retry.
    Returns (number by name, conflicts seen, errors).
    """
    registry = app.registry
    barrier = threading.Barrier(len(names), timeout=60)
    numbers, conflicts, errors = {}, [], []
    lock = threading.Lock()

    def approve(name):
        first = True
        for _attempt in range(len(names) + 3):
            try:
                with site_session(registry) as (zodb_root, request):
                    root = zodb_root["app_root"]
                    doc = find_resource(root, f"{COLUMN}{name}/")
                    reviewer = root["principals"]["users"]["jyj_reviewer"]
                    as_reviewer = request_as(request, get_oid(reviewer))
                    get_workflow(doc, registry).transition(doc, as_reviewer, "approve")
                    number = doc.index_number
                    if first:
                        first = False
                        barrier.wait()
                with lock:
                    numbers[name] = number
                return
            except TransientError:  # ConflictError and its kin: retry
                with lock:
                    conflicts.append(name)
            except Exception as e:  # noqa: BLE001 - reported by the test
                barrier.abort()
                with lock:
                    errors.append(f"{name}: {e!r}")
                return
        with lock:
            errors.append(f"{name}: retries exhausted")

    threads = [threading.Thread(target=approve, args=(name,)) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return numbers, conflicts, errors


def test_concurrent_approvals_get_distinct_consecutive_numbers(wsgi_app):
    # Round 1: the (教育局, 2026) counter does not exist yet: every thread
    # creates it.  Round 2: it exists: every thread increments it.
    expected = []
    for round_ in (1, 2):
        names = [f"r{round_}-{i}" for i in range(THREADS)]
        paths = create_and_submit(wsgi_app, names)
        numbers, conflicts, errors = approve_concurrently(wsgi_app, names)
        assert errors == []
        # all but the first committer had to retry at least once
        assert len(conflicts) >= THREADS - 1, conflicts
        first = len(expected) + 1
        expected += [f"008000001/2026-{n:05d}" for n in range(first, first + THREADS)]
        stored = index_numbers(wsgi_app, paths)
        assert stored == [numbers[name] for name in names]  # what each thread saw committed
    all_numbers = index_numbers(
        wsgi_app, [f"{COLUMN}r{r}-{i}/" for r in (1, 2) for i in range(THREADS)]
    )
    assert sorted(all_numbers) == expected  # distinct and consecutive
    record = issued(wsgi_app)
    assert all(number in record for number in expected)
    assert len(set(record.values())) == len(record)  # one document per number


def test_a_resolving_counter_would_hand_out_duplicates(wsgi_app):
    """Why the counter must conflict: BTrees.Length merges concurrent
    increments, so both transactions commit having read the same value."""
    db = wsgi_app.registry._zodb_databases[""]
    tm0 = transaction.TransactionManager()
    conn0 = db.open(transaction_manager=tm0)
    conn0.root()["length_probe"] = Length(5)
    tm0.commit()
    conn0.close()
    seen = []
    managers = [transaction.TransactionManager() for _ in range(2)]
    conns = [db.open(transaction_manager=tm) for tm in managers]
    for tm in managers:
        tm.begin()
    for conn in conns:
        length = conn.root()["length_probe"]
        seen.append(length() + 1)  # "the next number"
        length.change(1)
    for tm in managers:
        tm.commit()  # no ConflictError: the increments are merged
    for conn in conns:
        conn.close()
    assert seen == [6, 6]  # the same number handed out twice
