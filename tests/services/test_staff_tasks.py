"""Co-handling (并联审批) through HTTP: the lead sends the case, each
co-handling department signs or refuses its own task in its inbox."""

from ..conftest import csrf_token
from .staff_helpers import (
    case_url,
    file_case,
    post_step,
    read_case,
    state_of,
    task_url,
    text_of,
)


def send(wsgi_app, browser):
    number = file_case(wsgi_app)
    lead = browser("zwfwj_editor")
    post_step(lead, case_url("zwfwj", number), "accept")
    post_step(lead, case_url("zwfwj", number), "send_co_handling")
    assert state_of(wsgi_app, "zwfwj", number) == "co_handling"
    return number, lead


def test_parallel_approval_with_a_refusal_and_a_second_round(wsgi_app, browser):
    number, lead = send(wsgi_app, browser)
    rsj, wjj = browser("rsj_editor"), browser("wjj_reviewer")
    inbox = rsj.get("/rsj/@@tasks", status=200)
    assert "待会签" in text_of(inbox.text, f"task-{number}")
    page = rsj.get(task_url("rsj", "zwfwj", number), status=200)
    assert "王晓明" in text_of(page.text, "applicant")  # co_handler holds view_applicant
    assert 'id="step-sign"' in page.text and 'id="step-refuse"' in page.text
    assert 'id="step-conclude"' not in page.text  # the lead's steps are not offered
    # the materials download from the task page too
    name = read_case(wsgi_app, "zwfwj", number, lambda c: next(iter(c.materials)))
    rsj.get(task_url("rsj", "zwfwj", number) + f"/file/{name}", status=200)
    post_step(rsj, task_url("rsj", "zwfwj", number), "sign", comment="同意办理参保登记")
    assert state_of(wsgi_app, "zwfwj", number) == "co_handling"  # 卫健局 still open
    # a refusal needs its reason, then returns the case to the lead
    res = post_step(wjj, task_url("wjj", "zwfwj", number), "refuse", status=400, comment="")
    assert 'id="errors-refuse"' in res.text
    post_step(wjj, task_url("wjj", "zwfwj", number), "refuse", comment="经营场所不符合卫生要求")
    assert state_of(wsgi_app, "zwfwj", number) == "accepted"
    page = lead.get(case_url("zwfwj", number), status=200)
    assert "经营场所不符合卫生要求" in text_of(page.text, "returns")
    assert "同意办理参保登记" in text_of(page.text, "tasks")
    res = post_step(lead, case_url("zwfwj", number), "conclude", status=400, result_text="x")
    assert "尚有协办部门未同意" in res.text
    # round two: both agree, the case returns to the lead, who concludes
    post_step(lead, case_url("zwfwj", number), "send_co_handling")
    inbox = wjj.get("/wjj/@@tasks", status=200)
    assert "待会签" in text_of(inbox.text, f"task-{number}")
    post_step(rsj, task_url("rsj", "zwfwj", number), "sign")
    post_step(wjj, task_url("wjj", "zwfwj", number), "sign", comment="已整改，同意")
    assert state_of(wsgi_app, "zwfwj", number) == "accepted"
    queue = lead.get("/zwfwj/@@cases", status=200)
    assert "2／2 个部门同意" in text_of(queue.text, f"row-{number}")
    post_step(lead, case_url("zwfwj", number), "conclude", result_text="准予设立", certificate="1")
    assert state_of(wsgi_app, "zwfwj", number) == "concluded"
    outcomes = read_case(
        wsgi_app, "zwfwj", number, lambda c: sorted((t.round, t.outcome) for t in c.tasks.values())
    )
    assert outcomes == [(1, "agree"), (1, "disagree"), (2, "agree"), (2, "agree")]


def test_a_department_signs_only_its_own_task(wsgi_app, browser):
    number, _lead = send(wsgi_app, browser)
    rsj = browser("rsj_editor")
    token = csrf_token(rsj.get(task_url("rsj", "zwfwj", number)).text)
    # 卫健局's inbox and task are not 人社局's
    rsj.get("/wjj/@@tasks", status=403)
    rsj.post(task_url("wjj", "zwfwj", number), {"step": "sign", "csrf_token": token}, status=403)
    # an unrelated department sees neither inbox nor case
    outsider = browser("jyj_editor")
    outsider.get("/rsj/@@tasks", status=403)
    outsider.get(case_url("zwfwj", number), status=403)
    # the lead cannot sign for a co-handling department through its own site
    browser("zwfwj_editor").get("/zwfwj/@@tasks", status=200)
    assert "没有会签任务" in browser("zwfwj_editor").get("/zwfwj/@@tasks", status=200).text
    outcomes = read_case(wsgi_app, "zwfwj", number, lambda c: [t.outcome for t in c.tasks.values()])
    assert outcomes == [None, None]


def test_replayed_sign_and_csrf_less_post_change_nothing(wsgi_app, browser):
    number, _lead = send(wsgi_app, browser)
    rsj = browser("rsj_editor")
    url = task_url("rsj", "zwfwj", number)
    token = csrf_token(rsj.get(url).text)
    res = rsj.post(url, {"step": "sign"}, status="*")
    assert res.status_int in (400, 403)
    assert read_case(wsgi_app, "zwfwj", number, lambda c: c.tasks["1-rsj"].outcome) is None
    post_step(rsj, url, "sign", comment="同意")
    res = post_step(rsj, url, "sign", status=409, token=token, comment="再次同意")
    assert "不能执行" in res.text
    task = read_case(wsgi_app, "zwfwj", number, lambda c: (c.tasks["1-rsj"].opinion, c.steps))
    assert task[0] == "同意"
    assert sum(1 for s in task[1] if s["title"] == "协办部门会签同意") == 1
    page = rsj.get(url, status=200)
    assert "同意" in text_of(page.text, "own-task") and 'id="step-sign"' not in page.text


def portal_guide(wsgi_app):
    """A portal guide (办事服务 column) co-handled by 人社局."""
    from pyramid.traversal import find_resource

    from govportal.bootstrap import site_session

    with site_session(wsgi_app.registry) as (zodb_root, request):
        column = find_resource(zodb_root["app_root"], "/bsfw")
        column["lhb"] = request.registry.content.create(
            "ServiceGuide",
            title="灵活就业人员参保登记",
            co_departments=("rsj",),
            promised_days=5,
            legal_days=10,
            online_mode="here",
            user_types=("person",),
        )
    return "/bsfw/lhb"


def test_portal_led_case_is_co_signed_through_the_portal_segment(wsgi_app, browser):
    number = file_case(wsgi_app, guide=portal_guide(wsgi_app), values={}, files={})
    lead = browser("portal_editor")
    assert number in lead.get("/@@cases", status=200).text
    post_step(lead, case_url("", number), "accept")
    post_step(lead, case_url("", number), "send_co_handling")
    rsj = browser("rsj_reviewer")
    inbox = rsj.get("/rsj/@@tasks", status=200)
    assert f"/rsj/@@tasks/-/{number}" in inbox.text
    post_step(rsj, task_url("rsj", "", number), "sign", comment="同意")
    assert state_of(wsgi_app, "", number) == "accepted"
    browser("jyj_editor").get(task_url("rsj", "", number), status=403)
