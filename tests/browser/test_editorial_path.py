"""The editorial path in Chromium, end to end, through the workspace.

An editor signs in, writes a document with an attachment, previews and
submits it; the reviewer finds it in 待我审核, looks at the changes and sends
it back with a comment; the editor fixes and resubmits; the reviewer
approves and a visitor reads it.  The editor then changes the published
item: the public page stays as it was until the reviewer approves the
working copy, then shows the change.  axe-core checks the workspace pages on
the way (no serious or critical violation).

The site is a fresh copy of the demo site served for this module only, so
the other browser tests never see these documents.
"""

import re

import pytest

from ..conftest import PASSWORD
from ..http.helpers import PDF_BYTES
from .conftest import new_context, serve_copy
from .support import blocking, format_violations, run_axe

TITLE = "关于做好2026年秋季学期开学工作的通知"
FIRST_BODY = "<p>各中小学校：秋季学期将于9月1日开学，请做好准备。</p>"
FIXED_BODY = (
    "<p>各中小学校：秋季学期将于9月1日开学，请做好准备。</p><p>咨询电话：0817-8200000。</p>"
)
CHANGED_BODY = "<p>各中小学校：秋季学期开学日期调整为9月2日。</p><p>咨询电话：0817-8200000。</p>"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "editorial")


class Session:
    """One person's browser (context and page), failing on script errors."""

    def __init__(self, chromium, base_url, login=None, phone=False):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = new_context(chromium, base_url, viewport=viewport)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        if login is not None:
            self.login(login)

    def login(self, login):
        page = self.page
        page.goto("/@@workspace")  # anonymous: sent to the login form
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", PASSWORD)
        page.click("input[name='form.submitted']")
        page.wait_for_url(re.compile(r".*/@@workspace$"))  # back where the user was going

    def close(self):
        self.context.close()
        assert self.errors == [], f"script errors: {self.errors}"


def assert_accessible(page, axe_source, what):
    violations = blocking(run_axe(page, axe_source))
    assert not violations, f"{what}:\n{format_violations(violations)}"


EDITOR_READY = "() => window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized"


def set_body(page, html):
    page.wait_for_function(EDITOR_READY)
    page.evaluate("html => tinymce.activeEditor.setContent(html)", html)


def press(page, label):
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def public_text(chromium, base_url, path):
    visitor = Session(chromium, base_url)
    try:
        response = visitor.page.goto(path)
        assert response.status == 200
        return visitor.page.locator("main").inner_text()
    finally:
        visitor.close()


def test_editorial_path(chromium, site, axe_source):
    editor = Session(chromium, site, "jyj_editor")
    reviewer = Session(chromium, site, "jyj_reviewer")
    try:
        _write_and_submit(editor.page, axe_source)
        path = editor.page.url.split(site, 1)[1].replace("@@ws-item", "")

        _review_and_reject(reviewer.page, axe_source)

        page = editor.page
        page.goto(path + "@@ws-item")
        assert "请补充咨询电话" in page.locator("main").inner_text()
        page.get_by_role("link", name="修改稿件").click()
        set_body(page, FIXED_BODY)
        press(page, "保存")
        assert "修改已保存" in page.locator(".ws-flash").inner_text()
        press(page, "送审")

        page = reviewer.page
        page.goto("/@@workspace")
        page.locator("#ws-review-table").get_by_role("link", name=TITLE).click()
        press(page, "审核通过并发布")
        assert "已发布" in page.locator(".ws-where").first.inner_text()

        text = public_text(chromium, site, path)
        assert TITLE in text and "0817-8200000" in text and "开学工作安排" in text

        # the published item is changed through a working copy
        page = editor.page
        page.goto(path + "@@ws-item")
        press(page, "修改已发布的稿件")
        page.wait_for_url(re.compile(r".*/@@ws-edit$"))
        set_body(page, CHANGED_BODY)
        press(page, "保存")
        assert "工作副本" in page.locator("main").inner_text()
        press(page, "送审")
        assert "9月2日" not in public_text(chromium, site, path)

        page = reviewer.page
        page.goto("/@@workspace")
        row = page.locator("#ws-review-table tr", has_text=TITLE)
        assert "工作副本" in row.inner_text()
        row.get_by_role("link", name=TITLE).click()
        page.get_by_role("link", name="对比修改").click()
        diff = page.locator(".ws-diff")
        inserted = "".join(diff.locator("ins").all_inner_texts())  # the change, marked
        assert "调整为" in inserted and "2" in inserted
        assert "1" in "".join(diff.locator("del").all_inner_texts())
        assert_accessible(page, axe_source, "working-copy diff")
        page.go_back()
        press(page, "审核通过，替换线上版本")

        text = public_text(chromium, site, path)
        assert "9月2日" in text and "9月1日" not in text
    finally:
        editor.close()
        reviewer.close()


def _write_and_submit(page, axe_source):
    assert_accessible(page, axe_source, "editor's workspace")
    page.select_option("#ws-new-column", label="工作动态")
    press(page, "新建")
    page.wait_for_url(re.compile(r".*/jyj/gzdt/@@ws-add$"))
    page.wait_for_function(EDITOR_READY)
    assert_accessible(page, axe_source, "add form")
    page.get_by_label("标题", exact=True).fill(TITLE)
    set_body(page, FIRST_BODY)
    page.set_input_files(
        "input[name=upload]",
        files=[{"name": "开学工作安排.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    with page.expect_popup() as popup_info:  # the form's preview, before saving
        page.get_by_role("button", name="预览（新窗口）").click()
    preview = popup_info.value
    preview.wait_for_load_state()
    assert "预览" in preview.get_by_role("status").inner_text()
    assert preview.locator("h1").inner_text() == TITLE
    assert "请做好准备" in preview.locator("article").inner_text()
    preview.close()
    press(page, "保存")
    page.wait_for_url(re.compile(r".*/@@ws-item$"))
    assert "稿件已保存为草稿" in page.locator(".ws-flash").inner_text()
    assert (
        "开学工作安排.pdf" in page.locator("main").inner_text()
        or page.get_by_role("link", name="开学工作安排.pdf").count()
    )
    assert_accessible(page, axe_source, "item page")

    with page.expect_popup() as popup_info:
        page.get_by_role("link", name="预览（新窗口）").click()
    preview = popup_info.value
    preview.wait_for_load_state()
    assert "预览" in preview.get_by_role("status").inner_text()
    assert preview.locator("h1").inner_text() == TITLE
    assert "开学工作安排" in preview.locator(".attachments").inner_text()
    preview.close()

    press(page, "送审")
    assert "当前状态：待审核" in page.locator(".ws-flash").inner_text()


def _review_and_reject(page, axe_source):
    page.goto("/@@workspace")
    queue = page.locator("#ws-review-table")
    assert TITLE in queue.inner_text()
    assert_accessible(page, axe_source, "reviewer's workspace")
    queue.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="对比修改").click()
    assert page.locator("h1").inner_text().startswith("对比修改")
    page.go_back()
    press(page, "退回修改")  # without the required comment: refused
    assert "必须填写意见" in page.locator(".ws-errors").inner_text()
    page.get_by_label(re.compile("^意见")).fill("请补充咨询电话。")
    press(page, "退回修改")
    assert "当前状态：草稿" in page.locator(".ws-flash").inner_text()


def test_workspace_on_a_phone(chromium, site, axe_source):
    editor = Session(chromium, site, "jyj_editor", phone=True)
    try:
        page = editor.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible(page, axe_source, "workspace at 390px")
        page.goto("/@@ws-notifications")
        assert_accessible(page, axe_source, "notification settings at 390px")
        page.goto("/jyj/gzdt/@@ws-add")
        page.wait_for_function(EDITOR_READY)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible(page, axe_source, "add form at 390px")
    finally:
        editor.close()
