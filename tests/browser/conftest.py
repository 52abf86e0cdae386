"""Browser-test fixtures: the demo site served for real, and Debian's Chromium.

``live_server`` serves a copy of the demo site (with extra published content:
a paginated column, a document with attachments, metadata and links) with
waitress on a free ``127.0.0.1`` port in a background thread, and yields its
base URL.  ``chromium`` is one headless Chromium per session (Debian's
``/usr/bin/chromium``, driven by Playwright, whose own browser downloads are
not used); ``context`` and ``page`` are fresh for every test.  axe-core comes from
``node_modules`` (``npm ci``).  A missing browser or axe-core fails the tests:
they never skip.
"""

import io
import shutil
import threading
from datetime import date

import pytest
from pyramid.traversal import find_resource
from substanced.util import get_oid
from waitress.server import create_server

from govportal import main
from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow

from ..conftest import close_app, make_settings
from ..http.helpers import PDF_BYTES
from ..public.helpers import publish_documents
from .sessions import AXE_JS, CHROMIUM, CHROMIUM_ARGS, PROJECT  # noqa: F401
from .support import COLUMN, DOCUMENT_COLUMN, DOCUMENT_NAME, EXTERNAL_URL

DOCUMENT_BODY = (
    "<p>各乡镇人民政府、县级各部门，各中小学校：</p>"
    "<p>为做好2026年义务教育阶段招生入学工作，根据"
    '<a href="https://www.gov.cn/zhengce/">国家有关政策</a>'
    "和省、市教育行政部门要求，现将有关事项通知如下。</p>"
    "<h2>一、招生范围</h2>"
    "<p>全县公办义务教育学校实行划片招生、免试就近入学。"
    "详细的学区划分可在"
    f'<a href="{EXTERNAL_URL.replace("&", "&amp;")}">教育信息服务平台</a>查询。</p>'
    "<h2>二、时间安排</h2>"
    "<ol><li>7月1日至7月10日：网上报名。</li><li>7月15日至7月20日：资格审核。</li>"
    "<li>8月20日前：公布录取结果。</li></ol>"
    "<table><thead><tr><th>学段</th><th>报名时间</th><th>咨询电话</th></tr></thead>"
    "<tbody><tr><td>小学一年级</td><td>2026-07-01 至 2026-07-10</td><td>0817-0000001</td></tr>"
    "<tr><td>初中一年级</td><td>2026-07-01 至 2026-07-10</td><td>0817-0000002</td></tr>"
    "</tbody></table>"
    "<p>营山县教育局</p><p>2026年1月5日</p>"
)


def _publish_document_with_attachments(app):
    """A 规范性文件 of the education bureau with full metadata, links in its
    body and two PDF attachments, published through the real workflow."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor, reviewer = users["jyj_editor"], users["jyj_reviewer"]
        column = find_resource(root, DOCUMENT_COLUMN)
        content = request.registry.content
        doc = content.create(
            "Document",
            title="关于做好2026年义务教育阶段招生入学工作的通知",
            doc_number="营教发〔2026〕3号",
            topic="教育",
            publisher="营山县教育局",
            index_number="008000001/2026-00003",
            written_date=date(2026, 1, 5),
            publish_date=date(2026, 1, 8),
            validity="valid",
            source="县教育局",
            body=DOCUMENT_BODY,
            last_editor=get_oid(editor),
        )
        column[DOCUMENT_NAME] = doc
        for name, title in (("a1.pdf", "招生工作实施细则"), ("a2.pdf", "学区划分一览表")):
            doc[name] = content.create(
                "Attachment", stream=io.BytesIO(PDF_BYTES), filename=name, title=title
            )
        workflow = get_workflow(doc, request.registry)
        workflow.transition(doc, request_as(request, get_oid(editor)), "submit")
        workflow.transition(doc, request_as(request, get_oid(reviewer)), "approve")


def _build_content(app):
    _publish_document_with_attachments(app)
    # 25 notices: two pages in the column (20 a page)
    publish_documents(
        app,
        COLUMN,
        [
            {
                "title": f"关于2026年第{i + 1}季度重点工作安排的通知（第{i + 1:02d}号）",
                "publish_date": date(2026, 1 + i % 12, 1 + i),
                "publisher": "营山县人民政府办公室",
                "topic": "重要政务信息",
            }
            for i in range(25)
        ],
    )
    publish_documents(
        app,
        "/yw/",
        [
            {"title": title, "publish_date": date(2026, 2, day)}
            for day, title in enumerate(
                (
                    "县政府召开常务会议研究部署春季农业生产工作",
                    "我县开展安全生产大检查",
                    "营山县2025年国民经济和社会发展统计公报发布",
                ),
                start=1,
            )
        ],
    )


class LiveServer:
    """waitress serving a WSGI app in a daemon thread."""

    def __init__(self, app):
        self.server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="govportal")
        self.url = f"http://127.0.0.1:{self.server.effective_port}"
        self.thread = threading.Thread(target=self.server.run, name="live-server", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.close()
        self.server.task_dispatcher.shutdown(timeout=5)
        self.thread.join(timeout=5)


def serve_copy(site_template, tmp_path_factory, name):
    """Serve a fresh copy of the demo site; yields its base URL (a module
    fixture says ``yield from serve_copy(...)``)."""
    directory = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


@pytest.fixture(scope="session")
def live_app(site_template, tmp_path_factory):
    """A copy of the demo site, with the browser tests' content, as a WSGI app."""
    directory = tmp_path_factory.mktemp("browser") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    _build_content(app)
    yield app
    close_app(app)


@pytest.fixture(scope="session")
def live_server(live_app):
    """Base URL (``http://127.0.0.1:PORT``) of the app served by waitress."""
    server = LiveServer(live_app).start()
    yield server.url
    server.stop()


def new_context(chromium, base_url, **options):
    """A browser context 1280 px wide, for Chinese readers, on ``base_url``."""
    options.setdefault("viewport", {"width": 1280, "height": 800})
    return chromium.new_context(
        base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai", **options
    )


@pytest.fixture
def context(chromium, live_server):
    """A fresh browser context (no cookies) per test, 1280 px wide."""
    ctx = new_context(chromium, live_server)
    # The print view prints on load; record it instead of opening a dialog.
    ctx.add_init_script("window.print = function () { window.__printed = true; };")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page of ``context``; an uncaught script error on it fails the test."""
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"script errors on {page.url}: {errors}"
