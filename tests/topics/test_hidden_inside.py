"""Items inside a special topic the public may not see (draft, in review)
show nowhere public: deep listings, the portal feed, sitemap.xml, search,
the API (list, by column, by id); once the topic opens they do."""

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.topics.model import CONTENT_TYPE
from govportal.workflow import get_workflow
from tests.conftest import read_root
from tests.public.helpers import publish_documents

TITLE = "专题内直接发布的秘密稿件"


def _draft_topic_with_document(app):
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        topic = request.registry.content.create(CONTENT_TYPE, title="建设中专题")
        root["hidden-topic"] = topic
        topic["lm"] = request.registry.content.create("Column", title="栏目", kind="other")
    publish_documents(app, "/hidden-topic/lm/", [{"name": "secret", "title": TITLE}])
    return read_root(app, lambda root: get_oid(find_resource(root, "/hidden-topic/lm/secret/")))


def _open(app, path):
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        topic = find_resource(root, path)
        workflow = get_workflow(topic, request.registry)
        workflow.transition(topic, request_as(request, get_oid(users["portal_editor"])), "submit")
        workflow.transition(
            topic, request_as(request, get_oid(users["portal_reviewer"])), "approve"
        )


def _public_places(testapp, oid):
    """Which public outputs mention the document."""
    path = "/hidden-topic/lm/secret/"
    found = set()
    if path in testapp.get("/sitemap.xml").text:
        found.add("sitemap")
    if path in testapp.get("/rss.xml").text:
        found.add("feed")
    if path in testapp.get("/search", {"q": TITLE}).text:
        found.add("search")
    if path in testapp.get("/api/v1/documents", {"size": 100}).text:
        found.add("api-list")
    column = testapp.get("/api/v1/documents", {"column": "/hidden-topic/lm"}, expect_errors=True)
    if column.status_int == 200 and path in column.text:
        found.add("api-column")
    if testapp.get(f"/api/v1/documents/{oid}", expect_errors=True).status_int == 200:
        found.add("api-item")
    if testapp.get(path, expect_errors=True).status_int == 200:
        found.add("page")
    return found


def test_items_inside_an_unseen_topic_show_nowhere_public(wsgi_app, testapp):
    oid = _draft_topic_with_document(wsgi_app)
    assert _public_places(testapp, oid) == set()
    testapp.get(f"/api/v1/documents/{oid}", status=404)
    _open(wsgi_app, "/hidden-topic/")
    assert _public_places(testapp, oid) == {
        "sitemap",
        "feed",
        "search",
        "api-list",
        "api-column",
        "api-item",
        "page",
    }
