"""The machinery of the 16-concurrent-writers tests: an app served by a real
threaded waitress, patient clients, and threads released together."""

import collections
import contextlib
import threading

import govportal

from ..conftest import PASSWORD, close_app
from .helpers import threaded_server

WRITERS = 16


@contextlib.contextmanager
def served_app(app_settings, name, **settings):
    """A fresh app with ``settings`` (e.g. a rate limit lifted: every thread
    has one address, the limit must not be what is measured) served by
    threaded waitress; yield (app, port)."""
    app = govportal.main({}, **dict(app_settings, **settings))
    try:
        with threaded_server(app, name) as port:
            yield app, port
    finally:
        close_app(app)


def patient_clients(port, monkeypatch, count=WRITERS):
    """``count`` clients of the server; 16 clients on a shared 2-core
    machine: answers may take a while."""
    from tests.storage.helpers import Client

    monkeypatch.setattr("tests.storage.helpers.HTTP_TIMEOUT", 180.0)
    return [Client(port) for _ in range(count)]


def signed_in(port, login):
    from tests.storage.helpers import Client

    client = Client(port)
    client.login(login, PASSWORD)
    return client


def at_once(count, send, prepare=None, timeout=300):
    """Run ``count`` threads: thread i prepares with ``prepare(i)`` (if
    given), waits for the others, then runs ``send(i, prepared)``, which
    yields (key, answer) after each request; return {key: [answers]}."""
    answers = collections.defaultdict(list)
    lock = threading.Lock()
    barrier = threading.Barrier(count)

    def run(i):
        prepared = prepare(i) if prepare else None
        barrier.wait()
        for key, answer in send(i, prepared):
            with lock:
                answers[key].append(answer)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    return answers


def run_all(jobs):
    """Run ``jobs`` (callables returning a status) at once; count statuses."""
    statuses = collections.Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(len(jobs))

    def worker(job):
        barrier.wait()
        try:
            status = job()
        except Exception as e:  # a timeout: counted, shown by the assertion
            status = repr(e)
        with lock:
            statuses[status] += 1

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return statuses
