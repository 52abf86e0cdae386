"""The whole run of a case through the engine's steps (services.actions).

教育局 leads a 民办学校办学许可 with 卫生健康局 (wjj) and 人社局 (rsj) as
co-handling departments; 5 promised working days, 20 legal.  Dates are the
site's today (clock.today) set by the test; due dates are hand-computed
(see test_clock.py for the 2026 calendar around 国庆):

* submitted Fri 2026-09-25; 一次性告知 the same day; supplied; accepted Mon
  2026-09-28: due 9-29 (1), 9-30 (2), 10-08 (3), 10-09 (4), 10-10 Sat 调休 (5)
  = 2026-10-10; legal due 2026-10-30;
* co-handling round 1: 人社局 refuses (returned to the lead), 卫健局's open
  task is cancelled by round 2, where both agree (collected);
* 补正 asked Thu 10-08, supplied Mon 10-12: 10-09, 10-10, 10-12 paused (three
  working days): due 10-13 (4), 10-14 (5) = 2026-10-14;
* concluded Tue 10-13 with a result file and a certificate: on time.
"""

from datetime import date

import pytest
import transaction

from govportal.services import actions, clock, queries
from govportal.services.cases import find_case_by_code, task_inbox, tasks_of_round
from govportal.services.guards import AGREE, CANCELLED, DISAGREE
from govportal.workflow import get_workflow
from govportal.workflow.errors import TransitionRefused
from govportal.workflow.history import get_history

from . import case_helpers
from .case_helpers import APPLICANT, Token, pdf

world = case_helpers.world

LEAD_EDITOR, LEAD_REVIEWER = "jyj_editor", "jyj_reviewer"


def state(w, item):
    return get_workflow(item, w.registry).state_of(item)


def transitions(w, item):
    return [r.transition for r in get_history(item)]


def refused(fn, *args, status=None, **kw):
    with pytest.raises(TransitionRefused) as info:
        fn(*args, **kw)
    if status is not None:
        assert info.value.status == status, info.value.messages
    return info.value


def new_case(w, guide=None, **kw):
    guide = guide or w.guide(**kw)
    values = {"school": "营山县实验学校"}
    files = {"licence": [pdf("场地证明.pdf")]}
    case, code = actions.submit(w.as_(None), guide, dict(APPLICANT), values, files, Token())
    return case, code


def test_the_whole_run(world):
    w = world
    anonymous, editor, reviewer = w.as_(None), w.as_(LEAD_EDITOR), w.as_(LEAD_REVIEWER)
    case, code = new_case(w)
    assert case.__name__.startswith("008000001-BJ2026-")  # 教育局's organ code, 办件 series
    assert case.lead == "jyj" and case.co_departments == ("wjj", "rsj")
    assert find_case_by_code(w.root, code) is case
    assert case.values == {"school": "营山县实验学校", "licence": ["m-1"]}
    assert case.materials["m-1"].filename == "场地证明.pdf"
    assert case.due is None and case.accepted_on is None
    assert [s["title"] for s in case.steps] == ["提交申请"]
    transaction.commit()
    mails = [m for m in w.outbox() if APPLICANT["email"] in m.recipients]
    assert (
        code in mails[-1].body and "https://www.yingshan.gov.cn/jyj/@@case-track" in mails[-1].body
    )
    assert code in w.sms.sent[-1][1] and w.sms.sent[-1][0] == APPLICANT["phone"]
    handler_mail = [m for m in w.outbox() if APPLICANT["email"] not in m.recipients]
    assert handler_mail and case.__name__ in handler_mail[-1].subject

    # 一次性告知: the applicant cannot ask for it, the lead asks once
    refused(actions.request_supplement, anonymous, case, ["营业执照"], status=403)
    refused(actions.request_supplement, editor, case, [], status=400)
    assert state(w, case) == "submitted"
    actions.request_supplement(editor, case, ["法定代表人身份证明", "场地租赁合同"], "2026-10-09")
    assert state(w, case) == "supplement"
    assert case.supplement["items"] == ("法定代表人身份证明", "场地租赁合同")
    refused(actions.supplement, anonymous, case, None, "", status=400)  # nothing supplied
    actions.supplement(anonymous, case, {"": [pdf("身份证明.pdf"), pdf("租赁合同.pdf")]}, "已补齐")
    assert state(w, case) == "submitted"
    assert case.supplement["files"] == ("s-2", "s-3")
    # only once: a second 一次性告知 is refused, nothing changes
    refused(actions.request_supplement, editor, case, ["再要一份"], status=400)
    assert state(w, case) == "submitted"

    # accepted on Monday 9-28: 5 working days across 国庆 -> Saturday 10-10 (调休)
    w.set_today(date(2026, 9, 28))
    refused(actions.accept, w.as_("wjj_editor"), case, status=403)
    actions.accept(reviewer, case)
    assert case.accepted_on == date(2026, 9, 28)
    assert case.due == date(2026, 10, 10)
    assert case.legal_due == date(2026, 10, 30)
    assert case.due_uncertain_years == ()
    # concluding before the co-handling departments agree is refused
    refused(actions.conclude, editor, case, "准予许可", status=400)

    # round 1: 人社局 refuses, the case returns to the lead
    actions.send_co_handling(editor, case)
    assert state(w, case) == "co_handling" and case.rounds == 1
    wjj_task, rsj_task = case.tasks["1-wjj"], case.tasks["1-rsj"]
    assert task_inbox(w.root["wjj"])["jyj/" + case.__name__] is case
    wjj, rsj = w.as_("wjj_editor"), w.as_("rsj_editor")
    # a department signs only its own task
    refused(actions.sign_task, wjj, rsj_task, "同意")
    assert state(w, rsj_task) == "open" and rsj_task.outcome is None
    refused(actions.refuse_task, rsj, rsj_task, "", status=400)  # a reason is required
    w.set_today(date(2026, 9, 29))
    actions.refuse_task(rsj, rsj_task, "消防验收材料不全")
    assert rsj_task.outcome == DISAGREE and state(w, rsj_task) == "refused"
    assert state(w, case) == "accepted"
    assert case.returns[-1]["department"] == "rsj"
    assert case.returns[-1]["reason"] == "消防验收材料不全"
    assert transitions(w, case)[-2:] == ["send_co_handling", "return_to_lead"]

    # round 2: the open task of round 1 is cancelled, both agree, collected
    w.set_today(date(2026, 9, 30))
    actions.send_co_handling(editor, case)
    assert case.rounds == 2 and wjj_task.outcome == CANCELLED
    assert state(w, wjj_task) == "cancelled"
    refused(actions.sign_task, wjj, wjj_task, "", status=409)  # cancelled: no longer open
    actions.sign_task(wjj, case.tasks["2-wjj"], "同意")
    assert state(w, case) == "co_handling"
    actions.sign_task(rsj, case.tasks["2-rsj"], "")
    assert [t.outcome for t in tasks_of_round(case)] == [AGREE, AGREE]
    assert state(w, case) == "accepted"
    assert transitions(w, case)[-1] == "collect"
    assert case.due == date(2026, 10, 10)  # co-handling does not stop the clock

    # 补正 from Thursday 10-08 to Monday 10-12: three working days paused
    w.set_today(date(2026, 10, 8))
    actions.request_correction(editor, case, "场地证明需加盖公章")
    assert state(w, case) == "correction"
    assert case.pauses[-1]["kind"] == "correction" and case.pauses[-1]["end"] is None
    assert clock.warning_level(case, registry=w.registry) == clock.OK  # paused
    w.set_today(date(2026, 10, 12))
    actions.correction_done(anonymous, case, {"licence": [pdf("场地证明（盖章）.pdf")]}, "")
    assert state(w, case) == "accepted"
    assert case.pauses[-1]["end"] == date(2026, 10, 12)
    assert case.due == date(2026, 10, 14)
    assert clock.workdays_used(case) == 3  # 9-29, 9-30, 10-08
    assert clock.workdays_left(case) == 2
    assert clock.warning_level(case, registry=w.registry) == clock.YELLOW

    # concluded Tuesday 10-13, on time, with a result file and a certificate
    w.set_today(date(2026, 10, 13))
    refused(actions.conclude, editor, case, "", status=400)
    actions.conclude(editor, case, "准予许可，发放民办学校办学许可证。", pdf("批文.pdf"), True)
    assert state(w, case) == "concluded"
    assert case.result["decided_on"] == date(2026, 10, 13)
    assert case.materials[case.result["file"]].filename == "批文.pdf"
    assert case.certificate["title"] == "民办学校办学许可证"
    assert case.certificate["code_hash"]  # a verification code (certificate.py)
    assert case.concluded_on <= case.due
    assert clock.warning_level(case, registry=w.registry) == clock.OK
    refused(actions.deny, editor, case, "理由", status=409)  # already closed
    transaction.commit()
    steps = [s["title"] for s in case.steps]
    assert steps[0] == "提交申请" and steps[-1] == "办结（准予）"
    assert all("张三" not in s["note"] and "13800138000" not in s["note"] for s in case.steps)
    assert "已办结" in w.sms.sent[-1][1]

    stats = queries.monthly_stats(w.root, 2026, 10, w.registry)
    jyj = next(r for r in stats if r["key"] == "jyj")
    assert (jyj["concluded"], jyj["on_time"], jyj["overdue"], jyj["days"]) == (1, 1, 0, [4])
    assert case in queries.cases_by_guide(w.root, case.guide_path)
    assert case not in queries.open_cases(w.root, w.registry)
    assert [t for _c, t in queries.tasks_for(w.root["wjj"])][0].round == 2


def test_across_new_year_with_a_suspension(world):
    """Accepted Mon 2026-12-28, 10 days: 12-29, 12-30, 12-31 (3), [1-1 元旦,
    weekend], 1-4 … 1-8 (8), 1-11 (9), 1-12 (10) = 2027-01-12, flagged 2027.
    A hearing from Wed 12-30 to Tue 1-5 pauses 12-31, 1-4, 1-5 (three working
    days): 1-6 (3) … 1-8 (5), 1-11 … 1-15 (10) = 2027-01-15."""
    w = world
    editor = w.as_(LEAD_EDITOR)
    w.set_today(date(2026, 12, 25))
    case, _code = new_case(w, co=(), promised=10, legal=20)
    w.set_today(date(2026, 12, 28))
    actions.accept(editor, case)
    assert case.due == date(2027, 1, 12)
    assert case.due_uncertain_years == (2027,)
    w.set_today(date(2026, 12, 30))
    refused(actions.suspend, editor, case, "correction", "不是特别程序", status=400)
    refused(actions.suspend, editor, case, "hearing", "", status=400)
    assert state(w, case) == "accepted" and case.pauses == ()
    actions.suspend(editor, case, "hearing", "举行听证")
    assert state(w, case) == "suspended"
    w.set_today(date(2027, 1, 5))
    actions.resume(editor, case)
    assert case.pauses[-1]["start"] == date(2026, 12, 30)
    assert case.pauses[-1]["end"] == date(2027, 1, 5)
    assert case.due == date(2027, 1, 15)
    # no co-handling departments: nothing to send, concluding needs no sign-off
    refused(actions.send_co_handling, editor, case, status=400)
    w.set_today(date(2027, 1, 18))
    actions.deny(editor, case, "不符合设置标准")
    assert state(w, case) == "denied"
    assert case.concluded_on > case.due
    assert clock.warning_level(case, registry=w.registry) == clock.RED  # concluded late


def test_refused_at_intake_and_closed_when_not_supplied(world):
    w = world
    editor = w.as_(LEAD_EDITOR)
    case, _code = new_case(w)
    refused(actions.refuse_intake, editor, case, "  ", status=400)
    actions.refuse_intake(editor, case, "不属于本部门职责")
    assert state(w, case) == "not_accepted"
    assert case.result["outcome"] == "refuse_intake"

    other, _code = new_case(w)
    actions.request_supplement(editor, other, "营业执照\n法人身份证明", "2026-10-09")
    assert other.supplement["items"] == ("营业执照", "法人身份证明")
    refused(actions.close_unsupplemented, editor, other, status=400)  # not yet overdue
    assert state(w, other) == "supplement"
    w.set_today(date(2026, 10, 10))
    actions.close_unsupplemented(editor, other)
    assert state(w, other) == "not_accepted"
    assert "2026-10-09" in other.result["text"]
    stats = queries.monthly_stats(w.root, 2026, 10, w.registry)
    jyj = next(r for r in stats if r["key"] == "jyj")
    assert jyj["not_accepted"] == 1 and jyj["concluded"] == 0


def test_bad_respond_by_dates(world):
    w = world
    editor = w.as_(LEAD_EDITOR)
    case, _code = new_case(w)
    refused(actions.request_supplement, editor, case, ["a"], "2026-13-01", status=400)
    refused(actions.request_supplement, editor, case, ["a"], "2026-09-25", status=400)
    refused(actions.request_supplement, editor, case, ["a"], "2027-09-25", status=400)
    assert state(w, case) == "submitted" and case.supplement is None
    actions.request_supplement(editor, case, ["a"])  # default: 10 working days
    # 9-28, 9-29, 9-30, 10-08, 10-09, 10-10 (调休), 10-12 … 10-15 (10)
    assert case.supplement["respond_by"] == date(2026, 10, 15)


def test_a_step_run_twice_is_refused_the_second_time_without_change(world):
    w = world
    editor, reviewer = w.as_(LEAD_EDITOR), w.as_(LEAD_REVIEWER)
    case, _code = new_case(w)
    actions.accept(editor, case)
    before = (len(get_history(case)), case.accepted_on, case.due, len(case.steps))
    refused(actions.accept, reviewer, case, status=409)  # someone was quicker
    assert (len(get_history(case)), case.accepted_on, case.due, len(case.steps)) == before
    actions.send_co_handling(editor, case)
    task = case.tasks["1-wjj"]
    actions.sign_task(w.as_("wjj_editor"), task, "同意")
    signed_at = task.signed_at
    refused(actions.sign_task, w.as_("wjj_reviewer"), task, "再签一次", status=409)
    assert task.signed_at == signed_at and task.opinion == "同意"


def test_bad_input_writes_nothing(world):
    w = world
    editor = w.as_(LEAD_EDITOR)
    case, _code = new_case(w, co=())
    actions.accept(editor, case)
    before = (state(w, case), len(get_history(case)), len(case.materials), len(case.steps))
    refused(actions.conclude, editor, case, "很长" * 2501, status=400)
    refused(actions.conclude, editor, case, "准予", ("坏文件",), status=400)
    refused(actions.conclude, editor, case, "准予", ("a.pdf", "not bytes", "x"), status=400)
    refused(actions.deny, editor, case, "", status=400)
    refused(actions.suspend, editor, case, "nonsense", "说明", status=400)
    refused(actions.request_correction, editor, case, "\n \n", status=400)
    after = (state(w, case), len(get_history(case)), len(case.materials), len(case.steps))
    assert after == before and case.result is None and case.pauses == ()
    # the applicant's steps are refused while nothing is asked of them
    refused(actions.supplement, w.as_(None), case, {"": [pdf()]}, "", status=409)
    refused(actions.correction_done, w.as_(None), case, {"": [pdf()]}, "", status=409)
