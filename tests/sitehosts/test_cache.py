"""The render cache keys pages by host: a page rendered for one host (with
that host's links) is never served for another, nor for another form of
the same host name."""

import pytest

from tests.cache.helpers import anonymous, cached, marker
from tests.public.helpers import publish_documents

from .helpers import JYJ, on, set_domain


@pytest.fixture
def site(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    publish_documents(
        wsgi_app,
        "/jyj/gzdt",
        [{"title": "教育局工作动态一", "body": "<p>正文</p>"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )


def test_a_department_hosts_cached_home_is_not_the_portals(wsgi_app, site):
    client = anonymous(wsgi_app)
    dept = cached(client, "/", **on(JYJ))
    assert "教育局" in dept.text
    portal = client.get("/")
    assert marker(portal) != "hit" or portal.text != dept.text
    assert portal.text != dept.text
    assert 'href="http://localhost/yw/"' in portal.text or "/yw/" in portal.text


def test_another_form_of_the_host_gets_its_own_render(wsgi_app, site):
    client = anonymous(wsgi_app)
    plain = cached(client, "/gzdt/", **on(JYJ))
    assert f"http://{JYJ}/gzdt/doc-00000/" in plain.text
    odd = client.get("/gzdt/", **on(JYJ + ":8080"))
    assert marker(odd) != "hit"
    assert f"http://{JYJ}:8080/gzdt/doc-00000/" in odd.text
    again = cached(client, "/gzdt/", **on(JYJ + ":8080"))
    assert ":8080" in again.text
    assert ":8080" not in cached(client, "/gzdt/", **on(JYJ)).text


def test_a_portal_path_of_a_hosted_department_is_not_answered_from_its_hosts_page(wsgi_app, site):
    client = anonymous(wsgi_app)
    cached(client, "/gzdt/", **on(JYJ))
    for _ in range(2):
        res = client.get("/jyj/gzdt/", status=301)
        assert res.location == f"http://{JYJ}/gzdt/"
    # an attacker's host never gets (nor leaves) a department's cached page
    evil = client.get("/gzdt/", status="*", **on("evil.example"))
    assert evil.status_int == 404 or "evil.example" not in cached(client, "/gzdt/", **on(JYJ)).text
