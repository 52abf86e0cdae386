"""办事服务 in Chromium, end to end: a citizen applies online, a second
department signs off, the citizen sees the result and rates it.

A citizen finds 企业开办“一件事” from the portal's 办事服务 entry, opens the
guide and applies online (applicant block, the guide's fields, two PDF
materials), gets a 办件编号 and a query code, and tracks the case without an
account.  The lead department (政务服务局) accepts it and sends it to its
co-handling departments (并联审批); 人社局 and 卫生健康局 each sign their own
task from their inbox; the lead concludes it with a certificate.  The citizen
looks the case up again, sees the result and the certificate, and rates the
service.  axe-core finds no serious or critical violation on any public
page of the way (hall, guide, form, acknowledgement, tracking form, case
status), at 1280 and 320 px wide and in 长者版.

The site is a fresh copy of the small demo (which publishes the online
guide) served for this module only.
"""

import re

import pytest

from ..conftest import PASSWORD
from ..http.helpers import PDF_BYTES
from .conftest import new_context, serve_copy
from .support import blocking, format_violations, run_axe, scroll_width

GUIDE_TITLE = "企业开办“一件事”"
GUIDE = "/zwfwj/bszn/qykb/"
COMPANY = "营山县明华商贸有限公司"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "services")


class Person:
    """One person's browser (context and page), failing on script errors."""

    def __init__(self, chromium, base_url, width=1280, elder=False):
        self.base_url = base_url
        self.context = new_context(chromium, base_url, viewport={"width": width, "height": 900})
        self.context.set_default_timeout(15_000)
        if elder:
            self.context.add_cookies([{"name": "gp_mode", "value": "elder", "url": base_url + "/"}])
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def login(self, login):
        page = self.page
        page.goto("/@@workspace")  # anonymous: sent to the login form
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", PASSWORD)
        page.click("input[name='form.submitted']")
        page.wait_for_url(re.compile(r".*/@@workspace$"))
        return self

    def close(self):
        self.context.close()
        assert self.errors == [], f"script errors: {self.errors}"


class Checks:
    """axe-core and reflow checks of public pages; what they find is kept
    and asserted at the end of a test, so that one run reports every page."""

    def __init__(self, axe_source, look="1280", width=1280):
        self.axe_source, self.look, self.width = axe_source, look, width
        self.problems = []

    def __call__(self, page, what):
        what = f"{what} ({self.look})"
        violations = blocking(run_axe(page, self.axe_source))
        if violations:
            self.problems.append(f"{what} {page.url}:\n{format_violations(violations)}")
        wide = scroll_width(page)
        if wide > self.width:
            self.problems.append(f"{what} {page.url}: {wide} px wide in a {self.width} px window")

    def assert_none(self):
        assert not self.problems, "\n\n".join(self.problems)


def submit_form(page, selector):
    with page.expect_navigation():
        page.locator(selector).locator("button[type=submit]").first.click()


def apply_online(page, check):
    """From the portal to the acknowledgement; returns (number, code)."""
    page.goto("/")
    page.get_by_role("link", name="办事服务").first.click()
    page.wait_for_load_state()
    check(page, "service hall")
    page.get_by_role("link", name=GUIDE_TITLE).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(GUIDE)
    check(page, "guide page")
    page.locator("#online-entry").get_by_role("link", name="在线申请").click()
    page.wait_for_load_state()
    check(page, "apply form")
    form = page.locator("form.service-apply")
    form.get_by_label("个人", exact=True).check()
    form.get_by_label("姓名").fill("张明华")
    form.get_by_label("身份证号码").fill("11010519491231002X")
    form.get_by_label("手机号码").fill("13800138000")
    form.get_by_label("拟设企业名称").fill(COMPANY)
    form.get_by_label("有限责任公司").check()
    form.get_by_label("经营场所地址").fill("四川省南充市营山县城南街道人和路1号")
    form.get_by_label("经营范围").fill("日用百货、文具用品零售。")
    form.get_by_label("员工参保登记").check()
    form.get_by_label("公共场所卫生许可").check()
    pdf = {"mimeType": "application/pdf", "buffer": PDF_BYTES}
    form.locator("input[name=identity]").set_input_files({"name": "identity.pdf", **pdf})
    form.locator("input[name=premises_proof]").set_input_files({"name": "lease.pdf", **pdf})
    with page.expect_navigation():
        form.get_by_role("button", name="提交申请").click()
    number = page.locator("#case-number").inner_text().strip()
    code = page.locator("#tracking-code").inner_text().strip()
    assert number and code
    check(page, "acknowledgement")
    return number, code


def track(page, check, number, code):
    """Look the case up with its code; the status page is shown."""
    page.goto("/@@case-track")
    check(page, "tracking form")
    page.get_by_label("办件编号（选填）").fill(number)
    page.get_by_label("查询码").fill(code)
    with page.expect_navigation():
        page.locator("form.track-form").get_by_role("button", name="查询").click()
    assert number in page.content()
    check(page, "case status")
    return page


def open_case(person, listing, number):
    page = person.page
    page.goto(listing)
    page.get_by_role("link", name=number).first.click()
    page.wait_for_load_state()
    return page


def test_apply_track_co_sign_conclude_and_rate(chromium, site, axe_source):
    check = Checks(axe_source)
    citizen = Person(chromium, site)
    page = citizen.page
    number, code = apply_online(page, check)
    track(page, check, number, code)
    assert "待预审" in page.content()

    lead = Person(chromium, site).login("zwfwj_editor")
    case = open_case(lead, "/zwfwj/@@cases", number)
    assert COMPANY in case.content()
    submit_form(case, "#step-accept")
    assert "办理中" in case.content()
    submit_form(case, "#step-send_co_handling")
    assert "并联审批中" in case.content()

    for department in ("rsj", "wjj"):
        staff = Person(chromium, site).login(f"{department}_editor")
        task = open_case(staff, f"/{department}/@@tasks", number)
        task.locator("#step-sign textarea").fill("同意。")
        submit_form(task, "#step-sign")
        staff.close()

    case.reload()
    assert "办理中" in case.content()
    case.locator("#step-conclude textarea[name=result_text]").fill(
        "准予办理：营业执照已核发，员工参保登记和公共场所卫生许可已同步办结。"
    )
    submit_form(case, "#step-conclude")
    assert "已办结" in case.content()
    lead.close()

    track(page, check, number, code)
    content = page.content()
    assert "已办结" in content and "营业执照已核发" in content
    assert page.locator("form[action$='/certificate']").count() == 1
    rating = page.locator("#rate")
    rating.get_by_label("非常满意").check()
    rating.locator("textarea[name=comment]").fill("一次办好，不用跑腿。")
    with page.expect_navigation():
        rating.get_by_role("button").first.click()
    assert "非常满意" in page.content() and page.locator("#rate form").count() == 0
    check(page, "case status after rating")
    citizen.close()
    check.assert_none()


def test_public_pages_in_elder_mode(chromium, site, axe_source):
    check = Checks(axe_source, "长者版")
    citizen = Person(chromium, site, elder=True)
    number, code = apply_online(citizen.page, check)
    track(citizen.page, check, number, code)
    assert citizen.page.evaluate("document.documentElement.classList.contains('mode-elder')")
    citizen.close()
    check.assert_none()


def test_public_pages_at_320_px(chromium, site, axe_source):
    check = Checks(axe_source, "320 px", 320)
    citizen = Person(chromium, site, width=320)
    number, code = apply_online(citizen.page, check)
    track(citizen.page, check, number, code)
    citizen.close()
    check.assert_none()
