"""Measure the cost of a refused sign-in (not a test; run it by hand):

    .venv/bin/python -m tests.accounts.measure_refused_login [ROUNDS]

Builds a small site in a temporary directory and POSTs refused logins to
``/@@login`` through the whole WSGI stack: an unknown login (waits, no
bcrypt) and a known login with a wrong password (one bcrypt check).  Each
login is tried at most four times (below the lockout) from its own address.
Prints wall-clock and CPU milliseconds per request (median).
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import transaction
import webtest

from govportal import main as make_app
from govportal.bootstrap import close_app, create_site, site_session

from ..conftest import csrf_token, make_settings


def refused(client, login, password):
    token = csrf_token(client.get("/@@login").text)
    wall, cpu = time.perf_counter(), time.process_time()
    res = client.post(
        "/@@login", {"login": login, "password": password, "csrf_token": token}, status="*"
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert res.status_int == 401, res.status
    return wall * 1000, cpu * 1000


def main(rounds=12):
    directory = Path(tempfile.mkdtemp(prefix="refused-login-"))
    app = make_app({}, **make_settings(directory))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _created = create_site(zodb_root, request)
            for n in range(rounds):
                root["principals"].add_user(
                    f"user{n}", "Right-passw0rd!", "", registry=app.registry
                )
        transaction.abort()
        results = {"unknown login": [], "wrong password": []}
        for n in range(rounds):
            client = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": f"192.0.2.{n + 1}"})
            for _ in range(2):
                results["unknown login"].append(refused(client, f"nobody{n}", "Wrong-passw0rd!"))
                results["wrong password"].append(refused(client, f"user{n}", "Wrong-passw0rd!"))
        for case, samples in results.items():
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            print(f"{case:<15} wall {wall:7.1f} ms   CPU {cpu:7.1f} ms   ({len(samples)} requests)")
    finally:
        close_app(app)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
