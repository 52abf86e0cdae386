"""In a browser: a citizen writes to 教育局's 领导信箱 and tracks his letter;
the department accepts it and answers on the day of receipt (四眼: the
editor drafts, the reviewer approves), publishes it masked; the citizen
sees the reply with his query code and rates it; the answer is public."""

import re

import pytest

from tests.browser.axe_pages import open_context, sign_in
from tests.browser.conftest import new_context, serve_copy

from .letter_helpers import FIELDS, solve

REPLY = "您好！教育局已与城南小学和交警大队协商，自下周起放学时段安排护学岗。联系电话13700001111。"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "letters-flow")


def post(page, button, within=None):
    scope = page.locator(within) if within else page
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        scope.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return answer.value.status


def citizen_writes(page):
    page.goto("/jyj/@@write?channel=mailbox")
    page.locator("#f-name").fill(FIELDS["name"])
    page.locator("#f-phone").fill(FIELDS["phone"])
    page.locator("#f-category").select_option("education")
    page.locator("#f-subject").fill(FIELDS["subject"])
    page.locator("#f-body").fill(FIELDS["body"])
    page.get_by_label("同意公开", exact=True).check()
    label = page.locator("label[for=f-challenge_answer]").inner_text()
    page.locator("#f-challenge_answer").fill(solve(re.search(r"验证问题：(.+？)", label).group(1)))
    assert post(page, "提交信件") == 200
    return page.locator("#letter-number").inner_text(), page.locator("#query-code").inner_text()


def track(page, number, code):
    page.goto("/jyj/@@letter-track")
    page.locator("#f-number").fill(number)
    page.locator("#f-code").fill(code)
    assert post(page, "查询", "form.letter-track") == 200


def staff(chromium, site, login):
    context = open_context(chromium, site, 1280, False, timeout=45_000)
    page = context.new_page()
    sign_in(page, login)
    page.wait_for_url(re.compile(r".*/@@workspace$"))
    return context, page


def step(page, number, name, title, fill=None):
    page.goto(f"/jyj/@@letters-admin/{number}")
    form = f"#step-{name}"
    if fill:
        for selector, text in fill.items():
            page.locator(f"{form} {selector}").fill(text)
    status = post(page, title, form)
    assert status in (200, 303), (name, status)


def test_write_track_answer_publish(chromium, site):
    citizen = new_context(chromium, site, viewport={"width": 1280, "height": 900})
    citizen.set_default_timeout(45_000)
    page = citizen.new_page()
    number, code = citizen_writes(page)
    track(page, number, code)
    assert page.locator("#state").inner_text() == "待受理"
    received = page.locator("#status").inner_text()
    assert "办理期限" in received

    editor_context, editor = staff(chromium, site, "jyj_editor")
    step(editor, number, "accept", "受理（本单位办理）")
    step(editor, number, "draft", "起草答复", {"textarea[name=reply]": REPLY})
    step(editor, number, "submit_reply", "答复送审")
    editor_context.close()
    reviewer_context, reviewer = staff(chromium, site, "jyj_reviewer")
    step(reviewer, number, "approve_reply", "审核通过并答复")
    step(reviewer, number, "publish", "公开信件")
    reviewer_context.close()

    track(page, number, code)
    assert page.locator("#state").inner_text() == "已公开"
    assert REPLY in page.locator("#letter-reply").inner_text()  # his own view: unmasked
    text = page.locator("#status").inner_text()
    received_on = re.search(r"收信日期\s*(\d{4}-\d\d-\d\d)", text).group(1)
    answered_on = re.search(r"答复日期\s*(\d{4}-\d\d-\d\d)", text).group(1)
    assert answered_on == received_on  # answered at once, well within the rule
    page.get_by_label("非常满意").check()
    assert post(page, "提交评价", "form.rating") == 200
    assert page.locator("#rated").count() == 1

    page.goto("/jyj/@@letters?channel=mailbox")
    page.get_by_role("link", name=FIELDS["subject"]).click()
    page.wait_for_url(f"**/@@letters/{number}")
    reply = page.locator("#letter-reply").inner_text()
    assert "自下周起放学时段安排护学岗" in reply
    assert "13700001111" not in reply  # masked in public
    assert "13912345678" not in page.locator("#letter-body").inner_text()
    citizen.close()
