"""Page types and in-page checks shared by the browser tests."""

from urllib.parse import quote

#: Public paths of the content the browser tests build (see conftest.py).
COLUMN = "/tzgg/"
DOCUMENT_COLUMN = "/jyj/gfxwj/"
DOCUMENT_NAME = "enrolment-2026"
DOCUMENT = f"{DOCUMENT_COLUMN}{DOCUMENT_NAME}/"
EXTERNAL_URL = "https://www.example.com/policy?id=1&lang=zh"

#: Every public page type: name -> path.
PAGES = {
    "portal": "/",
    "department": "/jyj/",
    "column": COLUMN,
    "column-page-2": COLUMN + "?page=2",
    "document": DOCUMENT,
    "print": DOCUMENT + "print",
    "catalog": "/@@catalog",
    "department-catalog": "/jyj/@@catalog",
    "sitemap": "/@@sitemap",
    "help": "/@@help",
    "about": "/@@about",
    "accessibility": "/@@accessibility",
    "leave": "/@@leave?url=" + quote(EXTERNAL_URL, safe=""),
    "notfound": "/no-such-page/",
    "search": "/search?q=" + quote("招生入学"),
    "search-no-results": "/search?q=" + quote("火星探测器发射"),
}
#: Page types that may answer 404 (the search pages only while /search is not
#: part of the application).
NOT_FOUND_OK = {"notfound"}

MODES = ("standard", "elder")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def open_page(page, name):
    """Go to the page type ``name``; assert it answers as expected."""
    response = page.goto(PAGES[name])
    expected = (404,) if name in NOT_FOUND_OK else (200,)
    assert response is not None and response.status in expected, (
        name,
        response and response.status,
    )
    return response


def set_mode(context, base_url, mode):
    """Put the context in ``mode`` the way /@@mode does: the gp_mode cookie."""
    context.clear_cookies()
    if mode == "elder":
        context.add_cookies([{"name": "gp_mode", "value": "elder", "url": base_url + "/"}])


def run_axe(page, axe_source):
    """axe-core's WCAG 2.1 A/AA violations on the current page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol (as an expression, not with
        # eval in the page): an inline <script> tag would be refused by the
        # pages' Content-Security-Policy.
        page.evaluate(axe_source)
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        WCAG_TAGS,
    )
    return result["violations"]


def blocking(violations):
    return [v for v in violations if v.get("impact") in BLOCKING]


def format_violations(violations):
    """axe violations as readable text: rule, impact, help, each node and why."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}\n        {node['html'][:160]}\n        {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


#: In-page: the tabbable elements that are rendered, in DOM order.
TABBABLES_JS = """() => {
  const sel = 'a[href], area[href], button:not([disabled]),'
    + ' input:not([disabled]):not([type=hidden]), select:not([disabled]),'
    + ' textarea:not([disabled]), summary, iframe,'
    + ' [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  return Array.from(document.querySelectorAll(sel)).filter(el => {
    if (el.tabIndex < 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    return el.getClientRects().length > 0;
  });
}"""

#: In-page: the focus-indicator style of an element.
FOCUS_STYLE_JS = """el => {
  const s = getComputedStyle(el);
  const visibleOutline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1
    && !/rgba\\(.*, 0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent';
  return {
    outline: visibleOutline ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
    boxShadow: s.boxShadow,
    background: s.backgroundColor,
  };
}"""

#: In-page: focus every tabbable element in turn and describe those whose
#: focused style shows neither an outline nor a box-shadow that the unfocused
#: element lacks.  (Run after a Tab key press, so that script focus counts as
#: keyboard focus for :focus-visible.)
MISSING_FOCUS_INDICATORS_JS = (
    """() => {
  const tabbables = ("""
    + TABBABLES_JS
    + """)();
  const styleOf = ("""
    + FOCUS_STYLE_JS
    + """);
  const missing = [];
  for (const el of tabbables) {
    el.blur();
    const before = styleOf(el);
    el.focus({preventScroll: true});
    if (document.activeElement !== el) {
      missing.push('not focusable: ' + el.outerHTML.slice(0, 120));
      continue;
    }
    const after = styleOf(el);
    const outline = after.outline !== 'none' && after.outline !== before.outline;
    const shadow = after.boxShadow !== 'none' && after.boxShadow !== before.boxShadow;
    if (!outline && !shadow) missing.push(el.outerHTML.slice(0, 120));
  }
  return {count: tabbables.length, missing};
}"""
)

#: In-page: elements whose content is cut off sideways (overflow hidden/clip
#: with more content than room), ignoring the 1px visually-hidden pattern.
CLIPPED_JS = """() => Array.from(document.body.querySelectorAll('*')).filter(el => {
  const s = getComputedStyle(el);
  if (!['hidden', 'clip'].includes(s.overflowX)) return false;
  if (el.clientWidth <= 1 || el.clientHeight <= 1) return false;
  return el.scrollWidth > el.clientWidth + 1;
}).map(el => el.outerHTML.slice(0, 120))"""

#: In-page: text elements of the page that stick out past the right edge.
OFF_SCREEN_JS = """width => Array.from(
  document.querySelectorAll('header, nav, main, footer, main *, footer *, header *')
).filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1 && r.right > width + 1 && el.textContent.trim();
}).map(el => el.outerHTML.slice(0, 120))"""
