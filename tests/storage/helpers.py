"""Shared helpers of the storage tests: ports, subprocesses, a tiny HTTP client.

The tests run the real programs (``runzeo``, ``govportal-init``,
``govportal-demo``, ``pserve``) as subprocesses on loopback ports, the way an
installation does, and talk to the application processes over HTTP.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import plaster
import pytest

from govportal.settings import SOURCE_ROOT

#: The virtualenv's bin directory (the tests run with its python).
BIN = Path(sys.executable).parent
#: The shipped deployment configurations under test.
ETC = SOURCE_ROOT / "etc"
#: Every wait (server start, process exit, HTTP request) is bounded by this.
START_TIMEOUT = 60.0
HTTP_TIMEOUT = 30.0


def program(name):
    """Path of a console script installed next to the running python."""
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    assert found, f"program {name!r} not found next to {sys.executable} nor on PATH"
    return found


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env():
    """Environment of the subprocesses: no warnings noise, no inherited secret
    (the test .ini files set ``substanced.secret`` themselves)."""
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore"
    env.pop("GOVPORTAL_SECRET", None)
    return env


#: ``govportal-init`` / ``govportal-demo`` build and index a site: slower than
#: a start, above all on a loaded CI machine.
RUN_TIMEOUT = 300.0


def run(args, cwd, timeout=RUN_TIMEOUT):
    """Run a program to completion; return its stdout, fail with its output."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} exited with {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result.stdout


class Process:
    """A long-running subprocess whose output goes to a log file."""

    def __init__(self, args, log_path, cwd):
        self.args = [str(a) for a in args]
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "ab")  # closed in stop()
        self.proc = subprocess.Popen(
            self.args,
            cwd=cwd,
            env=child_env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def check_running(self):
        code = self.proc.poll()
        assert code is None, f"{' '.join(self.args)} exited with {code}\n--- log\n{self.log_tail()}"

    def stop(self, timeout=10.0):
        """Stop the process (SIGTERM, then SIGKILL); safe to call twice."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        self._log.close()


def wait_for_port(process, port, timeout=START_TIMEOUT):
    """Wait until ``process`` accepts TCP connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while True:
        process.check_running()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        assert time.monotonic() < deadline, (
            f"{' '.join(process.args)} did not listen on port {port} within {timeout} s\n"
            f"--- log\n{process.log_tail()}"
        )
        time.sleep(0.05)


# -- configurations --------------------------------------------------------


def app_setting(ini, key):
    """A setting of the ``[app:main]`` section of ``ini`` (``%(here)s`` expanded)."""
    return plaster.get_settings(str(ini), "app:main")[key]


def copy_config(name, directory, replacements):
    """Copy ``etc/NAME`` into ``directory``, replacing each key of
    ``replacements`` (which must occur in the file) by its value."""
    text = (ETC / name).read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, f"etc/{name} no longer contains {old!r}"
        text = text.replace(old, new)
    path = Path(directory) / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the application -------------------------------------------------------

APP_INI = """\
# Written by tests/storage: one site, several application processes.
[app:main]
use = egg:govportal
pyramid.reload_templates = false
zodbconn.uri = {uri}
substanced.secret = {secret}
govportal.workflows_dir = {source}/workflows
govportal.skins_dir = {source}/skins
substanced.uploads_tempdir = %(here)s/tmp
retry.attempts = 3

{servers}
[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s
"""

SERVER_SECTION = """\
[server:{name}]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = 2

"""


def write_app_ini(path, uri, secret, ports):
    """Write an app .ini with one ``[server:NAME]`` section per process.

    ``ports`` maps a server name to its port: ``pserve --server-name NAME``
    starts that process.  All share ``uri`` and ``secret``.
    """
    servers = "".join(SERVER_SECTION.format(name=n, port=p) for n, p in ports.items())
    # A literal "%" in an .ini value must be written "%%".
    uri = uri.replace("%", "%%")
    text = APP_INI.format(uri=uri, secret=secret, source=SOURCE_ROOT, servers=servers)
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)


DEMO_LINE = re.compile(r"^\s+(\S+)\s+(\S+)\s+\S")


def parse_demo_passwords(output):
    """``{login: password}`` from the output of ``govportal-demo``."""
    passwords = {}
    for line in output.splitlines():
        match = DEMO_LINE.match(line)
        if match:
            passwords[match.group(1)] = match.group(2)
    assert "portal_reviewer" in passwords, f"no passwords in govportal-demo output:\n{output}"
    return passwords


class AppCluster:
    """Several ``pserve`` processes serving one site from one database."""

    def __init__(self, directory, uri, names=("a", "b")):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.ports = {name: free_port() for name in names}
        self.ini = write_app_ini(
            self.directory / "app.ini", uri, "storage-test-" + os.urandom(8).hex(), self.ports
        )
        self.processes = {}

    def bootstrap(self):
        """``govportal-init`` then ``govportal-demo``, each run once by one
        process; returns the demo users' passwords."""
        init_out = run([program("govportal-init"), self.ini], cwd=self.directory)
        assert "admin" in init_out, init_out
        return parse_demo_passwords(run([program("govportal-demo"), self.ini], cwd=self.directory))

    def start(self):
        """Start every process (in parallel) and wait until each answers HTTP."""
        for name in self.ports:
            log = self.directory / f"pserve-{name}.log"
            self.processes[name] = Process(
                [program("pserve"), "--server-name", name, self.ini], log, self.directory
            )
        for name, port in self.ports.items():
            wait_for_port(self.processes[name], port)
            # The first request opens the database connection: make it now.
            response = Client(port).get("/")
            assert response.status == 200, (
                f"process {name}: GET / answered {response}\n"
                f"--- log\n{self.processes[name].log_tail()}"
            )

    def stop(self):
        for process in self.processes.values():
            process.stop()
        self.processes = {}

    def client(self, name, cookies=None):
        return Client(self.ports[name], cookies)


# -- HTTP ------------------------------------------------------------------


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.text[:200]!r}>"


class Client:
    """A minimal browser talking to one process: keeps cookies, never follows
    redirects.  :meth:`on` gives a client for another process that carries
    the same cookies (the same signed-in session)."""

    def __init__(self, port, cookies=None, token=None):
        self.port = port
        self.cookies = {} if cookies is None else cookies
        self.token = token

    def __repr__(self):
        return f"<Client 127.0.0.1:{self.port} cookies={sorted(self.cookies)}>"

    def on(self, port):
        """A client for the process on ``port``, sharing this client's session."""
        return Client(port, self.cookies, self.token)

    def request(self, method, path, fields=None, headers=None):
        headers = dict(headers or {})
        body = None
        if fields is not None:
            body = urlencode(fields).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            self._store_cookie(header)
        return response

    def _store_cookie(self, header):
        name, _, rest = header.partition("=")
        value, _, attributes = rest.partition(";")
        if not value or "max-age=0" in attributes.lower():
            self.cookies.pop(name.strip(), None)
        else:
            self.cookies[name.strip()] = value

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        return self.request("POST", path, fields=fields, **kw)

    def login(self, login, password):
        """Sign in through /@@login; remember the session's CSRF token."""
        page = self.get("/@@login")
        assert page.status == 200, page
        response = self.post(
            "/@@login",
            {"login": login, "password": password, "csrf_token": csrf_token(page.text)},
        )
        assert response.status == 302, f"login as {login} on port {self.port} failed: {response}"
        assert "auth_tkt" in self.cookies, f"login as {login} set no auth_tkt cookie"
        self.token = csrf_token(self.get("/@@login").text)
        return self

    def transition(self, path, transition, comment=""):
        """POST a workflow transition to the item at ``path`` (JSON answer)."""
        assert self.token, "sign in first"
        return self.post(
            path.rstrip("/") + "/@@transition",
            {"transition": transition, "comment": comment, "csrf_token": self.token},
            headers=JSON,
        )

    def history(self, path):
        """The item's workflow state and history (JSON)."""
        response = self.get(path.rstrip("/") + "/@@history", headers=JSON)
        assert response.status == 200, f"history of {path} on port {self.port}: {response}"
        return response.json()


JSON = {"Accept": "application/json"}
CSRF_INPUT = re.compile(r"<input\b[^>]*\bname=\"csrf_token\"[^>]*>", re.S)
VALUE_ATTR = re.compile(r"\bvalue=\"([^\"]+)\"")


def csrf_token(html):
    """The value of the page's hidden ``csrf_token`` input."""
    match = CSRF_INPUT.search(html)
    assert match, "no csrf_token input on the page"
    value = VALUE_ATTR.search(match.group(0))
    assert value, f"csrf_token input without a value: {match.group(0)}"
    return value.group(1)


# -- the scenario both storages must pass ---------------------------------

#: Published by govportal-demo; anonymous visitors see it only while published.
DOC = "/zcwj/yingshan-website-regulation-2019/"


class SharedSite:
    """Two application processes A and B serving one site from one database.

    Writes go through one process and are checked *at once* through the
    other: anonymous visibility of the demo regulation (published: 200,
    retracted: 404) and its workflow history.  The reviewer signs in on A
    and uses the same cookies on B, which works only because both processes
    share the cookie secret.
    """

    def __init__(self, cluster, passwords):
        self.cluster = cluster
        port_a, port_b = cluster.ports["a"], cluster.ports["b"]
        self.anon_a, self.anon_b = Client(port_a), Client(port_b)
        self.reviewer_a = Client(port_a).login("portal_reviewer", passwords["portal_reviewer"])
        self.reviewer_b = self.reviewer_a.on(port_b)
        self.editor_b = Client(port_b).login("portal_editor", passwords["portal_editor"])
        self.comments = []

    def transition(self, client, name, comment, state):
        response = client.transition(DOC, name, comment)
        assert response.status == 200, f"{name} through {client}: {response}"
        assert response.json()["state"] == state, response
        self.comments.append(comment)

    def check_public(self, status):
        for name, client in (("A", self.anon_a), ("B", self.anon_b)):
            got = client.get(DOC).status
            assert got == status, f"anonymous GET {DOC} on {name}: {got}, expected {status}"

    def exchange(self, rounds=5):
        """Writes on A seen by B, writes on B seen by A, ``rounds`` times."""
        self.check_public(200)
        for i in range(1, rounds + 1):
            # A writes (retract), B sees it: the document leaves the public site.
            self.transition(self.reviewer_a, "retract", f"第{i}轮：A 撤回", "draft")
            assert self.anon_b.get(DOC).status == 404, "B still serves what A retracted"
            assert self.reviewer_b.history(DOC)["state"] == "draft"
            # B writes (submit, approve), A sees it: the document is public again.
            self.transition(self.editor_b, "submit", f"第{i}轮：B 送审", "review")
            assert self.reviewer_a.history(DOC)["state"] == "review"
            self.transition(self.reviewer_b, "approve", f"第{i}轮：B 通过", "published")
            assert self.anon_a.get(DOC).status == 200, "A does not serve what B published"
        self.check_history()

    def check_history(self):
        """Both processes show every transition, in order, with its comment."""
        for client in (self.reviewer_a, self.reviewer_b):
            records = client.history(DOC)["history"]
            got = [r["comment"] for r in records[-len(self.comments) :]]
            assert got == self.comments, f"history on port {client.port}: {got}"

    def after_restart(self):
        """Data and sessions survive restarting the processes; writes still flow."""
        self.check_public(200)
        self.check_history()
        self.transition(self.reviewer_b, "retract", "重启后：B 撤回", "draft")
        assert self.anon_a.get(DOC).status == 404, "A still serves what B retracted"
        self.check_history()


# -- PostgreSQL -------------------------------------------------------------

PG_HOST = os.environ.get("GOVPORTAL_TEST_PGHOST", "127.0.0.1")
PG_PORT = int(os.environ.get("GOVPORTAL_TEST_PGPORT", "5432"))
PG_USER = os.environ.get("GOVPORTAL_TEST_PGUSER", "postgres")


@contextlib.contextmanager
def fresh_pg_database(prefix):
    """A new, uniquely named PostgreSQL database, dropped afterwards.  Fails
    (never skips) when PostgreSQL is unreachable: CI must run these tests."""
    import psycopg2
    from psycopg2 import sql

    try:
        admin = psycopg2.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", connect_timeout=5
        )
    except psycopg2.Error as e:
        pytest.fail(
            f"These tests need PostgreSQL at {PG_HOST}:{PG_PORT} (user {PG_USER}, "
            f"no password) and could not connect: {str(e).strip()}\n"
            "Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect "
            "$(ls /etc/postgresql) main start",
            pytrace=False,
        )
    admin.autocommit = True
    name = f"{prefix}_{secrets.token_hex(6)}"
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()
