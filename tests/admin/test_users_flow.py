"""In Chromium, in Chinese, end to end: the 系统管理员 creates a user of
教育局, the 安全管理员 gives her the editor role of the department, she
chooses her password through the one-time link and finds 教育局's columns
under 新建; then she locks herself out and the 安全管理员 unlocks her.
axe-core checks the administration pages on the way."""

import re
import shutil

import pytest

from govportal import main
from tests.conftest import PASSWORD, close_app, make_settings, totp_code

from .conftest import add_trio

pytest.importorskip("playwright")

from tests.browser.conftest import AXE_JS, LiveServer, new_context  # noqa: E402
from tests.browser.support import blocking, format_violations, run_axe  # noqa: E402

NEW_PASSWORD = "Jiaoyu-Bianji-2026!"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("admin-flow") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    add_trio(app)
    server = LiveServer(app).start()
    yield app, server.url
    server.stop()
    close_app(app)


class Person:
    """One person's browser; fails on script errors and on axe findings."""

    def __init__(self, chromium, app, base_url):
        self.app = app
        self.context = new_context(chromium, base_url)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def sign_in(self, login, password=PASSWORD):
        page = self.page
        page.goto("/@@login")
        page.locator("#acc-login").fill(login)
        page.locator("#acc-password").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        if "/@@login-totp" in page.url:
            page.locator("#acc-code").fill(totp_code(self.app, login))
            page.get_by_role("button", name="验证并登录").click()
            page.wait_for_load_state()

    def accessible(self, what):
        violations = blocking(run_axe(self.page, AXE_JS.read_text(encoding="utf-8")))
        assert not violations, f"{what}:\n{format_violations(violations)}"

    def close(self):
        self.context.close()
        assert self.errors == [], f"script errors: {self.errors}"


def test_new_editor_of_a_department(chromium, site):
    app, url = site
    # 系统管理员: 管理 → 用户 → 新建用户
    admin = Person(chromium, app, url)
    admin.sign_in("sysadmin")
    page = admin.page
    page.goto("/@@workspace")
    page.get_by_role("link", name="管理", exact=True).click()
    page.get_by_role("link", name="用户", exact=True).click()
    admin.accessible("用户列表")
    page.get_by_role("link", name="新建用户").click()
    page.get_by_label("登录名").fill("wang.fang")
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("部门").select_option(label="营山县教育局")
    page.get_by_label("职务").fill("科员")
    page.get_by_label("联系电话").fill("0817-8201234")
    page.get_by_label("电子邮箱").fill("wangfang@example.gov.cn")
    page.get_by_role("button", name="创建用户").click()
    page.wait_for_load_state()
    assert "已创建用户“wang.fang”" in page.locator("h1").inner_text()
    admin.accessible("设置密码的链接")
    link = page.locator("#reset-url").input_value()
    assert link.startswith("https://www.yingshan.gov.cn/@@reset-password?token=")
    admin.close()

    # 安全管理员: 管理 → 角色 → wang.fang → 营山县教育局 的 编辑
    security = Person(chromium, app, url)
    security.sign_in("secadmin")
    page = security.page
    page.goto("/@@admin")
    page.get_by_role("link", name="角色", exact=True).click()
    page.get_by_label("登录名、姓名或部门").fill("王芳")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="wang.fang").click()
    security.accessible("用户的角色")
    page.get_by_label("位置（门户、部门或栏目）").select_option(label="营山县教育局")
    page.get_by_label("角色", exact=True).select_option(label="编辑")
    page.get_by_role("button", name="授予", exact=True).click()
    page.wait_for_load_state()
    assert "已授予“wang.fang”在营山县教育局的编辑角色" in page.locator(".ws-flash").inner_text()

    # 王芳 chooses her password through the link and finds 新建 in 教育局
    wang = Person(chromium, app, url)
    page = wang.page
    page.goto(link.replace("https://www.yingshan.gov.cn", url))
    page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次输入新密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_load_state()
    wang.sign_in("wang.fang", NEW_PASSWORD)
    page.goto("/@@workspace")
    assert "规范性文件" in page.get_by_label("选择栏目").inner_text()

    # she mistypes her password until the account locks …
    stranger = Person(chromium, app, url)
    for _ in range(5):
        stranger.sign_in("wang.fang", "wrong-password")
    stranger.close()
    # … and the 安全管理员 unlocks it
    page = security.page
    page.goto("/@@admin-security")
    security.accessible("账号安全")
    page.locator("#h-locked").locator("xpath=..").get_by_role("link", name="wang.fang").click()
    assert re.search("锁定至", page.locator("main").inner_text())
    security.accessible("账号的安全状态")
    page.get_by_role("button", name="解锁账号").click()
    page.wait_for_load_state()
    assert "已解锁账号“wang.fang”" in page.locator(".ws-flash").inner_text()
    security.close()
    again = Person(chromium, app, url)
    again.sign_in("wang.fang", NEW_PASSWORD)
    again.page.goto("/@@workspace")
    assert "规范性文件" in again.page.get_by_label("选择栏目").inner_text()
    again.close()
    wang.close()
