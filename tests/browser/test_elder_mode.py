"""长者版: switched on from the header, it persists across pages with larger
text, line spacing >= 1.3x and contrast that axe accepts, opens no pop-up,
and is switched off again from the header."""

from .support import DOCUMENT, blocking, format_violations, run_axe

TEXT_METRICS_JS = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const luminance = c => {
    const [r, g, b] = rgb(c).slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (rgb(c).length < 4 || rgb(c)[3] > 0) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const probe = sel => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const s = getComputedStyle(el);
    const [a, b] = [luminance(s.color), luminance(background(el))];
    return {
      fontSize: parseFloat(s.fontSize),
      lineHeight: parseFloat(s.lineHeight),
      contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    };
  };
  return {
    elder: document.documentElement.classList.contains('mode-elder'),
    body: probe('body'),
    text: probe('main p, main li'),
    link: probe('main a'),
    nav: probe('.site-nav a'),
  };
}"""


def header_link(page, text):
    return page.get_by_role("navigation", name="主导航").get_by_role("link", name=text, exact=True)


def assert_elder(page, axe_source, standard=None):
    """长者版 is on: text >= 20px with line spacing >= 1.3x and contrast >= 7:1;
    larger and at least as contrasted as ``standard`` (the same page's
    metrics in the standard mode) when given; axe finds nothing serious."""
    metrics = page.evaluate(TEXT_METRICS_JS)
    assert metrics["elder"], page.url
    assert header_link(page, "标准版").is_visible()
    for part in ("body", "text", "link", "nav"):
        size, line, contrast = (metrics[part][k] for k in ("fontSize", "lineHeight", "contrast"))
        assert size >= 20 and line >= 1.3 * size, (page.url, part, size, line)
        assert contrast >= 7, (page.url, part, contrast)
        if standard is not None:
            assert size > standard[part]["fontSize"], (page.url, part, size)
            assert contrast >= standard[part]["contrast"], (page.url, part, contrast)
    violations = blocking(run_axe(page, axe_source))
    assert not violations, f"{page.url} (长者版):\n{format_violations(violations)}"


def test_elder_mode_switch_persists_and_switches_back(page, context, live_server, axe_source):
    popups = []
    dialogs = []
    context.on("page", lambda new_page: popups.append(new_page.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/jyj/")
    standard = page.evaluate(TEXT_METRICS_JS)
    assert not standard["elder"] and standard["body"]["fontSize"] == 16

    with page.expect_navigation():
        header_link(page, "长者版").click()
    assert page.url == live_server + "/jyj/"  # back where the visitor was
    assert_elder(page, axe_source, standard)

    # two more pages, reached by following links
    with page.expect_navigation():
        page.get_by_role("link", name="规范性文件", exact=True).first.click()
    assert page.url == live_server + "/jyj/gfxwj/"
    assert_elder(page, axe_source)
    with page.expect_navigation():
        page.locator("ul.items a").first.click()
    assert page.url == live_server + DOCUMENT
    assert_elder(page, axe_source)
    # and a page opened directly
    page.goto("/@@catalog")
    assert_elder(page, axe_source)

    with page.expect_navigation():
        header_link(page, "标准版").click()
    assert page.url == live_server + "/@@catalog"
    back = page.evaluate(TEXT_METRICS_JS)
    assert not back["elder"] and back["body"] == standard["body"]
    assert header_link(page, "长者版").is_visible()
    page.goto("/")
    assert not page.evaluate(TEXT_METRICS_JS)["elder"]

    assert popups == [] and dialogs == []


def test_elder_entry_on_the_portal_home_toggles(page):
    page.goto("/")
    entries = page.get_by_role("navigation", name="主要服务入口")
    with page.expect_navigation():
        entries.get_by_role("link", name="长者版").click()
    assert page.evaluate("document.documentElement.className") == "mode-elder"
    with page.expect_navigation():
        entries.get_by_role("link", name="标准版").click()
    assert page.evaluate("document.documentElement.className") == ""
