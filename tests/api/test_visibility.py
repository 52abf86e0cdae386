"""The property test of issue 14: for role-free requests the API shows
exactly what the public site shows, over the whole demo site group."""

import re

from pyramid.traversal import resource_path
from substanced.util import find_catalog

from tests.conftest import read_root
from tests.http.helpers import transition

from .conftest import every_item, path_of

LINK = re.compile(r'href="(?:http://localhost)?(/[^"?#]*)"')


def column_tree(anon):
    """Every column the API lists, with its site: [(site, column dict)]."""
    found = []

    def walk(site, columns):
        for column in columns:
            found.append((site, column))
            walk(site, column["children"])

    for site in anon.get("/api/v1/sites").json["items"]:
        walk(site["id"], anon.get(f"/api/v1/sites/{site['id']}/columns").json["items"])
    return found


def public_items(anon, column, excluded):
    """Paths of the items a column's public pages link to (its direct
    children, less sub-columns and ``excluded``), over all its pages."""
    base = column["path"].rstrip("/") + "/"
    seen, number = set(), 1
    while True:
        html = anon.get(base, {"page": number}).text
        links = {
            p
            for p in LINK.findall(html)
            if p.startswith(base) and p.count("/") == base.count("/") + 1 and "@@" not in p
        }
        new = links - seen - excluded
        if not new:
            return seen
        seen |= new
        number += 1


def test_column_listings_equal_public_pages(anon, seeded):
    tree = column_tree(anon)
    assert len(tree) > 20
    columns = {c["path"].rstrip("/") + "/" for _s, c in tree}
    guides = {path_of(g["url"]) for g in every_item(anon, "/api/v1/guides?size=100")}
    compared = 0
    for _site, column in tree:
        api = {
            path_of(i["url"])
            for i in every_item(anon, f"/api/v1/documents?size=100&column={column['path']}")
        }
        public = public_items(anon, column, columns | guides)
        assert api == public, column["path"]
        compared += len(api)
    assert compared > 30


def all_documents(app):
    def read(root):
        system = find_catalog(root, "system")
        found = []
        for oid in system["content_type"].eq("Document").execute().ids:
            found.append(oid)
        objectmap = root.__objectmap__
        return [(oid, resource_path(objectmap.object_for(oid)) + "/") for oid in found]

    return read_root(app, read)


def test_each_document_page_200_iff_api_item(anon, api_app, seeded):
    documents = all_documents(api_app)
    assert len(documents) > 30
    shown = hidden = 0
    for oid, path in documents:
        page = anon.get(path, status="*").status_int
        api = anon.get(f"/api/v1/documents/{oid}", status="*")
        assert (page == 200) == (api.status_int == 200), (path, page, api.status_int)
        if api.status_int == 200:
            shown += 1
            assert path_of(api.json["url"]) == path
        else:
            hidden += 1
            assert api.json["error"]["code"] == "not_found"
    assert shown and hidden  # the demo has drafts and published documents
    archived = dict((p, o) for o, p in documents)[seeded["archived"]]
    assert anon.get(f"/api/v1/documents/{archived}").json["archived"] is True


def test_site_wide_listing_holds_only_public_pages(anon, seeded):
    items = every_item(anon, "/api/v1/documents?size=100")
    assert len(items) > 30
    assert len({i["id"] for i in items}) == len(items)
    dates = [i["publish_date"] for i in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        assert anon.get(path_of(item["url"]), status="*").status_int == 200, item["url"]
        assert not item["archived"]
    paths = {path_of(i["url"]) for i in items}
    assert set(seeded["portal"]) | set(seeded["jyj"]) <= paths
    assert not paths & {seeded["archived"], seeded["retracted"], *seeded["drafts"]}


def test_retracted_item_disappears_at_once(anon, staff):
    from tests.cache.helpers import REGULATION

    listing = "/api/v1/documents?size=100&column=/zcwj"
    before = {path_of(i["url"]) for i in every_item(anon, listing)}
    assert REGULATION in before
    item = next(i for i in every_item(anon, listing) if path_of(i["url"]) == REGULATION)
    detail = f"/api/v1/documents/{item['id']}"
    etag = anon.get(detail).headers["ETag"]
    transition(staff("portal_reviewer"), REGULATION, "retract", comment="内容有误")
    assert REGULATION not in {path_of(i["url"]) for i in every_item(anon, listing)}
    assert anon.get(detail, headers={"If-None-Match": etag}, status=404).json["error"]
    assert all(
        path_of(i["url"]) != REGULATION for i in every_item(anon, "/api/v1/documents?size=100")
    )


def test_letters_and_guides_as_public_pages(anon):
    letters = every_item(anon, "/api/v1/letters?size=100")
    html = anon.get("/@@letters").text
    for letter in letters:
        assert letter["subject"] in html
        assert anon.get(path_of(letter["url"])).status_int == 200
    guides = every_item(anon, "/api/v1/guides?size=100")
    assert guides
    for guide in guides:
        assert anon.get(path_of(guide["url"])).status_int == 200


def test_closed_column_hides_as_the_public_site(anon, api_app, seeded):
    from tests.public.helpers import transition_as

    listing = "/api/v1/documents?size=100&column=/jyj/gfxwj"
    items = every_item(anon, listing)
    assert len(items) >= 5
    transition_as(api_app, "/jyj/gfxwj/", "admin", "close", comment="栏目调整")
    assert anon.get("/jyj/gfxwj/", status="*").status_int == 404
    assert anon.get(listing, status=404).json["error"]["code"] == "not_found"
    paths = {path_of(i["url"]) for i in every_item(anon, "/api/v1/documents?size=100")}
    assert not paths & set(seeded["jyj"])
    columns = anon.get("/api/v1/sites/jyj/columns").json["items"]
    assert "/jyj/gfxwj" not in {c["path"] for c in columns}
    for item in items:
        page = anon.get(path_of(item["url"]), status="*").status_int
        api = anon.get(f"/api/v1/documents/{item['id']}", status="*").status_int
        assert (page == 200) == (api == 200), item["url"]
