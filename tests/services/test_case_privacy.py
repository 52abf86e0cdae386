"""电子监察员 and auditors see cases, never the applicant's data: name, ID
number, phone, form values and materials are absent from their pages."""

import pytest

from .staff_helpers import (
    APPLICANT,
    case_url,
    file_case,
    post_step,
    read_case,
    task_url,
)

PERSONAL = (APPLICANT["name"], APPLICANT["id_number"], APPLICANT["phone"], APPLICANT["email"])


@pytest.fixture
def supervisor(wsgi_app, browser):
    from .staff_helpers import add_user

    add_user(wsgi_app, "jiancha", "supervisor")
    return browser("jiancha")


def assert_no_personal_data(html):
    for value in PERSONAL + ("营山县晓明商贸有限公司", "身份证.pdf"):
        assert value not in html, value


def test_supervisor_and_auditor_see_the_case_without_the_applicant(wsgi_app, browser, supervisor):
    number = file_case(wsgi_app)
    lead = browser("zwfwj_editor")
    post_step(lead, case_url("zwfwj", number), "accept")
    post_step(lead, case_url("zwfwj", number), "send_co_handling")
    name = read_case(wsgi_app, "zwfwj", number, lambda c: next(iter(c.materials)))
    for client in (supervisor, browser("auditor")):
        queue = client.get("/zwfwj/@@cases", status=200)
        assert number in queue.text
        assert_no_personal_data(queue.text)
        page = client.get(case_url("zwfwj", number), status=200)
        assert "并联审批中" in page.text  # the case, its state and tasks
        assert 'id="applicant-hidden"' in page.text
        assert_no_personal_data(page.text)
        assert 'class="step"' not in page.text  # nothing to run
        client.get(case_url("zwfwj", number) + f"/file/{name}", status=403)
        # nor the co-handling inboxes
        client.get(task_url("rsj", "zwfwj", number), status=403)


def test_supervisor_cannot_run_steps(wsgi_app, supervisor):
    number = file_case(wsgi_app)
    url = case_url("zwfwj", number)
    token = supervisor.csrf("/@@login")  # the session's token (no step form is shown)
    res = supervisor.post(url, {"step": "accept", "csrf_token": token}, status=403)
    assert_no_personal_data(res.text)
    assert read_case(wsgi_app, "zwfwj", number, lambda c: c.accepted_on) is None


def test_lead_and_co_handlers_see_the_applicant(wsgi_app, browser):
    number = file_case(wsgi_app)
    lead = browser("zwfwj_editor")
    assert APPLICANT["id_number"] in lead.get(case_url("zwfwj", number)).text
    post_step(lead, case_url("zwfwj", number), "accept")
    post_step(lead, case_url("zwfwj", number), "send_co_handling")
    page = browser("wjj_editor").get(task_url("wjj", "zwfwj", number), status=200)
    assert APPLICANT["phone"] in page.text
