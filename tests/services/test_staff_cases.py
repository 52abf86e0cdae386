"""The lead's queue and case page (<site>/@@cases): every step through HTTP."""

import re

from ..conftest import csrf_token
from .staff_helpers import (
    PDF,
    SLJTRX,
    case_url,
    file_case,
    post_step,
    read_case,
    state_of,
    text_of,
)


def test_queue_lists_the_sites_cases_with_filters(wsgi_app, browser):
    first = file_case(wsgi_app)
    second = file_case(wsgi_app)
    other = file_case(wsgi_app, guide=SLJTRX)  # 教育局's case: not in 政务服务局's queue
    staff = browser("zwfwj_editor")
    page = staff.get("/zwfwj/@@cases", status=200)
    assert f'id="row-{first}"' in page.text and f'id="row-{second}"' in page.text
    assert other not in page.text
    assert "待预审" in text_of(page.text, f"row-{first}")
    assert "未受理" in text_of(page.text, f"row-{first}")
    assert "no-store" in page.headers["Cache-Control"]
    # filters: number, state, guide, warning
    page = staff.get("/zwfwj/@@cases", {"number": second[-4:]}, status=200)
    assert second in page.text and f'id="row-{first}"' not in page.text
    post_step(staff, case_url("zwfwj", first), "accept")
    accepted = staff.get("/zwfwj/@@cases", {"state": "accepted"}, status=200)
    assert f'id="row-{first}"' in accepted.text and f'id="row-{second}"' not in accepted.text
    row = text_of(accepted.text, f"row-{first}")
    assert "办理中" in row and "0／3" in row  # promised 3 working days, none used yet
    assert "黄牌" in row  # 3 days left: the yellow card (govportal.services.yellow_days)
    path = read_case(wsgi_app, "zwfwj", first, lambda c: c.guide_path)
    assert f'value="{path}"' in accepted.text  # the guide filter offers the site's guides
    by_guide = staff.get("/zwfwj/@@cases", {"guide": path}, status=200)
    assert f'id="row-{first}"' in by_guide.text and f'id="row-{second}"' in by_guide.text
    none = staff.get("/zwfwj/@@cases", {"guide": SLJTRX}, status=200)
    assert "没有符合条件的办件" in none.text
    red = staff.get("/zwfwj/@@cases", {"warning": "red"}, status=200)
    assert f'id="row-{first}"' not in red.text
    yellow = staff.get("/zwfwj/@@cases", {"warning": "yellow"}, status=200)
    assert f'id="row-{first}"' in yellow.text


def test_unrelated_department_and_anonymous_are_refused(wsgi_app, browser, testapp):
    number = file_case(wsgi_app)
    url = case_url("zwfwj", number)
    outsider = browser("jyj_editor")
    outsider.get("/zwfwj/@@cases", status=403)
    outsider.get(url, status=403)
    name = read_case(wsgi_app, "zwfwj", number, lambda c: next(iter(c.materials)))
    outsider.get(f"{url}/file/{name}", status=403)
    # the co-handling departments reach the case through their inbox only
    browser("rsj_editor").get("/zwfwj/@@cases", status=403)
    res = testapp.get(url, status="*")
    assert res.status_int in (302, 403, 404)
    assert "王晓明" not in res.text


def test_the_lead_runs_intake_checks_and_materials_download(wsgi_app, browser):
    number = file_case(wsgi_app)
    url = case_url("zwfwj", number)
    staff = browser("zwfwj_reviewer")
    page = staff.get(url, status=200)
    assert "王晓明" in text_of(page.text, "applicant")
    assert "营山县晓明商贸有限公司" in text_of(page.text, "values")
    assert 'id="step-accept"' in page.text and 'id="step-request_supplement"' in page.text
    assert 'id="step-conclude"' not in page.text  # not before acceptance
    link = re.search(r'href="([^"]+/file/[^"]+)">身份证.pdf', page.text).group(1)
    download = staff.get(link, status=200)
    assert download.body == PDF
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download.headers["Content-Disposition"]
    staff.get(f"{url}/file/nothing", status=404)
    # 一次性告知: the checklist of the guide's materials, free text and a deadline
    assert "投资人（法定代表人）身份证明" in text_of(page.text, "step-request_supplement")
    res = post_step(staff, url, "request_supplement", status=400, items=["公司章程"])
    assert "补齐材料期限" in res.text and 'id="errors-request_supplement"' in res.text
    assert 'aria-describedby="errors-request_supplement"' in res.text
    assert state_of(wsgi_app, "zwfwj", number) == "submitted"
    post_step(
        staff,
        url,
        "request_supplement",
        items=["公司章程", "拟参保员工名册"],
        comment="经营场所使用证明需加盖出租方印章",
        date="2026-01-20",
    )
    assert state_of(wsgi_app, "zwfwj", number) == "supplement"
    items = read_case(wsgi_app, "zwfwj", number, lambda c: c.supplement["items"])
    assert items == ("公司章程", "拟参保员工名册", "经营场所使用证明需加盖出租方印章")
    page = staff.get(url, status=200)
    assert "公司章程" in text_of(page.text, "supplement")
    # a replay of the same step meets the new state: refused, nothing changed
    res = post_step(staff, url, "request_supplement", status=409, items=["x"], date="2026-01-21")
    assert "不能执行" in res.text
    assert read_case(wsgi_app, "zwfwj", number, lambda c: c.supplement["items"]) == items
    # closing for want of materials waits for the applicant's deadline
    res = post_step(staff, url, "close_unsupplemented", status=400, comment="逾期未补齐")
    assert "补齐材料期限尚未届满" in res.text
    assert state_of(wsgi_app, "zwfwj", number) == "supplement"


def test_refuse_intake_needs_a_reason(wsgi_app, browser):
    number = file_case(wsgi_app)
    url = case_url("zwfwj", number)
    staff = browser("zwfwj_editor")
    res = post_step(staff, url, "refuse_intake", status=400, comment=" ")
    assert "不予受理理由" in res.text
    post_step(staff, url, "refuse_intake", comment="不属于本部门职责范围")
    assert state_of(wsgi_app, "zwfwj", number) == "not_accepted"
    page = staff.get(url, status=200)
    assert "不属于本部门职责范围" in text_of(page.text, "history")
    assert 'class="step"' not in page.text  # nothing left to do


def test_csrf_less_post_is_refused(wsgi_app, browser):
    number = file_case(wsgi_app)
    staff = browser("zwfwj_editor")
    res = staff.post(case_url("zwfwj", number), {"step": "accept"}, status="*")
    assert res.status_int in (400, 403)
    assert state_of(wsgi_app, "zwfwj", number) == "submitted"


def test_unknown_step_and_foreign_step(wsgi_app, browser):
    number = file_case(wsgi_app)
    url = case_url("zwfwj", number)
    staff = browser("zwfwj_editor")
    post_step(staff, url, "drop_table", status=400)
    post_step(staff, url, "conclude", status=409, result_text="x")  # not accepted yet
    assert state_of(wsgi_app, "zwfwj", number) == "submitted"


def test_correction_and_suspension_pause_the_clock(wsgi_app, browser):
    number = file_case(wsgi_app, guide=SLJTRX)
    url = case_url("jyj", number)
    staff = browser("jyj_editor")
    post_step(staff, url, "accept")
    page = staff.get(url, status=200)
    assert 'id="step-send_co_handling"' in page.text  # offered; the guard refuses it
    res = post_step(staff, url, "send_co_handling", status=400)
    assert "没有需要并联审批的协办部门" in res.text
    token = csrf_token(staff.get(url).text)
    post_step(staff, url, "request_correction", comment="户口簿照片不清晰，请重新上传")
    assert state_of(wsgi_app, "jyj", number) == "correction"
    page = staff.get(url, status=200)
    assert "补正材料" in text_of(page.text, "clock")  # the pause, open
    assert 'class="step"' not in page.text  # the applicant ends it, on the public page
    post_step(staff, url, "request_correction", status=409, token=token, comment="again")
    pauses = read_case(wsgi_app, "jyj", number, lambda c: c.pauses)
    assert [p["kind"] for p in pauses] == ["correction"]


def test_suspend_with_a_kind_and_resume(wsgi_app, browser):
    number = file_case(wsgi_app, guide=SLJTRX)
    url = case_url("jyj", number)
    staff = browser("jyj_editor")
    post_step(staff, url, "accept")
    res = post_step(staff, url, "suspend", status=400, kind="correction", comment="x")
    assert "特别程序的种类" in res.text
    post_step(staff, url, "suspend", kind="expert", comment="组织专家评审办学条件")
    assert state_of(wsgi_app, "jyj", number) == "suspended"
    pauses = read_case(wsgi_app, "jyj", number, lambda c: c.pauses)
    assert [p["kind"] for p in pauses] == ["expert"] and pauses[0]["end"] is None
    assert "专家评审" in text_of(staff.get(url).text, "clock")
    post_step(staff, url, "resume")
    post_step(staff, url, "resume", status=409)  # replay: refused, no second record
    pauses = read_case(wsgi_app, "jyj", number, lambda c: c.pauses)
    assert len(pauses) == 1 and pauses[0]["end"] is not None
    assert state_of(wsgi_app, "jyj", number) == "accepted"


def test_deny_with_a_reason(wsgi_app, browser):
    number = file_case(wsgi_app, guide=SLJTRX)
    url = case_url("jyj", number)
    staff = browser("jyj_reviewer")
    post_step(staff, url, "accept")
    post_step(staff, url, "deny", status=400, comment="")
    post_step(staff, url, "deny", comment="儿童户籍不在本学区")
    assert state_of(wsgi_app, "jyj", number) == "denied"
    page = staff.get(url, status=200)
    assert "儿童户籍不在本学区" in text_of(page.text, "result")
    assert 'id="certificate-link"' not in page.text


def test_conclude_with_result_file_and_bad_upload(wsgi_app, browser):
    number = file_case(wsgi_app, guide=SLJTRX)
    url = case_url("jyj", number)
    staff = browser("jyj_editor")
    post_step(staff, url, "accept")
    res = post_step(
        staff,
        url,
        "conclude",
        status=400,
        result_text="准予入学",
        upload_files=[("result_file", "通知书.pdf", b"MZ\x90\x00not a pdf")],
    )
    assert "不符" in res.text
    assert state_of(wsgi_app, "jyj", number) == "accepted"
    post_step(
        staff,
        url,
        "conclude",
        result_text="准予入学，请于9月1日到营山县城南小学校报到",
        certificate="1",
        upload_files=[("result_file", "入学通知书.pdf", PDF)],
    )
    assert state_of(wsgi_app, "jyj", number) == "concluded"
    page = staff.get(url, status=200)
    assert "准予入学" in text_of(page.text, "result")
    link = re.search(r'href="([^"]+)" id="result-file"', page.text).group(1)
    assert staff.get(link, status=200).body == PDF
    assert 'id="certificate-link"' in page.text


def test_admin_home_links_the_queue_and_the_inbox(browser):
    lead = browser("zwfwj_editor").get("/@@admin", status=200)
    assert 'href="http://localhost/zwfwj/@@cases"' in lead.text
    assert 'href="http://localhost/jyj/@@cases"' not in lead.text
    inbox = browser("rsj_reviewer").get("/@@admin", status=200)
    assert 'href="http://localhost/rsj/@@tasks"' in inbox.text
