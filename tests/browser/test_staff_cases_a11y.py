"""The staff case pages in Chromium: the lead's queue and case page (with
its step forms, and with an error tied to its field), the co-handling inbox
and task page, and the certificate check — no serious or critical axe-core
violation and no sideways scrolling, at 1280 and 320 px and in 长者版."""

import re
import shutil

import pytest

from ..conftest import close_app, make_settings
from ..services.staff_helpers import case_url, file_case
from .axe_pages import open_context, problems, sign_in
from .conftest import LiveServer, new_context

LOOKS = (("1280 px", 1280, False), ("320 px", 320, False), ("长者版", 1280, True))


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("staff-cases") / "site"
    shutil.copytree(site_template, directory)
    app = main_app(directory)
    numbers = [file_case(app) for _ in LOOKS]  # one case per look
    server = LiveServer(app).start()
    try:
        yield server.url, numbers
    finally:
        server.stop()
        close_app(app)


def main_app(directory):
    from govportal import main

    return main({}, **make_settings(directory))


def signed_in(chromium, base_url, login, width, elder):
    # a loaded shared machine
    context = open_context(chromium, base_url, width, elder, timeout=45_000)
    page = context.new_page()
    sign_in(page, login)
    page.wait_for_url(re.compile(r".*/@@workspace$"))
    return context, page


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=[look for look, *_ in LOOKS])
def test_staff_case_pages(chromium, site, axe_source, look, width, elder):
    def check(what):
        return problems(page, f"{what} ({look})", width, axe_source)

    base_url, numbers = site
    number = numbers[[entry[0] for entry in LOOKS].index(look)]
    found = []
    context, page = signed_in(chromium, base_url, "zwfwj_editor", width, elder)
    page.goto("/zwfwj/@@cases")
    found += check("queue")
    page.goto(case_url("zwfwj", number))
    found += check("case page")
    # a refused step: the error is tied to the form's fields
    form = page.locator("#step-refuse_intake")
    form.locator("textarea").evaluate("t => t.removeAttribute('required')")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("#errors-refuse_intake").count() == 1
    assert form.locator("textarea").get_attribute("aria-describedby") == "errors-refuse_intake"
    found += check("case page with an error")
    if look == "1280 px" or elder:
        with page.expect_navigation():
            page.locator("#step-accept button[type=submit]").click()
        with page.expect_navigation():
            page.locator("#step-send_co_handling button[type=submit]").click()
        found += check("case page in co-handling")
    context.close()
    if look == "1280 px" or elder:
        context, page = signed_in(chromium, base_url, "rsj_editor", width, elder)
        page.goto("/rsj/@@tasks")
        found += check("inbox")
        page.get_by_role("link", name=number).first.click()
        page.wait_for_load_state()
        found += check("task page")
        context.close()
    context = new_context(chromium, base_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/@@verify-certificate?code=ABCD-EFGH")
    found += check("certificate check")
    context.close()
    assert not found, "\n\n".join(found)
