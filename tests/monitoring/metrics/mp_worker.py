"""One server process of the multi-process test (run as a subprocess).

``python -m tests.monitoring.metrics.mp_worker SETTINGS.json COUNT DONE [WAIT]``:
build the app (its settings name the shared metrics directory), answer
``COUNT`` requests for ``/robots.txt``, touch ``DONE``; with ``WAIT``, wait
for that file (the other process done), then print a scrape of ``/metrics``.
"""

import json
import pathlib
import sys
import time

import webtest

from govportal import main
from govportal.bootstrap import close_app


def run(settings_file, count, done, wait=None):
    settings = json.loads(pathlib.Path(settings_file).read_text())
    app = main({}, **settings)
    try:
        client = webtest.TestApp(app, extra_environ={"REMOTE_ADDR": "127.0.0.1"})
        for _ in range(count):
            client.get("/robots.txt")
        pathlib.Path(done).touch()
        if wait:
            deadline = time.monotonic() + 120
            while not pathlib.Path(wait).exists():
                if time.monotonic() > deadline:
                    raise SystemExit("the other process never finished")
                time.sleep(0.1)
            sys.stdout.write(client.get("/metrics").text)
    finally:
        close_app(app)


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]), *sys.argv[3:5])
