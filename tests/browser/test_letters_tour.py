"""领导信箱 in Chromium, end to end (issue #12).

A citizen opens 互动交流 from the portal's home page, chooses 领导信箱 and
writes (every field, an attachment, consent to publication, the accessible
challenge answered by reading its question), gets the 信件编号 and 查询码
and tracks the letter (待受理, its due date).  The portal's editor transfers
it to 教育局 with a reason; 教育局's editor accepts, records the initial
verification and a promised date within the limit, drafts a reply and sends
it to review; 教育局's reviewer (四眼) approves and publishes the masked text.
The citizen reads the reply (answered by the promised date) and rates it.
The letter is public (教育局's and the portal's lists, 互动交流, statistics)
without the writer's name, phone, e-mail or address.  axe-core: no serious
or critical violation and no sideways scrolling on every public page of the
way at 1280 px, 320 px and in 长者版 (one run per look); staff pages at 1280
px in the first run.  The site is a fresh copy of the small demo.
"""

import re
from datetime import date, timedelta

import pytest

from govportal.interaction.letters.challenge import chinese

from ..http.helpers import PDF_BYTES
from .conftest import serve_copy
from .test_services import Checks, Person

LOOKS = (("1280", 1280, False), ("320 px", 320, False), ("长者版", 1280, True))
WRITER = {
    "name": "赵德芳",
    "phone": "13800138123",
    "email": "zhaodefang@example.com",
    "address": "四川省南充市营山县城南街道人和路8号",
}
BODY = (
    "我家孩子在城南小学读三年级，每天下午放学时学校门口车辆拥堵，"
    "孩子过马路很危险。建议在放学时段安排护学岗，增派人员疏导交通。"
    "如需了解情况请拨打13912345678。"
)
REPLY = (
    "您好！来信收悉。教育局已与城南小学和县交警大队协商，自下周一起"
    "在放学时段安排护学岗，并在校门口增设临时停车区。联系人张老师，电话13700001111。"
)
VERIFICATION = "经初步核实，城南小学放学时段校门口确有拥堵，已与学校和交警大队联系，商定护学方案。"
TRANSFER_REASON = "来信反映学校周边交通和护学问题，属教育局职责，转教育局办理。"
NUMBERS = {chinese(n): n for n in range(100)}
OPERATIONS = (("乘以", int.__mul__), ("加", int.__add__), ("减", int.__sub__))


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "letters-tour")


def person(chromium, site, **look):
    """A browser of :class:`Person` with a patient timeout (shared machines)."""
    someone = Person(chromium, site, **look)
    someone.context.set_default_timeout(30_000)
    return someone


def no_check(page, what):
    """Staff pages in the 320 px and 长者版 runs (checked at 1280 once)."""


def solve(question):
    """The answer to a challenge like ``七加五等于几？``, as a person reads it."""
    text = question.removesuffix("等于几？")
    for word, operation in OPERATIONS:
        if word in text:
            left, right = text.split(word)
            return str(operation(NUMBERS[left], NUMBERS[right]))
    raise AssertionError(f"a question the tour cannot read: {question!r}")


def submit(page, form):
    """Press the (first) submit button of ``form``; wait for the next page."""
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def write_letter(page, check, subject):
    """From the portal's home page to the acknowledgement: ``(number, code)``."""
    page.goto("/")
    page.get_by_role("link", name="互动交流", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text().startswith("互动交流")
    check(page, "互动交流")
    page.locator("#h-channels").locator("xpath=..").get_by_role("link", name="领导信箱").click()
    page.wait_for_load_state()
    assert "@@write" in page.url and "channel=mailbox" in page.url
    check(page, "write form")
    form = page.locator("form.letter-form")
    assert form.get_by_label("领导信箱").is_checked()
    form.get_by_label("姓名").fill(WRITER["name"])
    form.get_by_label("联系电话").fill(WRITER["phone"])
    form.get_by_label("电子邮箱").fill(WRITER["email"])
    form.get_by_label("联系地址").fill(WRITER["address"])
    form.get_by_label("类别").select_option(label="教育")
    form.get_by_label("标题").fill(subject)
    form.get_by_label(re.compile("^内容")).fill(BODY)
    form.get_by_label("附件").set_input_files(
        {"name": "照片说明.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    form.get_by_label("同意公开", exact=True).check()
    challenge = form.get_by_label(re.compile("^验证问题"))
    label = form.locator(f"label[for='{challenge.get_attribute('id')}']").inner_text()
    question = re.search(r"验证问题：(\S+？)", label).group(1)
    challenge.fill(solve(question))
    with page.expect_navigation():
        form.get_by_role("button", name="提交信件").click()
    assert page.locator("h1").inner_text() == "信件已提交", page.content()
    number = page.locator("#letter-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"\S+-XJ\d{4}-\d{5}", number), number
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code), code
    check(page, "acknowledgement")
    return number, code


def track(page, check, number, code, what):
    """Look the letter up with its code; returns the status table's text."""
    page.goto("/@@letter-track")
    check(page, "tracking form")
    form = page.locator("form.letter-track")
    form.get_by_label("信件编号").fill(number)
    form.get_by_label("查询码").fill(code)
    submit(page, "form.letter-track")
    assert page.locator("#h-letter").inner_text() == f"信件 {number}"
    check(page, what)
    return page.locator("#status").inner_text()


def open_letter(person, site_path, number, check):
    """The staff's letter page, reached from the site's queue."""
    page = person.page
    page.goto(f"{site_path}/@@letters-admin")
    check(page, f"staff queue {site_path or '/'}")
    page.get_by_role("link", name=number).first.click()
    page.wait_for_load_state()
    assert number in page.locator("h1").inner_text()
    return page


def step(page, name, fields=None):
    """Fill and send the step form ``#step-<name>``; no error is shown after."""
    form = f"#step-{name}"
    assert page.locator(form).count() == 1, f"step {name} is not offered"
    for selector, value in (fields or {}).items():
        field = page.locator(f"{form} {selector}")
        is_select = field.evaluate("e => e.tagName") == "SELECT"
        (field.select_option if is_select else field.fill)(value)
    submit(page, form)
    assert page.locator("[role=alert]").count() == 0, page.locator("[role=alert]").all_inner_texts()


def state(page):
    return page.locator("#state").inner_text().strip()


def transfer(chromium, site, number, check):
    """The portal's editor sends the letter to 教育局 with a reason."""
    editor = person(chromium, site).login("portal_editor")
    page = open_letter(editor, "", number, check)
    assert state(page) == "待受理"
    assert page.locator("#consent").inner_text() == "同意公开"
    assert WRITER["phone"] in page.locator("#writer").inner_text()
    check(page, "staff letter (portal)")
    target = page.locator("#transfer-target option", has_text="教育局").get_attribute("value")
    step(
        page, "transfer", {"select[name=target]": target, "textarea[name=comment]": TRANSFER_REASON}
    )
    editor.close()


def handle(chromium, site, number, check):
    """教育局's editor accepts, verifies with a promise, drafts and submits;
    returns the promised date."""
    editor = person(chromium, site).login("jyj_editor")
    page = open_letter(editor, "/jyj", number, check)
    assert state(page) == "待受理"
    assert TRANSFER_REASON in page.locator("#transfers").inner_text()
    step(page, "accept")
    assert state(page) == "办理中"
    check(page, "staff letter, handling (教育局)")
    received = date.fromisoformat(page.locator("#received").inner_text().strip())
    verify_due = date.fromisoformat(page.locator("#verify-due").inner_text().split()[0])
    assert verify_due > received  # 15 working days to tell the writer
    limit = date.fromisoformat(page.locator("#verify-date").get_attribute("max"))
    promised = min(received + timedelta(days=20), limit)
    step(
        page,
        "verify",
        {"textarea[name=verification]": VERIFICATION, "input[name=promised_on]": str(promised)},
    )
    assert page.locator("#promised").inner_text().strip() == str(promised)
    assert page.locator("#due").inner_text().startswith(str(promised))
    step(page, "draft", {"textarea[name=reply]": REPLY})
    assert page.locator("#reply").inner_text() == REPLY
    step(page, "submit_reply")
    assert state(page) == "答复待审核"
    assert page.locator("#step-approve_reply").count() == 0  # four eyes: not his own
    editor.close()
    return promised


def approve_and_publish(chromium, site, number, check):
    """教育局's reviewer approves the reply and publishes the masked text."""
    reviewer = person(chromium, site).login("jyj_reviewer")
    page = open_letter(reviewer, "/jyj", number, check)
    assert state(page) == "答复待审核"
    step(page, "approve_reply")
    assert state(page) == "已答复"
    public_body = page.locator("#publish-body").input_value()
    public_reply = page.locator("#publish-reply").input_value()
    assert "13912345678" not in public_body and "13700001111" not in public_reply
    assert "护学岗" in public_reply
    check(page, "staff letter, answered (教育局)")
    step(page, "publish")
    assert state(page) == "已公开"
    reviewer.close()


def read_public(page, check, site_path, subject, number):
    """The site's public list has the letter; its page shows the reply and
    nothing of the writer."""
    page.goto(f"{site_path}/@@letters")
    check(page, f"public list {site_path or '/'}")
    page.get_by_role("link", name=subject).first.click()
    page.wait_for_url(f"**/@@letters/{number}")
    check(page, f"public letter {site_path or '/'}")
    assert page.locator("#letter-subject").inner_text() == subject
    assert "自下周一起在放学时段安排护学岗" in page.locator("#letter-reply").inner_text()
    assert "孩子过马路很危险" in page.locator("#letter-body").inner_text()
    content = page.content()
    for personal in (*WRITER.values(), "13912345678", "13700001111"):
        assert personal not in content, f"{personal} is public on {page.url}"


def on_hub_and_stats(page, check, site_path, subject):
    """The site's 互动交流 page lists the letter among 信件选登; the public
    statistics count it."""
    page.goto(f"{site_path}/@@interaction")
    assert page.locator("#hub-letters").get_by_role("link", name=subject).count() == 1
    check(page, f"互动交流 with the letter {site_path or '/'}")
    page.goto(f"{site_path}/@@letter-stats")
    assert page.locator(".stats-table").count() >= 1
    check(page, f"letter statistics {site_path or '/'}")


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=("1280", "320", "elder"))
def test_letter_tour(chromium, site, axe_source, look, width, elder):
    check = Checks(axe_source, look, width)
    staff_check = Checks(axe_source, "staff 1280") if look == "1280" else no_check
    subject = f"建议城南小学放学时段设置护学岗（{look}）"
    citizen = person(chromium, site, width=width, elder=elder)
    page = citizen.page
    number, code = write_letter(page, check, subject)
    status = track(page, check, number, code, "letter status, received")
    assert state(page) == "待受理"
    received = date.fromisoformat(re.search(r"收信日期\s*(\S+)", status).group(1))
    assert date.fromisoformat(page.locator("#due").inner_text()[:10]) > received
    if elder:
        assert page.evaluate("document.documentElement.classList.contains('mode-elder')")

    transfer(chromium, site, number, staff_check)
    promised = handle(chromium, site, number, staff_check)
    approve_and_publish(chromium, site, number, staff_check)

    status = track(page, check, number, code, "letter status, answered")
    assert state(page) == "已公开"
    assert page.locator("#letter-reply").inner_text() == REPLY  # his own: unmasked
    assert "教育局" in status
    answered = date.fromisoformat(re.search(r"答复日期\s*(\S+)", status).group(1))
    assert re.search(r"承诺办结日期\s*(\S+)", status).group(1) == str(promised)
    assert received <= answered <= promised  # within the rule
    steps = page.locator("#steps").inner_text()
    assert re.search("来信已收到.*已转办.*已受理.*已告知初步核实情况.*已答复.*已公开", steps, re.S)
    assert TRANSFER_REASON not in steps  # the staff's reason stays inside
    rating = page.locator("form.rating")
    rating.get_by_label("满意", exact=True).check()
    rating.get_by_label("意见和建议（选填）").fill("答复及时，措施具体，谢谢。")
    submit(page, "form.rating")
    assert page.locator("#rated").count() == 1
    assert page.locator("#satisfaction").inner_text() == "您的评价：满意"
    assert page.locator("form.rating").count() == 0
    check(page, "letter status, rated")

    read_public(page, check, "/jyj", subject, number)
    read_public(page, check, "", subject, number)
    on_hub_and_stats(page, check, "/jyj", subject)
    on_hub_and_stats(page, check, "", subject)
    citizen.close()
    check.assert_none()
    if staff_check is not no_check:
        staff_check.assert_none()
