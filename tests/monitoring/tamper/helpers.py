"""Helpers of the tamper tests: a published document with an attachment,
an app served by a real waitress, sweeps run as the scheduler runs them."""

import contextlib
import urllib.request

from pyramid.traversal import find_resource
from pyramid_mailer import get_mailer

from govportal.bootstrap import site_session
from govportal.monitoring import alarms
from govportal.monitoring.tamper import fetch
from govportal.monitoring.tamper.sweep import confirm
from govportal.monitoring.tamper.tasks import sweep_task
from govportal.schedule.runner import run_in_transaction
from tests.checks.helpers import make_document
from tests.concurrency.helpers import threaded_server
from tests.http.helpers import PDF_BYTES as PDF
from tests.public.helpers import transition_as

OPS = "duty@yingshan.gov.cn"
TEXT = "关于做好校园安全工作的通知正文。"
BODY = f"<p>{TEXT}</p>"


def published_document(wsgi_app, name="notice", body=BODY, files=(("通知.pdf", PDF),)):
    """A jyj document with ``files``, submitted and approved: its path."""
    path = make_document(wsgi_app, name, body=body, files=files, title="校园安全通知")
    transition_as(wsgi_app, path, "jyj_editor", "submit")
    transition_as(wsgi_app, path, "jyj_reviewer", "approve")
    return path


@contextlib.contextmanager
def served(wsgi_app, name="tamper"):
    """Serve ``wsgi_app`` on a free port; the sweeps fetch from it."""
    with threaded_server(wsgi_app, name) as port:
        wsgi_app.registry.govportal_tamper_fetcher = fetch.HttpFetcher(f"http://127.0.0.1:{port}")
        yield port


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as answer:
        return answer.read()


def sweep_once(app):
    """The ``tamper`` task in a transaction of its own; its report."""
    reports = run_in_transaction(
        app.registry, lambda root, request: [sweep_task(root, request, [])], "test sweep"
    )
    return reports[0]


def confirm_round(app):
    """What the next scheduler round does first: confirm pending restores."""
    run_in_transaction(app.registry, lambda root, request: confirm(root, request), "test confirm")


def tamper_mails(app):
    """Tamper alarm mails sent to the 值班 address (staff get theirs too)."""
    outbox = get_mailer(app.registry).outbox
    return [m for m in outbox if "网页被篡改" in m.subject and OPS in m.recipients]


def audit_actions(app):
    with app.registry.govportal_audit.reading() as log:
        return [e.data["action"] for e in log.entries.values()]


def open_tamper_alarms(app):
    with site_session(app.registry, commit=False) as (zroot, _request):
        found = alarms.open_alarms(zroot["app_root"], kind="tamper")
        return [(a.key, dict(a.evidence)) for a in found]


def in_document(app, path, fn, commit=True):
    """``fn(document)`` in a session, committed (an attacker with database access)."""
    with site_session(app.registry, commit=commit) as (zroot, _request):
        return fn(find_resource(zroot["app_root"], path))


def hack_body(app, path, body=None):
    """An attacker with database access writes ``body`` (the hacked text by
    default) into the document's stored field, committed."""

    def hack(document):
        document.body = HACKED_BODY if body is None else body

    in_document(app, path, hack)


def new_version(app, path, body):
    """A legitimate change: a working copy edited, submitted and approved."""
    from pyramid.traversal import find_resource
    from substanced.util import get_oid

    from govportal.bootstrap import request_as
    from govportal.revisions import checkout

    with site_session(app.registry) as (zroot, request):
        root = zroot["app_root"]
        editor = root["principals"]["users"]["jyj_editor"]
        copy = checkout(find_resource(root, path), request_as(request, get_oid(editor)))
        copy.body = body
        copy.last_editor = get_oid(editor)
    transition_as(app, path + "working-copy/", "jyj_editor", "submit")
    transition_as(app, path + "working-copy/", "jyj_reviewer", "approve")


def baselines(app):
    """{path: revision} of the stored baselines."""
    from govportal.monitoring.tamper.book import get_book

    with site_session(app.registry, commit=False) as (zroot, _request):
        book = get_book(zroot["app_root"], create=False)
        return {} if book is None else {b.path: b.revision for b in book.baselines.values()}


HACKED_BODY = "<p>本站已被黑客攻破</p>"


class FakedPath:
    """The served pages, except ``path`` answered with ``answer`` (a proxy
    or cache serving something else); ``base`` as the real fetcher's."""

    def __init__(self, real, path, answer):
        self.real, self.path, self.answer = real, path, answer
        self.base = real.base

    def __call__(self, path):
        return self.answer if path == self.path else self.real(path)
