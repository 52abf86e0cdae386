"""No page of ours carries script the Content-Security-Policy would refuse:
no inline ``<script>`` (only ``src`` from our own origin), no ``on…=``
handler attributes, no ``javascript:`` URLs.  (The SDI under /manage is
Substance D's and has a relaxed policy of its own.)"""

import re

import pytest
from bs4 import BeautifulSoup

from tests.http.helpers import transition
from tests.workspace.helpers import create

PUBLIC = (
    "/",
    "/jyj/",
    "/jyj/gzdt/",
    "{doc}",
    "{doc}print",
    "/search?q=%E9%80%9A%E7%9F%A5",
    "/@@catalog",
    "/@@sitemap",
    "/@@help",
    "/@@about",
    "/@@accessibility",
    "/@@leave?url=https%3A%2F%2Fwww.example.com%2F",
    "/@@apply",
    "/@@track",
    "/@@login",
    "/no-such-page",
)
STAFF = (
    "/@@workspace",
    "/jyj/gzdt/@@ws-add",
    "{doc}@@ws-edit",
    "{doc}@@ws-item",
    "{doc}@@history",
    "/@@ws-notifications",
)
HANDLER = re.compile(r"^on[a-z]+$")


def offences(html):
    """Inline scripts, handler attributes and javascript: URLs in ``html``."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        src = script.get("src")
        if not src:
            found.append("inline <script>: " + script.text.strip()[:80])
        elif src.startswith(("//", "data:")) or (
            src.startswith("http") and not src.startswith("http://localhost/")
        ):
            found.append("foreign script: " + src)
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if HANDLER.match(name):
                found.append(f"<{tag.name} {name}=…>")
            if isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                found.append(f"<{tag.name} {name}=javascript:…>")
    return found


@pytest.fixture
def published(editor, reviewer):
    doc = create(editor, title="关于开展网站安全检查的通知", body="<p>请各单位自查。</p>")
    transition(editor, doc, "submit")
    from tests.http.helpers import transition as json_transition

    json_transition(reviewer, doc, "approve")
    return doc


def test_public_pages_have_no_inline_script(testapp, published):
    for path in PUBLIC:
        res = testapp.get(path.format(doc=published), status="*")
        assert res.status_int < 500, path
        assert offences(res.text) == [], path


def test_staff_pages_have_no_inline_script(editor):
    doc = create(editor)
    for path in STAFF:
        res = editor.get(path.format(doc=doc), status="*")
        assert res.status_int < 500, path
        assert offences(res.text) == [], path


def test_reviewer_pages_have_no_inline_script(editor, reviewer):
    doc = create(editor)
    transition(editor, doc, "submit")
    for path in STAFF:
        res = reviewer.get(path.format(doc=doc), status="*")
        assert offences(res.text) == [], path


def test_the_rich_text_editor_starts_without_inline_script(editor):
    page = editor.get("/jyj/gzdt/@@ws-add")
    area = page.html.find("textarea", attrs={"data-tinymce": True})
    import json

    options = json.loads(area["data-tinymce"])
    assert options["language"] == "zh-Hans"
    # images can be added before the first save (govportal.media): the
    # upload goes to the column's same-site view, never an inline handler
    assert options["images_upload_url"].endswith("/jyj/gzdt/@@ws-image")


REVIEWER_PAGES = (
    "/jyj/@@annual-report",
    "/jyj/@@annual-report-print",
    "/jyj/@@applications",
    "/jyj/@@timeliness",
)


def test_department_staff_pages_have_no_inline_script(reviewer):
    for path in REVIEWER_PAGES:
        res = reviewer.get(path, status="*")
        assert res.status_int < 500, path
        assert offences(res.text) == [], path


ADMIN_PAGES = (
    "/@@admin",
    "/@@admin-calendar",
    "/@@admin-settings",
    "/@@admin-topics",
    "/@@admin-words",
    "/@@admin-sites",
)


def test_administration_pages_have_no_inline_script(browser):
    admin = browser("admin")
    for path in ADMIN_PAGES:
        res = admin.get(path, status="*")
        assert res.status_int < 500, path
        assert offences(res.text) == [], path
