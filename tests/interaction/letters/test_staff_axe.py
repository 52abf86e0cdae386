"""axe-core (WCAG 2.1 A/AA) on the staff's letter pages: the queue, a letter
with its step forms, a refused step with its error tied to the form, the
sent list and the workspace's 来信办理 section — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.axe_pages import open_context, problems, sign_in
from tests.browser.conftest import serve_copy

LOOKS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "letters-staff-axe")


def signed_in(chromium, base_url, login, width, elder):
    context = open_context(chromium, base_url, width, elder, timeout=45_000)
    page = context.new_page()
    sign_in(page, login)
    page.wait_for_load_state()
    assert "@@login" not in page.url
    return context, page


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=[look for look, *_ in LOOKS])
def test_staff_pages(chromium, site, axe_source, look, width, elder):
    found = []

    def visit(path, what, status=200):
        response = page.goto(path)
        assert response.status == status, f"{what}: {response.status}"
        found.extend(problems(page, f"{what} ({look})", width, axe_source))

    context, page = signed_in(chromium, site, "jyj_reviewer", width, elder)
    try:
        visit("/@@workspace", "workspace")
        assert page.locator("#ws-letters").count() == 1
        visit("/jyj/@@letters-admin", "queue")
        visit("/jyj/@@letters-admin?level=open&channel=complaint", "queue filtered")
        # the demo's 教育局 complaint waits for review: approve or return
        link = page.locator("#letters tbody a").first
        visit(link.get_attribute("href"), "letter")
        form = page.locator("#step-return_reply")
        assert form.count() == 1
        form.locator("textarea").evaluate("t => t.removeAttribute('required')")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        assert page.locator("#errors-return_reply[role=alert]").count() == 1
        found.extend(problems(page, f"refused step ({look})", width, axe_source))
        visit("/jyj/@@letters-sent", "sent")
    finally:
        context.close()
    assert not found, "\n".join(found)
