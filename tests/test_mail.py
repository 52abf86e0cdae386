"""govportal.mail: messages leave only when the transaction commits."""

import transaction
from pyramid import testing
from pyramid_mailer import get_mailer

from govportal import mail


class User:
    def __init__(self, email, optout=()):
        self.email = email
        if optout:
            mail.set_optout(self, optout)


def _config(**settings):
    config = testing.setUp(settings=settings)
    config.include("govportal.mail")
    return config


def test_memory_mailer_sends_on_commit_only():
    config = _config(**{"govportal.mail.delivery": "memory"})
    request = testing.DummyRequest()
    request.registry = config.registry
    outbox = get_mailer(request).outbox
    transaction.begin()
    sent = mail.send_to_users(
        request, [User("a@x.gov.cn"), User(""), User("b@x.gov.cn", ["submit"])], "s", "b", "submit"
    )
    assert sent == ["a@x.gov.cn"]
    assert outbox == []
    transaction.abort()
    assert outbox == []
    transaction.begin()
    mail.send(request, ["a@x.gov.cn"], "主题", "正文")
    transaction.commit()
    assert [m.subject for m in outbox] == ["主题"]
    testing.tearDown()


def test_file_mailer_writes_on_commit(tmp_path):
    config = _config(
        **{"govportal.mail.delivery": "file", "govportal.mail.directory": str(tmp_path)}
    )
    request = testing.DummyRequest()
    request.registry = config.registry
    transaction.begin()
    mail.send(request, ["a@x.gov.cn"], "主题", "正文")
    assert list(tmp_path.iterdir()) == []
    transaction.commit()
    assert len(list(tmp_path.iterdir())) == 1
    testing.tearDown()


# -- links in mails come from the configured public URL --------------------------
# (tests/conftest.py sets govportal.public_url = https://www.yingshan.gov.cn,
# deliberately not the test client's host)

PUBLIC = "https://www.yingshan.gov.cn/"


def _outbox(app):
    return get_mailer(app.registry).outbox


def _links(message):
    import re

    return re.findall(r"https?://[^\s）)]+", message.body)


def test_job_requests_make_public_urls(wsgi_app):
    """A job's request (Request.blank, no Host) and the requests it makes for
    a user or for the scheduler build URLs on the public URL."""
    from substanced.util import get_oid

    from govportal.bootstrap import request_as, site_session
    from govportal.schedule.actor import system_request

    with site_session(wsgi_app.registry, commit=False) as (zodb_root, request):
        root = zodb_root["app_root"]
        editor = root["principals"]["users"]["jyj_editor"]
        for made in (request, request_as(request, get_oid(editor)), system_request(request, root)):
            assert made.resource_url(root["jyj"]) == PUBLIC + "jyj/"
            assert made.application_url + "/" == PUBLIC


def test_review_mail_sent_by_a_job_links_to_the_public_url(wsgi_app):
    """A workflow step taken outside HTTP (a script or the scheduler's
    Request.blank) mails the reviewers a link on the public URL."""
    from substanced.util import get_oid

    from govportal.bootstrap import request_as, site_session
    from govportal.workflow import get_workflow

    outbox = _outbox(wsgi_app)
    del outbox[:]
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        editor = root["principals"]["users"]["jyj_editor"]
        doc = wsgi_app.registry.content.create(
            "Document", title="后台任务送审的稿件", body="<p>正文</p>", last_editor=get_oid(editor)
        )
        root["jyj"]["tzgg"]["job-item"] = doc
        as_editor = request_as(request, get_oid(editor))
        get_workflow(doc, wsgi_app.registry).transition(doc, as_editor, "submit", comment="")
    [message] = [m for m in outbox if "后台任务送审的稿件" in m.subject]
    assert _links(message) == [PUBLIC + "jyj/tzgg/job-item/@@ws-item"]
    assert "localhost" not in message.body


def test_review_mail_ignores_a_forged_host_header(wsgi_app, browser):
    """Mail sent during a request links to the public URL, not to the Host
    header the client sent."""
    from tests.http.helpers import add_document, transition

    outbox = _outbox(wsgi_app)
    editor = browser("jyj_editor")
    path = add_document(editor, "/jyj/tzgg/", "伪造主机头的稿件")
    del outbox[:]
    editor.extra_environ = {**editor.extra_environ, "HTTP_HOST": "evil.example"}
    transition(editor, path, "submit", comment="请审核")
    [message] = [m for m in outbox if "伪造主机头的稿件" in m.subject]
    [link] = _links(message)
    assert link.startswith(PUBLIC + "jyj/tzgg/") and link.endswith("/@@ws-item")
    assert "evil.example" not in message.body


def test_application_reminders_link_to_the_public_url(testapp, browser, wsgi_app):
    """``govportal-application-reminders`` runs under Request.blank: the
    handlers' link is on the public URL."""
    from datetime import timedelta

    from govportal.applications.reminders import send_reminders
    from govportal.bootstrap import site_session
    from govportal.sitetime import today
    from tests.applications.conftest import step, submit

    number, _code = submit(testapp, "jyj")
    step(browser("jyj_editor"), "jyj", number, "register")
    outbox = _outbox(wsgi_app)
    del outbox[:]
    with site_session(wsgi_app.registry) as (zodb_root, request):
        sent = send_reminders(zodb_root["app_root"], request, today() + timedelta(days=90))
    assert [kind for *_x, kind in sent] == ["overdue"]
    [message] = outbox
    assert _links(message) == [f"{PUBLIC}jyj/@@applications/{number}"]


def test_applicant_mail_links_to_the_public_url(testapp, wsgi_app):
    from tests.applications.conftest import person_fields, submit

    outbox = _outbox(wsgi_app)
    del outbox[:]
    submit(testapp, "jyj", **person_fields(email="citizen@example.cn"))
    mails = {tuple(m.recipients): m for m in outbox}
    assert _links(mails[("citizen@example.cn",)]) == [PUBLIC + "jyj/@@track"]
    handlers = [m for r, m in mails.items() if r != ("citizen@example.cn",)]
    assert handlers and all(
        _links(m)[0].startswith(PUBLIC + "jyj/@@applications/") for m in handlers
    )
