"""Shared pieces of the concurrency tests: a real threaded waitress server."""

import contextlib
import threading

import pytest
from waitress.server import create_server

#: closing waitress's socket under its select loop may end that loop with EBADF
quiet_server = pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")


@contextlib.contextmanager
def threaded_server(app, name):
    """Serve ``app`` with four waitress threads on a free local port; yield the port."""
    server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="govportal")
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    try:
        yield server.effective_port
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        thread.join(timeout=5)


def poster(base, path, fields):
    """A job for :func:`tests.concurrency.writers.run_all`: POST ``fields``
    to ``path`` on a fresh connection with ``base``'s cookies and CSRF token
    (``base``: a signed-in client); returns the status."""
    from ..storage.helpers import Client

    def job():
        client = Client(base.port, dict(base.cookies), base.token)
        return client.post(path, dict(fields, csrf_token=base.token)).status

    return job
