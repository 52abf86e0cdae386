"""Helpers of the 信息报送 tests: a published department item, offers and
decisions through the pages, the public column page."""

from govportal.syndication.model import all_offers
from tests.conftest import csrf_token, read_root
from tests.public.helpers import publish_documents

SOURCE_COLUMN = "/jyj/gzdt/"
TARGET = "/bmdt/"
HEADLINES = "/yw/"


def publish(wsgi_app, title="教育局开展校园安全大检查", name="syn-1", column=SOURCE_COLUMN):
    site = column.strip("/").split("/")[0]
    (path,) = publish_documents(
        wsgi_app,
        column,
        [{"title": title, "name": name, "body": "<p>检查覆盖全县中小学。</p>"}],
        editor=f"{site}_editor",
        reviewer=f"{site}_reviewer",
    )
    return path


def offer(client, path, target=TARGET, note="", status=303, token=None):
    if token is None:
        token = csrf_token(client.get(path + "@@syndicate").text)
    fields = {"target": target, "note": note, "csrf_token": token}
    return client.post(path + "@@syndicate", fields, status=status)


def decide(client, key, step, reason="", status=303, token=None):
    if token is None:
        token = csrf_token(client.get("/@@syndication-review").text)
    fields = {"offer": key, "step": step, "reason": reason, "csrf_token": token}
    return client.post("/@@syndication-decide", fields, status=status)


def offers(wsgi_app):
    """``[(key, state, [transition names])]`` of every offer, after commit."""

    def read(root):
        return sorted((o.key, o.state, [r.transition for r in o.history]) for o in all_offers(root))

    return read_root(wsgi_app, read)


def only_key(wsgi_app):
    (found,) = offers(wsgi_app)
    return found[0]


def column_titles(testapp, path=TARGET):
    """The text of the public column page (through the render cache)."""
    return testapp.get(path).text
