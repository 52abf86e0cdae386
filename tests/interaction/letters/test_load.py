"""Load (issue #12, "Done when"): 16 concurrent writers × 25 letters against
a real ``pserve`` process on FileStorage, then a second run in whose middle
the server is killed with SIGKILL and started again.

A writer is what a browser does: GET ``@@write`` (its CSRF, submission and
challenge tokens), answer the challenge, POST the letter; an acknowledged
letter is an answer showing its 信件编号 and 查询码.  When the connection
breaks (the kill), the writer waits for the server to come back and posts
the same form again — the same one-time token, so a letter whose answer was
lost is answered from the ledger, never stored twice.

After each run the server is stopped and the database read directly: every
acknowledged letter is present exactly once, under the number it was
acknowledged with; no answer was a 5xx.
"""

import http.client
import re
import threading
import time

import pytest
import transaction
from ZODB import DB
from zodburi import resolve_uri

from tests.storage.helpers import AppCluster, Client, csrf_token, program, run

from .letter_helpers import FIELDS, form_state

pytestmark = pytest.mark.slow

WRITERS = 16
LETTERS = 25
#: acknowledged letters of the second run before the server is killed
KILL_AFTER = 120
NUMBER = re.compile(r'id="letter-number"><strong>([^<]+)<')
#: every writer comes from 127.0.0.1: lift the per-address limit
SETTINGS = "govportal.interaction.write_rate = 1000000/60\n"


def stored_letters(uri):
    """``{subject: [numbers]}`` of the test's letters to the portal, read directly."""
    from govportal.interaction.letters.model import find_box

    factory, dbkw = resolve_uri(uri)
    db = DB(factory(), **dbkw)
    try:
        with db.transaction() as conn:
            found = {}
            for letter in find_box(conn.root()["app_root"]).values():
                if not letter.subject.startswith("负载测试"):
                    continue  # the demo's letters
                found.setdefault(letter.subject, []).append(letter.__name__)
            return found
    finally:
        transaction.abort()
        db.close()


class Server:
    """One ``pserve`` process on a FileStorage; started again after a kill."""

    def __init__(self, directory):
        data = directory / "var"
        data.mkdir(parents=True)
        self.uri = f"file://{data}/Data.fs?blobstorage_dir={data}/blobs"
        self.cluster = AppCluster(directory, self.uri, names=("a",))
        text = self.cluster.ini.read_text(encoding="utf-8")
        self.cluster.ini.write_text(text.replace("[app:main]\n", "[app:main]\n" + SETTINGS, 1))
        self.port = self.cluster.ports["a"]
        self.up = threading.Event()

    def build(self):
        ini, cwd = self.cluster.ini, self.cluster.directory
        run([program("govportal-init"), ini], cwd=cwd, timeout=300)
        run([program("govportal-demo"), "--minimal", ini], cwd=cwd, timeout=300)

    def start(self):
        self.cluster.start()
        warm_up(self.port)
        self.up.set()

    def kill(self):
        self.up.clear()
        self.cluster.processes["a"].proc.kill()  # SIGKILL: no clean shutdown
        self.cluster.processes["a"].proc.wait(30)
        self.cluster.stop()

    def stop(self):
        self.up.clear()
        self.cluster.stop()


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged = {}  # subject -> number
        self.statuses = []
        self.broken = 0
        self.replayed = 0
        self.killed_at = None

    def count(self):
        with self.lock:
            return len(self.acknowledged)


def _retrying(server, results, call):
    """``call()`` until it gets an HTTP answer; waits for the server after a
    broken connection."""
    while True:
        server.up.wait(300)
        try:
            return call()
        except (OSError, http.client.HTTPException):
            with results.lock:
                results.broken += 1
            time.sleep(0.2)


def write_letters(server, results, label, writer):
    client = Client(server.port)
    for n in range(LETTERS):
        subject = f"负载测试{label} 写信人{writer:02d} 第{n:02d}封"
        page = _retrying(server, results, lambda: client.get("/@@write"))
        assert page.status == 200, page
        data = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
        data["subject"] = subject
        while True:
            response = _retrying(server, results, lambda d=data: client.post("/@@write", d))
            with results.lock:
                results.statuses.append(response.status)
            if response.status != 409:  # a conflict answered as such: post again
                break
        match = NUMBER.search(response.text)
        if response.status == 200 and match:
            with results.lock:
                results.acknowledged[subject] = match.group(1)
                results.replayed += 'id="replayed"' in response.text


def warm_up(port):
    """One letter to a department first, not counted: a cold process compiles
    its templates on first use, and Chameleon compiling one template in
    several threads at once can fail (see benchmarks/writers.py)."""
    client = Client(port)
    page = client.get("/jyj/@@write")
    data = dict(form_state(page.text), **FIELDS, csrf_token=csrf_token(page.text))
    assert NUMBER.search(client.post("/jyj/@@write", data).text)


def run_writers(server, label, during=None):
    results = Results()
    threads = [
        threading.Thread(target=write_letters, args=(server, results, label, i), daemon=True)
        for i in range(WRITERS)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    if during is not None:
        during(results)
    for t in threads:
        t.join(timeout=1800)
    assert not any(t.is_alive() for t in threads), "writers did not finish"
    results.seconds = time.monotonic() - started
    print(
        f"\nrun {label}: {len(results.acknowledged)} letters acknowledged in "
        f"{results.seconds:.1f} s ({len(results.acknowledged) / results.seconds:.1f}/s), "
        f"answers {sorted(set(results.statuses))}, broken connections {results.broken}, "
        f"answered again from the ledger {results.replayed}, "
        f"killed after {results.killed_at} acknowledged"
    )
    return results


def check(results, stored, label):
    errors = [s for s in results.statuses if s >= 500]
    assert not errors, f"{len(errors)} answers 5xx in run {label}"
    assert len(results.acknowledged) == WRITERS * LETTERS, (
        f"run {label}: {len(results.acknowledged)} of {WRITERS * LETTERS} acknowledged; "
        f"statuses {sorted(set(results.statuses))}"
    )
    for subject, number in results.acknowledged.items():
        assert stored.get(subject) == [number], (subject, number, stored.get(subject))


def test_sixteen_writers_and_a_kill_in_the_middle(tmp_path):
    server = Server(tmp_path / "app")
    server.build()
    server.start()
    try:
        first = run_writers(server, "一")
    finally:
        server.stop()
    check(first, stored_letters(server.uri), "一")

    def kill_in_the_middle(results):
        deadline = time.monotonic() + 900
        while results.count() < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        results.killed_at = results.count()
        server.start()

    server.start()
    try:
        second = run_writers(server, "二", during=kill_in_the_middle)
    finally:
        server.stop()
    stored = stored_letters(server.uri)
    assert 0 < second.killed_at < WRITERS * LETTERS
    assert second.broken > 0, "the kill broke no connection"
    check(second, stored, "二")
    check(first, stored, "一")
    assert sum(len(numbers) for numbers in stored.values()) == 2 * WRITERS * LETTERS
