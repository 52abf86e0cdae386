"""The department queue: who sees it, what it shows, the statutory clock.

Dates are set through the ``today`` fixture; expected deadlines are counted
by hand on the official 2026 calendar (National Day: 1–7 October off,
Saturday 10 October worked; Mid-Autumn: 25–27 September off).
"""

from datetime import date
from urllib.parse import quote

from ..conftest import read_root
from ..http.helpers import REFUSED
from .conftest import cell, org_fields, step, submit, track


def test_only_the_receiving_department_sees_the_queue(testapp, browser, today):
    number, _code = submit(testapp, "jyj")
    url = f"/jyj/@@applications/{number}"
    for login in ("jyj_editor", "jyj_reviewer", "admin"):
        client = browser(login)
        queue = client.get("/jyj/@@applications", status=200)
        assert number in queue.text and "待登记" in queue.text
        page = client.get(url, status=200)
        assert page.text.count("11010519491231002X") == 1, login
        assert "zhangsan@example.com" in page.text
    # auditors follow the clock without personal data
    auditor = browser("auditor")
    assert number in auditor.get("/jyj/@@applications", status=200).text
    page = auditor.get(url, status=200)
    assert "11010519491231002X" not in page.text and "13800138000" not in page.text
    assert "张三" not in page.text and "applicant-hidden" in page.text
    assert 'id="step-register"' not in page.text
    # another department's staff, portal staff and anonymous visitors
    for login in ("wjj_editor", "wjj_reviewer", "portal_editor"):
        client = browser(login)
        client.get("/jyj/@@applications", status=403)
        client.get(url, status=403)
    testapp.get("/jyj/@@applications", status=404)
    testapp.get(url, status=404)
    testapp.get("/jyj/applications/", status=404)
    testapp.get(f"/jyj/applications/{number}", status=404)
    # another department's staff cannot act either
    wjj = browser("wjj_editor")
    token = wjj.csrf("/wjj/@@apply")
    wjj.post(url, {"step": "register", "csrf_token": token}, status=REFUSED)
    # never in public pages
    for path in (
        "/jyj/",
        "/@@sitemap",
        "/sitemap.xml",
        "/@@catalog",
        "/search?q=" + quote("义务教育学校布局"),
    ):
        assert number not in testapp.get(path).text, path
        assert "布局调整方案" not in testapp.get(path).text, path
    # the portal's own queue is the portal groups'
    assert browser("portal_editor").get("/@@applications", status=200)
    browser("jyj_editor").get("/@@applications", status=403)


def test_register_and_extend_once_across_national_day(testapp, browser, today, outbox):
    number, code = submit(testapp, "jyj")
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    del outbox[:]
    step(editor, "jyj", number, "register")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "state") == "办理中"
    assert cell(page, "registered") == "2026-09-28"
    # 20 working days after Mon 28 Sep 2026: 29, 30 Sep; 8, 9, 10 (Sat, worked),
    # 12–16, 19–23, 26–30 Oct
    assert cell(page, "due").startswith("2026-10-30")
    mail = [m for m in outbox if m.recipients == ["zhangsan@example.com"]]
    assert len(mail) == 1 and "2026-10-30" in mail[0].body

    # the editor proposes, the editor cannot approve, the reviewer approves
    step(editor, "jyj", number, "request_extension", days="20", comment="需调取档案")
    res = step(editor, "jyj", number, "approve_extension", status=403)
    assert "没有权限" in res.text
    del outbox[:]
    step(reviewer, "jyj", number, "approve_extension", comment="同意")
    page = editor.get(f"/jyj/@@applications/{number}").text
    # 20 more working days: 2–6, 9–13, 16–20, 23–27 Nov
    assert cell(page, "due").startswith("2026-11-27")
    assert "需调取档案" in cell(page, "extension")
    mail = [m for m in outbox if m.recipients == ["zhangsan@example.com"]]
    assert len(mail) == 1 and "2026-11-27" in mail[0].body and "需调取档案" in mail[0].body
    # only once
    res = step(editor, "jyj", number, "request_extension", status=400, days="5", comment="再延")
    assert "已延期一次" in res.text
    assert cell(editor.get(f"/jyj/@@applications/{number}").text, "state") == "办理中"
    assert cell(track(testapp, code).text, "due") == "2026-11-27"
    # history: who, when, comment
    history = cell(editor.get(f"/jyj/@@applications/{number}").text, "history")
    assert "jyj_reviewer" in history and "批准延期" in history and "需调取档案" in history


def test_extension_bad_days_and_self_approval(testapp, browser, today):
    number, _code = submit(testapp, "jyj")
    reviewer = browser("jyj_reviewer")
    step(reviewer, "jyj", number, "register")
    res = step(reviewer, "jyj", number, "request_extension", status=400, days="21", comment="x")
    assert "1至20个工作日" in res.text
    res = step(reviewer, "jyj", number, "request_extension", status=400, days="10", comment="")
    assert "必须填写意见" in res.text
    step(reviewer, "jyj", number, "request_extension", days="10", comment="材料多")
    res = step(reviewer, "jyj", number, "approve_extension", status=400)
    assert "提出人以外" in res.text
    step(reviewer, "jyj", number, "refuse_extension", comment="无需延期")
    page = reviewer.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "due").startswith("2026-10-30") and 'id="extension"' not in page


def test_consultation_pauses_the_clock(testapp, browser, today):
    number, code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    today.set(date(2026, 10, 9))
    step(editor, "jyj", number, "consult", comment="涉及某公司商业秘密，书面征求其意见")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "state") == "征求第三方意见"
    # the third party has 15 working days after 9 Oct: 10, 12–16, 19–23, 26–29 Oct
    # (from the consultation's start until its receipt of the letter is recorded)
    assert cell(page, "pause-due").startswith("2026-10-29")
    assert 'id="due"' not in page
    assert "暂停" in track(testapp, code).text
    today.set(date(2026, 10, 14))
    step(editor, "jyj", number, "resume", comment="已收到第三方意见")
    page = editor.get(f"/jyj/@@applications/{number}").text
    # 10, 12, 13, 14 Oct were paused: four working days more than 30 Oct
    assert cell(page, "due").startswith("2026-11-05")
    assert "2026-10-09 至 2026-10-14" in page


def test_third_party_period_runs_from_its_receipt_of_the_letter(testapp, browser, today):
    number, _code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    today.set(date(2026, 10, 9))
    step(editor, "jyj", number, "consult", comment="书面征求第三方意见")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "pause-due").startswith("2026-10-29")
    assert "尚未录入" in page
    today.set(date(2026, 10, 13))
    # delivered on 12 Oct: 15 working days after it: 13–16, 19–23, 26–30 Oct, 2 Nov
    step(editor, "jyj", number, "consult_received", date="2026-10-12")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "pause-due") == "2026-11-02"
    assert "2026-10-12 收到征求意见书" in page
    # before the consultation or in the future: refused, nothing stored
    for bad in ("2026-10-08", "2026-10-20", "not-a-date", ""):
        step(editor, "jyj", number, "consult_received", date=bad, status=400)
    assert cell(editor.get(f"/jyj/@@applications/{number}").text, "pause-due") == "2026-11-02"
    # another department's editor may not record it
    other = browser("portal_editor")
    res = step(other, "jyj", number, "consult_received", date="2026-10-12", status="*")
    assert res.status_int in (403, 404)


def test_supplement_requested_after_seven_working_days_is_marked_late(testapp, browser, today):
    number, _code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    page = editor.get(f"/jyj/@@applications/{number}").text
    limit = date.fromisoformat(cell(page, "supplement-request-due")[:10])
    today.set(date.fromordinal(limit.toordinal() + 1))
    step(editor, "jyj", number, "request_supplement", comment="请明确所需信息")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert "超过第三十条规定的7个工作日告知期限" in page
    # without a date the form's default: 15 working days later
    assert cell(page, "pause-due") > today.day.isoformat()


def test_supplement_stops_and_restarts_the_clock(testapp, browser, today, outbox):
    number, code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    today.set(date(2026, 9, 29))
    del outbox[:]
    page = editor.get(f"/jyj/@@applications/{number}").text
    # art. 30: the agency's 7 working days to send the one-time request
    assert cell(page, "supplement-request-due").startswith("2026-10-")
    # the agency sets the applicant's period (here 14 Oct)
    step(
        editor,
        "jyj",
        number,
        "request_supplement",
        comment="请说明所需方案的年度和学段",
        date="2026-10-14",
    )
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "state") == "待申请人补正"
    assert cell(page, "pause-due") == "2026-10-14"
    assert "超过第三十条" not in page
    mail = [m for m in outbox if m.recipients == ["zhangsan@example.com"]]
    assert len(mail) == 1 and "学段" in mail[0].body and "2026-10-14" in mail[0].body
    assert "学段" in track(testapp, code).text
    today.set(date(2026, 10, 9))
    step(editor, "jyj", number, "complete_supplement", comment="申请人来电补充")
    page = editor.get(f"/jyj/@@applications/{number}").text
    assert cell(page, "clock-start") == "2026-10-09"
    # restarted: 20 working days after 9 Oct: 10, 12–16, 19–23, 26–30 Oct, 2–5 Nov
    assert cell(page, "due").startswith("2026-11-05")
    res = step(editor, "jyj", number, "request_supplement", status=400, comment="再补")
    assert "不能再次要求补正" in res.text


def test_unsupplemented_application_is_closed_only_after_the_deadline(testapp, browser, today):
    number, code = submit(testapp, "jyj")
    editor = browser("jyj_editor")
    step(editor, "jyj", number, "register")
    today.set(date(2026, 9, 29))
    step(editor, "jyj", number, "request_supplement", comment="请明确所需信息", date="2026-10-14")
    today.set(date(2026, 10, 14))
    res = step(editor, "jyj", number, "close_unsupplemented", status=400, comment="逾期")
    assert "尚未届满" in res.text
    today.set(date(2026, 10, 15))
    step(editor, "jyj", number, "close_unsupplemented", comment="申请人逾期未补正")
    res = track(testapp, code)
    assert cell(res.text, "state") == "已答复"
    assert cell(res.text, "outcome").startswith("申请人无正当理由逾期不补正")


def test_organisation_application_on_the_portal(testapp, browser, today):
    number, _code = submit(testapp, "", **org_fields())
    editor = browser("portal_editor")
    step(editor, "", number, "register")
    page = editor.get(f"/@@applications/{number}").text
    assert "91350100M000100Y43" in page and "法律服务机构" in page

    def due(root):
        from govportal.applications.model import find_box

        return find_box(root).get(number).due

    assert read_root(testapp.app, due) == date(2026, 10, 30)


def test_the_queue_is_reached_without_the_management_interface(browser, today):
    editor = browser("jyj_editor")
    assert editor.get("/jyj/@@applications", status=200)
    editor.get("/manage/jyj/@@applications-queue", status=(403, 404))
    browser("wjj_editor").get("/jyj/@@applications", status=403)
