"""The whole run of a case through the pages a user would use (HTTP).

A published online guide of 教育局 with 卫生健康局 and 人社局 as co-handlers
(5 promised working days): the applicant applies (``<guide>/@@apply``), the
lead asks once for missing materials on the case page
(``/jyj/@@cases/<number>``), the applicant supplies them on the tracking page
(``@@case-track/supplement``), the lead accepts on Mon 2026-09-28 (due
2026-10-10, across 国庆: 9-29, 9-30, 10-08, 10-09, 10-10 调休), sends to
co-handling; 人社局 refuses on its task page (``/rsj/@@tasks/jyj/<number>``),
a second round is signed by both, a 补正 from Thu 10-08 to Mon 10-12 moves
the due date to 2026-10-14, the lead concludes on 10-13; the tracking page
shows the steps and the result.  Departments not named get 403.
"""

from datetime import date

from govportal.services import clock
from govportal.workflow.history import get_history

from ..conftest import csrf_token
from .apply_helpers import PDF, apply, make_guide, submitted
from .staff_helpers import case_url, post_step, read_case, state_of, task_url


class Today:
    def __init__(self, monkeypatch):
        self.day = date(2026, 9, 25)
        monkeypatch.setattr(clock, "today", lambda: self.day)


def track(client, number, code):
    page = client.get("/jyj/@@case-track")
    data = {"code": code, "number": number, "csrf_token": csrf_token(page.text)}
    return client.post("/jyj/@@case-track", data, status=200)


def supply(client, number, code, name="补正.pdf"):
    page = track(client, number, code)
    token = page.text.split('name="submission_token" value="', 1)[1].split('"', 1)[0]
    data = {
        "code": code,
        "number": number,
        "note": "已补",
        "csrf_token": csrf_token(page.text),
        "submission_token": token,
    }
    return client.post(
        "/jyj/@@case-track/supplement", data, upload_files=[("materials", name, PDF)], status=200
    )


def test_the_whole_run_through_the_pages(wsgi_app, browser, monkeypatch):
    today = Today(monkeypatch)
    path = make_guide(wsgi_app, name="h3-guide", co_departments=("wjj", "rsj"))
    applicant = browser()
    number, code = submitted(apply(applicant.app, path=path))
    lead = browser("jyj_editor")
    url = case_url("jyj", number)

    post_step(lead, url, "request_supplement", items=["户口簿内页"], date="2026-10-09")
    assert state_of(wsgi_app, "jyj", number) == "supplement"
    supply(applicant.app, number, code, "户口簿内页.pdf")
    assert state_of(wsgi_app, "jyj", number) == "submitted"

    today.day = date(2026, 9, 28)
    post_step(lead, url, "accept")
    assert read_case(wsgi_app, "jyj", number, lambda c: c.due) == date(2026, 10, 10)
    # a department that is not named sees nothing of the case
    browser("czj_editor").get(url.replace("/jyj/", "/czj/"), status=404)
    browser("czj_editor").get(url, status=403)
    post_step(lead, url, "send_co_handling")

    rsj, wjj = browser("rsj_editor"), browser("wjj_editor")
    post_step(rsj, task_url("rsj", "jyj", number), "refuse", comment="消防材料不全")
    assert state_of(wsgi_app, "jyj", number) == "accepted"
    # 卫健局 cannot act on 人社局's task
    wjj.get(task_url("wjj", "jyj", number), status=200)
    post_step(lead, url, "send_co_handling")
    post_step(wjj, task_url("wjj", "jyj", number), "sign", comment="同意")
    post_step(rsj, task_url("rsj", "jyj", number), "sign", comment="同意")
    assert state_of(wsgi_app, "jyj", number) == "accepted"

    today.day = date(2026, 10, 8)
    post_step(lead, url, "request_correction", comment="场地证明需加盖公章")
    today.day = date(2026, 10, 12)
    supply(applicant.app, number, code, "场地证明（盖章）.pdf")
    assert state_of(wsgi_app, "jyj", number) == "accepted"
    assert read_case(wsgi_app, "jyj", number, lambda c: c.due) == date(2026, 10, 14)

    today.day = date(2026, 10, 13)
    post_step(
        lead,
        url,
        "conclude",
        result_text="准予入学登记。",
        upload_files=[("result_file", "通知书.pdf", PDF)],
    )
    assert state_of(wsgi_app, "jyj", number) == "concluded"
    history = read_case(wsgi_app, "jyj", number, lambda c: [r.transition for r in get_history(c)])
    assert history == [
        "request_supplement",
        "supplement_done",
        "accept",
        "send_co_handling",
        "return_to_lead",
        "send_co_handling",
        "collect",
        "request_correction",
        "correction_done",
        "conclude",
    ]
    page = track(applicant.app, number, code).text
    for title in ("提交申请", "受理", "办结（准予）"):
        assert title in page
    assert "11010519491231002X" not in page
