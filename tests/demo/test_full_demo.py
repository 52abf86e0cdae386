"""The full demo (``govportal-demo``): a portal that looks alive.

Builds the full demo once for this module (the session's ``site_template``
is the small one) and reads it as an anonymous visitor over HTTP.
"""

import io
import re
import time
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import transaction
import webtest
from pyramid.threadlocal import manager

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.content import IColumn, IDepartment, IDocument
from govportal.demo import build_demo, data
from govportal.public.listing import published_in
from govportal.search.script import update_index
from tests.conftest import close_app, make_settings
from tests.conftest import read_root as _read_root

HOST = "http://localhost"
#: the founding regulation (a real text, published by the small demo too)
REGULATION = "yingshan-website-regulation-2019"


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("full-demo")
    settings = make_settings(directory, **{"govportal.search.worker": "inline"})
    app = main({}, **settings)
    started = time.process_time()
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _passwords = create_site(zodb_root, request)
            build_demo(root, request, full=True)
        update_index(app.registry, out=io.StringIO())  # as govportal-demo does
    finally:
        transaction.abort()
        close_app(app)
    print(f"full demo built in {time.process_time() - started:.1f} s of CPU")
    app = main({}, **make_settings(directory))
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def visitor(full_demo):
    return webtest.TestApp(full_demo)


def read_root(app, fn):
    """``tests.conftest.read_root`` with the app's registry current (the
    listings ask the workflow definitions of the current registry)."""
    manager.push({"registry": app.registry, "request": None})
    try:
        return _read_root(app, fn)
    finally:
        manager.pop()


def demo_articles(column):
    """The published demo articles of ``column`` (not the real regulation)."""
    return [d for d in published_in(column, limit=10) if d.__name__ != REGULATION]


def _sites(root):
    return [root] + [v for v in root.values() if IDepartment.providedBy(v)]


def _columns(site):
    return [v for v in site.values() if IColumn.providedBy(v)]


def test_no_empty_box_on_the_home_page_or_a_department_page(visitor):
    home = visitor.get("/")
    assert home.text.count('class="column-box"') >= 24
    assert "暂无信息" not in home.text
    for dept in data.DEPARTMENTS:
        page = visitor.get(f"/{dept['name']}/")
        assert "暂无信息" not in page.text, dept["name"]


def test_every_column_holds_three_published_items(full_demo):
    def counts(root):
        return {
            f"{getattr(site, '__name__', '') or ''}/{column.__name__}": len(
                published_in(column, limit=10)
            )
            for site in _sites(root)
            for column in _columns(site)
        }

    found = read_root(full_demo, counts)
    assert len(found) == len(data.PORTAL_COLUMNS) + len(data.DEPARTMENTS) * len(
        data.DEPARTMENT_COLUMNS
    )
    assert {k: v for k, v in found.items() if v < 3} == {}


def test_items_went_through_review_and_are_dated_over_the_past_year(full_demo):
    from govportal.sitetime import today
    from govportal.workflow.history import get_history

    def facts(root):
        out = []
        for site in _sites(root):
            for column in _columns(site):
                for doc in demo_articles(column):
                    history = get_history(doc)
                    out.append(
                        (
                            doc.publish_date,
                            doc.index_number,
                            [r.transition for r in history],
                            len({r.actor_id for r in history}),
                        )
                    )
        return out

    items = read_root(full_demo, facts)
    assert len(items) >= 240
    now = today()
    for published, index_number, transitions, actors in items:
        assert 0 <= (now - published).days <= 366
        assert index_number
        assert transitions[-2:] == ["submit", "approve"]
        assert actors == 2  # four eyes: the editor submitted, a reviewer approved
    assert len({p for p, *_ in items}) > 100  # spread over the year


def test_attachments_images_and_interpretations(full_demo, visitor):
    def survey(root):
        attachments = images = 0
        interpretations = []
        for site in _sites(root):
            for column in _columns(site):
                for doc in published_in(column, limit=10):
                    files = doc.attachments()
                    attachments += len(files)
                    images += sum(f.mimetype == "image/png" for f in files)
                    if doc.interprets is not None:
                        interpretations.append(
                            (_path(doc), doc.__parent__[_name_of_oid(doc, doc.interprets)].title)
                        )
        return attachments, images, interpretations

    attachments, images, interpretations = read_root(full_demo, survey)
    assert attachments >= 60
    assert images >= 9
    assert len(interpretations) == 1 + len(data.DEPARTMENTS)
    page = visitor.get(interpretations[0][0])
    assert interpretations[0][1] in page.text
    # an inline chart: shown in the body with its alt text, and answering
    page = visitor.get(read_root(full_demo, lambda root: _path(published_with_image(root))))
    match = re.search(r'<img [^>]*src="([^"]+chart\.png)"[^>]*alt="([^"]+)"', page.text)
    assert match and match.group(2).endswith("统计图")
    image = visitor.get(match.group(1))
    assert image.content_type == "image/png"


def published_with_image(root):
    for doc in published_in(root["yw"], limit=10):
        if "chart.png" in doc:
            return doc
    raise AssertionError("no news item with an inline chart")


def _name_of_oid(doc, oid):
    from substanced.util import find_objectmap

    return find_objectmap(doc).object_for(oid).__name__


def _path(resource):
    from pyramid.traversal import resource_path

    return resource_path(resource) + "/"


def test_no_personal_data_or_word_findings_on_the_demo_texts(full_demo):
    from govportal.checks.run import run_checks

    def findings(root):
        out = {}
        for site in _sites(root):
            for column in _columns(site):
                for doc in demo_articles(column):
                    report = run_checks(doc)
                    if report.findings:
                        out[_path(doc)] = [f.kind for f in report.findings]
        return out

    assert read_root(full_demo, findings) == {}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _internal(base, link):
    url = urldefrag(urljoin(base, link))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != HOST:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_page_and_every_link_inside_the_site_answers_200(full_demo, visitor):
    def documents(root):
        return [
            _path(doc)
            for site in _sites(root)
            for column in _columns(site)
            for doc in published_in(column, limit=10)
            if IDocument.providedBy(doc)
        ]

    pages = ["/"] + [f"/{d['name']}/" for d in data.DEPARTMENTS]
    pages += read_root(
        full_demo,
        lambda root: [_path(c) for s in _sites(root) for c in _columns(s)],
    )
    pages += read_root(full_demo, documents)
    links = set()
    for path in pages:
        response = visitor.get(path)
        assert response.status_int == 200, path
        parser = _Links()
        parser.feed(response.text)
        for link in parser.links:
            target = _internal(HOST + path, link)
            if target is not None and "/@@mode" not in target:
                links.add(target)
    links -= set(pages)
    broken = {}
    for link in sorted(links):
        response = visitor.get(link, expect_errors=True)
        while response.status_int in (301, 302, 303) and len(broken) < 50:
            response = response.follow(expect_errors=True)
        if response.status_int != 200:
            broken[link] = response.status_int
    assert broken == {}
    assert len(links) > 300


def test_search_finds_the_demo_articles(visitor):
    def text(page):  # without the highlighting marks
        return re.sub(r"<[^>]+>", "", page.text)

    page = visitor.get("/search", params={"q": "家庭医生签约服务"})
    assert "没有找到" not in page.text
    assert "卫生健康局召开家庭医生签约服务工作推进会" in text(page)
    page = visitor.get("/jyj/search", params={"q": "教师资格认定"})
    assert "教师资格认定办事指南" in text(page)
