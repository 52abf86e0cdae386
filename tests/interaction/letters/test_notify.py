"""Who hears of what about a letter: the writer (mail and SMS) on receipt
(with the query code, once), transfer and reply; the handling site's staff
of new and transferred letters and, once each, of near-due, overdue and
long unanswered letters.  Links come from the configured public URL."""

from datetime import date

import pytest
import transaction

from govportal.interaction.letters import actions, actions_reply, clock, intake, reminders

from ...services.case_helpers import world  # noqa: F401  (fixture)
from .staff_helpers import VALUES, WRITER

BASE = "https://www.yingshan.gov.cn"
STAFF = ("jyj_editor", "jyj_reviewer", "rsj_editor", "rsj_reviewer")


@pytest.fixture
def w(world, monkeypatch):  # noqa: F811
    for login in STAFF:
        world.users[login].email = f"{login}@example.gov.cn"
    world.day = date(2026, 3, 2)
    monkeypatch.setattr(clock, "today", lambda: world.day)
    return world


def mails_to(w, address):
    return [m for m in w.outbox() if address in m.recipients]


def write(w, site="jyj", **changes):
    letter, code = intake.submit_letter(w.as_(None), w.root[site], dict(VALUES, **changes))
    transaction.commit()
    return letter, code


def test_messages_of_a_letter(w):
    letter, code = write(w)
    number = letter.__name__
    writer = mails_to(w, WRITER["email"])
    assert len(writer) == 1 and code in writer[0].body and number in writer[0].subject
    assert f"{BASE}/jyj/@@letter-track" in writer[0].body
    assert len(w.sms.sent) == 1 and code in w.sms.sent[0][1]
    staff = mails_to(w, "jyj_editor@example.gov.cn")
    assert len(staff) == 1 and f"{BASE}/jyj/@@letters-admin/{number}" in staff[0].body
    assert WRITER["name"] not in staff[0].body and WRITER["phone"] not in staff[0].body
    assert "2026-03-23" in staff[0].body  # the 15th working day after Mon 03-02
    assert not mails_to(w, "rsj_editor@example.gov.cn")

    actions.transfer(w.as_("jyj_editor"), letter, w.root["rsj"], "属人社局职责")
    transaction.commit()
    transferred = mails_to(w, WRITER["email"])[-1]
    assert "已转" in transferred.subject and "连续计算" in transferred.body
    moved = mails_to(w, "rsj_editor@example.gov.cn")
    assert len(moved) == 1 and f"{BASE}/rsj/@@letters-admin/{number}" in moved[0].body
    assert all(code not in text for _phone, text in w.sms.sent[1:])

    actions.accept(w.as_("rsj_editor"), letter)
    actions_reply.draft_reply(w.as_("rsj_editor"), letter, "您反映的问题已办理。")
    actions_reply.submit_reply(w.as_("rsj_editor"), letter)
    actions_reply.approve_reply(w.as_("rsj_reviewer"), letter)
    transaction.commit()
    answered = mails_to(w, WRITER["email"])[-1]
    assert "已答复" in answered.subject and "您反映的问题已办理" not in answered.body
    assert f"{BASE}/jyj/@@letter-track" in answered.body  # tracked where it was written

    # a writer without e-mail or mobile number gets no message
    before = (len(w.outbox()), len(w.sms.sent))
    write(w, writer={"name": "李四", "phone": "", "email": "", "address": ""})
    assert len(w.sms.sent) == before[1]
    assert len(w.outbox()) == before[0] + 1  # only the staff notice


def test_reminders_once_each(w):
    letter, _code = write(w)
    number = letter.__name__

    def run(day):
        w.day = day
        sent = reminders.send_reminders(w.root, w.base, on=day)
        transaction.commit()
        return [(n, kind) for n, kind in sent if n == number]

    def last_subject():
        return mails_to(w, "jyj_reviewer@example.gov.cn")[-1].subject

    assert run(date(2026, 3, 17)) == []  # 4 working days left (18, 19, 20, 23)
    assert run(date(2026, 3, 18)) == [(number, "near")]
    assert "即将到期" in last_subject()
    assert run(date(2026, 3, 19)) == []
    assert run(date(2026, 3, 24)) == [(number, "overdue")]
    assert "未按期告知初步核实情况" in last_subject()
    assert run(date(2026, 3, 25)) == []
    assert run(date(2026, 6, 1)) == [(number, "long")]  # B18: over 3 months
    assert "超过三个月" in last_subject()
    assert run(date(2026, 6, 2)) == []
