"""电子监察, 好差评 and 权力清单 pages in Chromium: no serious or critical
axe-core violation and no sideways scrolling, at 1280 and 320 px and in
长者版 (the supervision page, the public ratings, the department's
rectification page with an error tied to its field, the public power item
with its flow chart, the power list, the staff form and item page)."""

import re
import shutil
from datetime import date

import pytest

from govportal.services import clock, ratings
from govportal.workflow import facts, get_workflow

from ..browser.axe_pages import open_context, problems, sign_in
from ..browser.conftest import LiveServer
from ..conftest import close_app, make_settings, totp_code
from .supervision_support import add_supervisor, make_case, session

LOOKS = (("1280 px", 1280, False), ("320 px", 320, False), ("长者版", 1280, True))
TODAY = date(2026, 3, 10)
FLOW = tuple(
    {"title": t, "description": f"{t}的具体要求和时限说明，供申请人了解办理过程。", "role": r}
    for t, r in (("受理", "窗口受理人员"), ("审查", "承办股室"), ("决定", "局主要负责人"))
)


def _build(app):
    with session(app) as (root, request):
        registry = request.registry
        add_supervisor(root, request)
        make_case(root, request, "JY-1", accepted_on=date(2026, 3, 2))  # red
        make_case(root, request, "WJ-1", site="wjj", accepted_on=date(2026, 3, 6))  # yellow
        for n, level in ((2, 1), (3, 5)):
            case = make_case(
                root, request, f"JY-{n}", accepted_on=date(2026, 3, 2), concluded_on=TODAY
            )
            ratings.rate(request, case, level, "等候时间较长" if level == 1 else "")
        answered = make_case(
            root, request, "JY-4", accepted_on=date(2026, 3, 2), concluded_on=TODAY
        )
        ratings.rate(request, answered, 2)
        answered.rectification = dict(
            answered.rectification, answer="已增设午间服务窗口。", answered_on=TODAY
        )
        item = registry.content.create(
            "PowerItem",
            title="民办学校设立审批",
            power_type="licence",
            basis="《中华人民共和国民办教育促进法》第十二条",
            unit="营山县教育局（政策法规股）",
            flow=FLOW,
            accountability="1. 对符合条件的申请不予受理的；\n2. 超越法定职权作出准予许可决定的。",
            guide_names=("/jyj/bszn/jszgrd",),
        )
        root["jyj"]["qlqd"]["qlqd-a11y"] = item
        published = facts.public_states(registry, "PowerItem")[0]
        get_workflow(item, registry)._set_state(item, published, request)
        draft = registry.content.create("PowerItem", title="草稿事项", flow=FLOW)
        root["jyj"]["qlqd"]["qlqd-draft"] = draft


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    from govportal import main

    directory = tmp_path_factory.mktemp("supervision-a11y") / "site"
    shutil.copytree(site_template, directory)
    patch = pytest.MonkeyPatch()
    patch.setattr(clock, "today", lambda: TODAY)
    app = main({}, **make_settings(directory))
    _build(app)
    server = LiveServer(app).start()
    try:
        yield server.url, app
    finally:
        server.stop()
        close_app(app)
        patch.undo()


def signed_in(chromium, site, login, width, elder):
    base_url, app = site
    context = open_context(chromium, base_url, width, elder, timeout=45_000)
    page = context.new_page()
    if login is not None:
        sign_in(page, login)
        page.wait_for_load_state()
        if page.url.endswith("/@@login-totp"):  # the supervisor's second factor
            page.fill("input[name=code]", totp_code(app, login))
            page.press("input[name=code]", "Enter")
            page.wait_for_load_state()
        assert "@@login" not in page.url
    return context, page


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=[look for look, *_ in LOOKS])
def test_pages(chromium, site, axe_source, look, width, elder):
    found = []

    def visit(page, path, what):
        response = page.goto(site[0] + path)
        assert response.status == 200, f"{what}: {response.status}"
        found.extend(problems(page, f"{what} ({look})", width, axe_source))

    context, page = signed_in(chromium, site, "dzjc", width, elder)
    visit(page, "/@@supervision", "supervision")
    assert page.locator("#case-jyj-JY-1.level-red").count() == 1
    context.close()

    context, page = signed_in(chromium, site, None, width, elder)
    visit(page, "/@@ratings", "ratings")
    visit(page, "/jyj/qlqd/qlqd-a11y", "power item")
    assert page.locator("svg.flowchart[role=img]").count() == 1
    visit(page, "/jyj/@@power-list", "power list")
    context.close()

    context, page = signed_in(chromium, site, "jyj_editor", width, elder)
    visit(page, "/jyj/@@rectifications", "rectifications")
    # an empty answer: the error is tied to its field
    form = page.locator("#rect-JY-2 form.rx-answer")
    form.locator("textarea").evaluate("t => t.removeAttribute('required')")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("#answer-JY-2-error").count() == 1
    found.extend(problems(page, f"rectification error ({look})", width, axe_source))
    visit(page, "/jyj/qlqd/qlqd-draft/@@edit-power", "power form")
    visit(page, "/jyj/qlqd/qlqd-draft/@@ws-item", "power item page")
    assert re.search("发布前尚需填写", page.content())
    context.close()
    assert not found, "\n".join(found)
