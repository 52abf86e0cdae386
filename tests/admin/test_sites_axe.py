"""axe-core on the sites, columns and settings pages of 管理 (Chromium), at
desktop and phone width, and the flows in Chinese: create a department,
edit the taxonomy, a column's settings, the emblem and 索引号设置."""

import re
import shutil

import pytest

from govportal import main
from tests.browser.axe_pages import signed_in_context
from tests.browser.conftest import LiveServer
from tests.browser.support import blocking, format_violations, run_axe
from tests.conftest import close_app, make_settings

from .test_settings_more import PNG

PAGES = (
    "/@@admin-sites",
    "/@@admin-site-add",
    "/@@admin-settings",
    "/jyj/@@admin-settings",
    "/jyj/@@admin-column-add",
    "/zcwj/@@admin-column-edit",
    "/jyj/gzdt/@@admin-column-edit",
    "/@@admin-logo",
    "/@@admin-indexnumber",
    "/@@admin-topics",
    "/@@admin-words",
    "/@@admin-calendar",
    "/jyj/@@annual-report",
    "/jyj/@@timeliness",
)


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("admin-sites") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    server = LiveServer(app).start()
    yield app, server.url
    server.stop()
    close_app(app)


def signed_in(chromium, site, login="admin", phone=False):  # noqa: F811
    app, url = site
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    return signed_in_context(chromium, app, url, login, viewport)


@pytest.mark.parametrize("phone", [False, True])
def test_pages_have_no_serious_or_critical_violations(chromium, site, axe_source, phone):  # noqa: F811
    context, page = signed_in(chromium, site, phone=phone)
    try:
        for path in PAGES:
            response = page.goto(path)
            assert response.status == 200, path
            violations = blocking(run_axe(page, axe_source))
            assert not violations, f"{path}:\n{format_violations(violations)}"
            if phone:  # no horizontal scrolling at phone width
                assert page.evaluate(
                    "document.documentElement.scrollWidth <= window.innerWidth + 1"
                ), path
    finally:
        context.close()


def test_create_a_department_in_chinese(chromium, site, axe_source):  # noqa: F811
    context, page = signed_in(chromium, site)
    try:
        page.goto("/@@admin-sites")
        page.get_by_role("link", name="新建部门子网站").click()
        page.get_by_label("网址名称（如 jyj）").fill("sjj")
        page.get_by_label("部门名称").fill("营山县审计局")
        page.get_by_label("简称").fill("审计局")
        page.get_by_label("联系电话").fill("0817-8200001")
        page.get_by_role("button", name="创建").click()
        page.wait_for_url(re.compile(r".*/@@admin-sites#site-sjj$"))
        assert "已创建部门子网站“营山县审计局”" in page.inner_text("main")
        section = page.locator("#site-sjj")
        assert "机构职能" in section.inner_text() and "依申请公开" in section.inner_text()
        violations = blocking(run_axe(page, axe_source))
        assert not violations, format_violations(violations)
        page.goto("/sjj/")
        assert "0817-8200001" in page.inner_text("main")
    finally:
        context.close()


def test_edit_the_taxonomy_in_chinese(chromium, site, axe_source):  # noqa: F811
    context, page = signed_in(chromium, site)
    try:
        page.goto("/@@admin-sites")
        page.get_by_role("link", name="主题分类").click()
        field = page.get_by_label("部门网站主题分类（第十四条）")
        field.fill(field.input_value() + "\n教育督导 | 督导检查与评估")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r".*/@@admin-topics$"))
        assert "主题分类已保存" in page.inner_text("main")
        assert (
            "教育督导 | 督导检查与评估"
            in page.get_by_label("部门网站主题分类（第十四条）").input_value()
        )
        violations = blocking(run_axe(page, axe_source))
        assert not violations, format_violations(violations)
        # an empty list is refused with a Chinese message, next to the field
        page.get_by_label("门户网站主题分类（第十三条）").fill("")
        page.get_by_role("button", name="保存").click()
        assert "不能为空" in page.inner_text("main")
        violations = blocking(run_axe(page, axe_source))
        assert not violations, format_violations(violations)
    finally:
        context.close()


def test_column_settings_emblem_and_index_numbers_in_chinese(chromium, site, axe_source, tmp_path):  # noqa: F811
    context, page = signed_in(chromium, site)

    def axe_clean():
        violations = blocking(run_axe(page, axe_source))
        assert not violations, f"{page.url}:\n{format_violations(violations)}"

    try:
        # 栏目设置, from the column's row of 站点与栏目
        page.goto("/@@admin-sites")
        # the portal's section comes first (departments have a 通知公告 too)
        page.get_by_role("link", name=re.compile(r"^栏目设置\s*：通知公告$")).first.click()
        page.wait_for_url(re.compile(r".*/tzgg/@@admin-column-edit$"))
        page.get_by_label("栏目说明").fill("县政府发布的各类通知和公告")
        page.get_by_label("栏目名称").fill("长" * 61)  # over the sheet's limit of 60
        page.get_by_role("button", name="保存").click()
        page.wait_for_load_state()
        assert "提交的内容有误" in page.inner_text("main")
        message = page.locator(".invalid-feedback").first.inner_text()
        assert "60" in message and re.search(r"[\u4e00-\u9fff]", message), message  # Chinese
        axe_clean()
        page.get_by_label("栏目名称").fill("通知公示")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r".*/@@admin-sites#site-portal$"))
        assert "栏目“通知公示”的设置已保存" in page.inner_text("main")
        # 网站标志, from 站点设置: a file that is not an image is refused, then an image
        page.goto("/@@admin-settings")
        page.get_by_role("link", name="网站标志").click()
        page.wait_for_url(re.compile(r".*/@@admin-logo$"))
        bad = tmp_path / "logo.pdf"
        bad.write_bytes(b"%PDF-1.4 x")
        page.get_by_label("标志图片").set_input_files(str(bad))
        page.get_by_role("button", name="上传").click()
        assert "不支持该文件类型" in page.inner_text("main")
        axe_clean()
        good = tmp_path / "logo.png"
        good.write_bytes(PNG)
        page.get_by_label("标志图片").set_input_files(str(good))
        page.get_by_role("button", name="上传").click()
        page.wait_for_url(re.compile(r".*/@@admin-logo$"))
        assert "网站标志已更新" in page.inner_text("main")
        assert "已上传：logo.png" in page.inner_text("main")
        axe_clean()
        page.goto("/")
        assert page.locator("header.site-header img").first.evaluate("i => i.naturalWidth") == 2
        # 索引号设置
        page.goto("/@@admin-settings")
        page.get_by_role("link", name="索引号设置").click()
        field = page.get_by_label("索引号格式")
        field.fill("{organ_code}/{year}")
        page.get_by_role("button", name="保存").click()
        assert "必须包含且只包含一个 {seq}" in page.inner_text("main")
        axe_clean()
        page.get_by_label("索引号格式").fill("{organ_code}-{year}-{seq:04d}")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r".*/@@admin-indexnumber$"))
        assert "索引号设置已保存" in page.inner_text("main")
    finally:
        context.close()
