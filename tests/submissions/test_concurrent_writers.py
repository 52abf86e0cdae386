"""16 concurrent citizens × 5 ``@@apply`` through a real waitress server on
FileStorage: every write acknowledged, no 5xx, each stored once, numbers
unique and consecutive per organ."""

import re
import secrets
import threading

import pytest
from waitress.server import create_server

from govportal import main
from tests.applications.conftest import person_fields
from tests.conftest import close_app
from tests.storage.helpers import Client, csrf_token

from .helpers import applications

WRITERS = 16
WRITES = 5
SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')


def one_application(client, site, marker):
    """GET the form, POST it (one token); returns the POST's status."""
    path = f"/{site}/@@apply" if site else "/@@apply"
    page = client.get(path)
    if page.status != 200:
        return page.status
    fields = dict(
        person_fields(description=f"并发申请 {marker}"),
        csrf_token=csrf_token(page.text),
        submission_token=SUBMISSION.search(page.text).group(1),
    )
    return client.post(path, fields).status


def run_writers(ports, site, writers=WRITERS, writes=WRITES):
    """``writers`` threads, each its own session, round-robin over ``ports``;
    returns ``{marker: status}``."""
    results, lock = {}, threading.Lock()
    run = secrets.token_hex(4)

    def writer(n):
        client = Client(ports[n % len(ports)])
        for i in range(writes):
            marker = f"c-{run}-{n}-{i}"
            try:
                status = one_application(client, site, marker)
            except Exception as e:  # noqa: BLE001 (reported as a failure)
                status = repr(e)
            with lock:
                results[marker] = status

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return results


def check(results, stored, organ, writers=WRITERS, writes=WRITES):
    """Every acknowledged write present once; numbers unique and consecutive."""
    assert len(results) == writers * writes
    acked = [m for m, s in results.items() if s == 200]
    failures = {m: s for m, s in results.items() if s != 200}
    assert not [s for s in failures.values() if not isinstance(s, int) or s >= 500], failures
    assert len(acked) / len(results) >= 0.999, failures
    markers = [re.search(r"c-\S+", d).group(0) for _n, _h, d in stored if d and "并发申请 c-" in d]
    assert sorted(markers) == sorted(acked)  # each acknowledged application once, nothing else
    numbers = [n for n, _h, d in stored if d and "并发申请 c-" in d]
    assert len(set(numbers)) == len(numbers)
    seqs = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert all(n.startswith(f"{organ}-") for n in numbers)
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no number skipped


@pytest.fixture
def served(app_settings):
    settings = dict(app_settings, **{"govportal.applications.apply_rate": "100000/600"})
    app = main({}, **settings)
    server = create_server(app, host="127.0.0.1", port=0, threads=WRITERS, ident="govportal")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield app, server.effective_port
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        thread.join(timeout=5)
        close_app(app)


def warm_up(port, site="jyj"):
    """One application first: templates compile once (Chameleon's compiler
    is not safe when 16 threads compile the same template at once)."""
    assert one_application(Client(port), site, "warm-up") == 200


def test_sixteen_concurrent_citizens_on_filestorage(served, today):
    app, port = served
    warm_up(port)
    results = run_writers([port], "jyj")
    check(results, applications(app, "jyj"), "008000001")
