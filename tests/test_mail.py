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
