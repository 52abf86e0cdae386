"""Who hears of what: the applicant (mail and SMS) at each public step, the
lead's handlers of new cases, supplied materials and returns, a co-handling
department of its task.  Links come from the configured public URL."""

import transaction

from govportal.services import actions

from . import case_helpers
from .case_helpers import APPLICANT, Token, pdf

world = case_helpers.world
BASE = "https://www.yingshan.gov.cn"


def mails_to(w, address):
    return [m for m in w.outbox() if address in m.recipients]


def emails(w, logins):
    return {w.users[login].email for login in logins if getattr(w.users[login], "email", "")}


def test_messages_of_a_case(world):
    w = world
    for login in ("jyj_editor", "jyj_reviewer", "wjj_editor", "wjj_reviewer", "czj_editor"):
        w.users[login].email = f"{login}@example.gov.cn"
    guide = w.guide(co=("wjj",))
    case, code = actions.submit(w.as_(None), guide, dict(APPLICANT), {}, {"f": [pdf()]}, Token())
    transaction.commit()
    lead_mail = mails_to(w, "jyj_editor@example.gov.cn")
    assert len(lead_mail) == 1 and case.__name__ in lead_mail[0].subject
    assert f"{BASE}/jyj/@@cases/{case.__name__}" in lead_mail[0].body
    assert "张三" not in lead_mail[0].body  # no personal data in staff mails
    assert not mails_to(w, "wjj_editor@example.gov.cn")
    applicant_mail = mails_to(w, APPLICANT["email"])
    assert code in applicant_mail[0].body and f"{BASE}/jyj/@@case-track" in applicant_mail[0].body
    assert len(w.sms.sent) == 1 and code in w.sms.sent[0][1]

    editor = w.as_("jyj_editor")
    actions.accept(editor, case)
    actions.send_co_handling(editor, case)
    transaction.commit()
    task_mail = mails_to(w, "wjj_editor@example.gov.cn")
    assert len(task_mail) == 1 and "待会签" in task_mail[0].subject
    assert f"{BASE}/wjj/@@tasks/jyj/{case.__name__}" in task_mail[0].body
    assert mails_to(w, "wjj_reviewer@example.gov.cn")
    assert not mails_to(w, "czj_editor@example.gov.cn")
    # the applicant heard of the acceptance; the query code is sent only once
    assert "已受理" in mails_to(w, APPLICANT["email"])[-1].subject
    assert all(code not in text for _phone, text in w.sms.sent[1:])

    actions.refuse_task(w.as_("wjj_editor"), case.tasks["1-wjj"], "卫生许可证明缺失")
    transaction.commit()
    returned = mails_to(w, "jyj_reviewer@example.gov.cn")[-1]
    assert "退回" in returned.subject and "卫生许可证明缺失" in returned.body

    # an applicant without e-mail or a mobile number gets no message
    before = (len(w.outbox()), len(w.sms.sent))
    other, _code = actions.submit(
        w.as_(None), guide, {"name": "李四", "phone": "0817-8221101"}, {}, {}, Token()
    )
    transaction.commit()
    assert len(w.sms.sent) == before[1]
    assert not [m for m in w.outbox()[before[0] :] if "李四" in m.body]


def test_nothing_is_sent_when_a_step_is_refused(world):
    w = world
    guide = w.guide(co=())
    case, _code = actions.submit(w.as_(None), guide, dict(APPLICANT), {}, {}, Token())
    transaction.commit()
    before = (len(w.outbox()), len(w.sms.sent))
    try:
        actions.deny(w.as_("jyj_editor"), case, "理由")  # not accepted yet: 409
    except Exception:  # noqa: BLE001
        transaction.abort()
    transaction.commit()
    assert (len(w.outbox()), len(w.sms.sent)) == before
