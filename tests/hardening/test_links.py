"""Links that a browser follows to another site, however they are spelt,
go through the leaving notice and are listed by the pre-publication checks."""

import pytest
from pyramid.testing import DummyRequest

from govportal.checks.markup import external_links
from govportal.public.links import route_external_links, web_url
from tests.http.helpers import JSON, transition
from tests.workspace.helpers import create

DISGUISED = [
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/&#9;/evil.example/x",
    "/&#10;/evil.example/x",
    " //evil.example/x",
    "https:/evil.example/x",
    "https:evil.example/x",
    "HTTPS://EVIL.EXAMPLE/x",
    "http://www.gov.cn.evil.example/x",
    "https://gov.cn@evil.example/x",
]
STAYING = ["/jyj/", "#top", "mailto:a@b.cn", "tel:123", "//www.gov.cn/x", "https://www.gov.cn/"]


def body_with(href):
    return f'<p><a title="t" href="{href}" rel="noopener noreferrer">链接</a></p>'


@pytest.mark.parametrize("href", DISGUISED)
def test_disguised_external_links_go_through_the_leaving_notice(href):
    request = DummyRequest()
    out = route_external_links(body_with(href), request)
    assert "/@@leave?url=" in out, out
    assert "evil.example" in out.split("@@leave?url=", 1)[1].lower()


@pytest.mark.parametrize("href", STAYING)
def test_government_and_local_links_stay(href):
    request = DummyRequest()
    assert route_external_links(body_with(href), request) == body_with(href)


@pytest.mark.parametrize("href", DISGUISED)
def test_checks_list_disguised_external_links(href):
    findings = external_links(body_with(href))
    assert [f.suggestion for f in findings] == [
        "evil.example" if "gov.cn.evil" not in href else "www.gov.cn.evil.example"
    ]


def test_web_url_reads_links_as_a_browser_does():
    assert web_url("//evil.example/x") == "https://evil.example/x"
    assert web_url("/\\evil.example/x") == "https://evil.example/x"
    assert web_url("/x/y") is None and web_url("#a") is None and web_url("") is None
    assert web_url("javascript:alert(1)") is None


def test_published_page_routes_a_protocol_relative_link(wsgi_app, editor, reviewer, testapp):
    body = (
        '<p>参见<a href="//evil.example/phish">办事指南</a>和'
        '<a href="/\\evil.example/two">另一链接</a>。</p>'
    )
    path = create(editor, title="关于办事指南的说明", body=body)
    transition(editor, path, "submit")
    report = reviewer.get(path + "@@checks", headers=JSON).json["report"]
    hosts = sorted(f["suggestion"] for f in report["findings"] if f["kind"] == "external-link")
    assert hosts == ["evil.example", "evil.example"]
    from tests.http.helpers import transition as json_transition

    json_transition(reviewer, path, "approve")
    page = testapp.get(path)
    hrefs = [a["href"] for a in page.html.select("div.body a")]
    assert len(hrefs) == 2
    for href in hrefs:
        assert "/@@leave?url=https%3A%2F%2Fevil.example%2F" in href, href
    leave = testapp.get(hrefs[0].replace("http://localhost", ""))
    assert "即将离开" in leave.text and "evil.example" in leave.text
