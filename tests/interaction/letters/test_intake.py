"""intake.submit_letter: where a letter goes, what it carries, and the same
number and code when a request is run again (pyramid_retry)."""

import hashlib
import itertools

import transaction
from pyramid_mailer import get_mailer

from govportal.bootstrap import site_session
from govportal.interaction.letters import intake
from govportal.interaction.letters.model import find_box, find_by_code

from .letter_helpers import FIELDS, number_and_code, post_letter

_keys = itertools.count(1)


class Token:
    """What submit_letter needs of a submission: a ledger key, derived bytes."""

    def __init__(self):
        self.key = f"letters-test-token-{next(_keys)}"

    def derive(self, purpose, length=32):
        return hashlib.sha256(f"{self.key}|{purpose}".encode()).digest()[:length]


VALUES = {
    "channel": "complaint",
    "category": "transport",
    "subject": "公交站台损坏",
    "body": "城南公交站台顶棚损坏多日，下雨无法候车。",
    "may_publish": True,
    "writer": {"name": "李四", "phone": "13800138000", "email": "", "address": ""},
}


def test_stored_in_the_site_it_was_written_to(wsgi_app):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        letter, code = intake.submit_letter(request, root["jyj"], VALUES, (), Token())
        assert letter.received_site == "jyj"
        assert find_box(root["jyj"]).get(letter.number) is letter
        assert find_by_code(root, code) is letter
        assert letter.writer == VALUES["writer"] and letter.may_publish is True
        assert letter.steps[0]["title"] == "来信已收到"
        assert "李四" not in str(letter.steps)


def test_a_rerun_request_gets_the_same_number_and_code(wsgi_app):
    token = Token()
    registry = wsgi_app.registry
    with site_session(registry, commit=False) as (zodb_root, request):
        before = len(find_box(zodb_root["app_root"]))  # the demo's letters
    with site_session(registry, commit=False) as (zodb_root, request):
        first, first_code = intake.submit_letter(request, zodb_root["app_root"], VALUES, (), token)
        first_number = first.number
    # the first attempt was aborted (a conflict): the request runs again
    with site_session(registry) as (zodb_root, request):
        again, code = intake.submit_letter(request, zodb_root["app_root"], VALUES, (), token)
        assert (again.number, code) == (first_number, first_code)
    with site_session(registry) as (zodb_root, request):
        other, _ = intake.submit_letter(request, zodb_root["app_root"], VALUES, (), Token())
        assert other.number != first_number
        assert len(find_box(zodb_root["app_root"])) == before + 2
    transaction.abort()


def test_receipt_mailed_with_number_code_and_public_link(testapp, wsgi_app):
    number, code = number_and_code(post_letter(testapp, email="citizen@example.com"))
    assert "回执已同时发送" in post_letter(testapp, email="x@example.com").text
    mails = [
        m for m in get_mailer(wsgi_app.registry).outbox if "citizen@example.com" in m.recipients
    ]
    assert len(mails) == 1
    body = mails[0].body
    assert number in body and code in body
    assert "https://www.yingshan.gov.cn/" in body and "localhost" not in body
    assert FIELDS["phone"] not in mails[0].subject
