"""Fixtures of the API tests: the demo site with the rate limit lifted
(the property tests send hundreds of requests from one address)."""

import pytest
import webtest

import govportal
from tests.conftest import Browser, close_app

PUBLIC = "https://www.yingshan.gov.cn"
LIFTED = {"govportal.api.anonymous_rate": "100000/60", "govportal.api.token_rate": "100000/60"}


@pytest.fixture
def api_app(app_settings):
    app = govportal.main({}, **dict(app_settings, **LIFTED))
    yield app
    close_app(app)


@pytest.fixture
def anon(api_app):
    return webtest.TestApp(api_app)


@pytest.fixture
def staff(api_app):
    def make(login):
        return Browser(api_app).login(login)

    return make


def path_of(url):
    """The path of a public URL the API gave (it must start with the public URL)."""
    assert url.startswith(PUBLIC + "/"), url
    return url[len(PUBLIC) :]


def every_item(client, path, headers=None):
    """Every item of a paged API listing, following ``next``."""
    items = []
    url = path
    while url:
        body = client.get(url, headers=headers or {}).json
        items.extend(body["items"])
        url = path_of(body["next"]) if body["next"] else None
    return items


def _draft(app, column_path, name, title):
    from pyramid.traversal import find_resource

    from govportal.bootstrap import site_session

    with site_session(app.registry) as (zodb_root, request):
        column = find_resource(zodb_root["app_root"], column_path)
        column[name] = request.registry.content.create("Document", title=title)


@pytest.fixture
def seeded(api_app):
    """The demo plus: 23 published documents in the portal's 政策文件 (two
    pages of its column), 5 in 教育局's 规范性文件, drafts in both, one
    archived and one retracted.  Returns the paths by kind."""
    from datetime import date

    from tests.public.helpers import publish_documents, transition_as

    portal = publish_documents(
        api_app,
        "/zcwj/",
        [
            {
                "name": f"api-{i:02d}",
                "title": f"接口测试文件{i:02d}",
                "publish_date": date(2025, 1 + i % 12, 1 + i),
                "topic": "教育" if i % 3 == 0 else "",
            }
            for i in range(23)
        ],
    )
    jyj = publish_documents(
        api_app,
        "/jyj/gfxwj/",
        [
            {"name": f"jyj-{i}", "title": f"教育局文件{i}", "doc_number": f"营教发〔2025〕{i}号"}
            for i in range(5)
        ],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    _draft(api_app, "/zcwj/", "api-draft", "接口草稿")
    _draft(api_app, "/jyj/gfxwj/", "jyj-draft", "教育局草稿")
    transition_as(api_app, portal[0], "portal_reviewer", "archive")
    transition_as(api_app, portal[1], "portal_reviewer", "retract", comment="内容有误")
    return {
        "portal": portal[2:],
        "jyj": jyj,
        "archived": portal[0],
        "retracted": portal[1],
        "drafts": ["/zcwj/api-draft/", "/jyj/gfxwj/jyj-draft/"],
    }
