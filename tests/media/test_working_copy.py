"""Images of a working copy: moved into the live document on merge with
their object ids, nothing rewritten; the public page has no broken link."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.conftest import csrf_token
from tests.http.helpers import PDF_BYTES, add_attachment, transition
from tests.revisions.helpers import SECOND_REVIEWER, add_user, checkout, wc_path

from .helpers import GIF, doc_facts, first_image, oid_of, path_of, upload_image


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith(("#", "mailto:", "tel:")):
                self.urls.append(value)


def assert_no_broken_link(client, path):
    parser = _Links()
    parser.feed(client.get(path).text)
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.netloc and parts.netloc not in ("localhost", "localhost:80"):
            continue
        target = parts.path + ("?" + parts.query if parts.query else "")
        res = client.get(target, status="*")
        if res.status_int in (301, 302, 303):
            res = res.follow(status="*")
        assert res.status_int == 200, (url, res.status)


def _save_body(client, path, body):
    page = client.get(path + "@@ws-edit")
    offers = [f for f in page.forms.values() if (f.action or "").endswith("@@lock")]
    if offers:
        offers[0].submit(status="*")
        page = client.get(path + "@@ws-edit")
    form = page.forms["ws-document"]
    form["body"] = body
    return form.submit("save", status=303)


def test_a_working_copy_changes_one_image_and_nothing_breaks(
    wsgi_app, browser, editor, reviewer, testapp
):
    add_user(wsgi_app, SECOND_REVIEWER)
    reviewer2 = browser(SECOND_REVIEWER)
    res, _ = first_image(editor, title="图片新闻")
    one = res.json
    doc = path_of(one["edit_url"]).replace("@@ws-edit", "")
    token = csrf_token(editor.get(doc + "@@ws-edit").text)
    two = upload_image(editor, one["upload_url"], data=GIF, filename="b.gif", token=token).json
    _save_body(
        editor,
        doc,
        f'<p><img src="{one["location"]}" alt="图一"></p>'
        f'<p><img src="{two["location"]}" alt="图二"></p>',
    )
    add_attachment(editor, doc, "通知.pdf", PDF_BYTES)
    transition(editor, doc, "submit")
    transition(reviewer, doc, "approve")
    assert_no_broken_link(testapp, doc)
    kept_oid = oid_of(wsgi_app, path_of(one["location"]))

    # the working copy replaces image two by a new image three
    checkout(editor, doc)
    wc = wc_path(doc)
    token = csrf_token(editor.get(wc + "@@ws-edit").text)
    three = upload_image(editor, wc + "@@ws-image", token=token).json
    assert path_of(three["location"]).startswith(wc)
    page = editor.get(wc + "@@ws-edit")
    body = page.forms["ws-document"]["body"].value
    assert path_of(one["location"]) in body  # shown to the editor at its live URL
    _save_body(
        editor,
        wc,
        f'<p><img src="{one["location"]}" alt="图一"></p>'
        f'<p><img src="{three["location"]}" alt="图三"></p>',
    )
    assert "图一" in testapp.get(doc).text and "图三" not in testapp.get(doc).text
    transition(editor, wc, "submit")
    transition(reviewer2, wc, "approve")

    facts = doc_facts(wsgi_app, doc)
    assert "working-copy" not in facts["names"]
    three_name = path_of(three["location"]).rstrip("/").rsplit("/", 1)[-1]
    two_name = path_of(two["location"]).rstrip("/").rsplit("/", 1)[-1]
    assert three_name in facts["names"] and two_name not in facts["names"]
    # the ids the body refers to are those of the files now in the live document
    assert (
        oid_of(wsgi_app, doc + three_name) == three["reference"].rsplit("/", 1)[-1].join(["", ""])
        or f"/@@ref/{oid_of(wsgi_app, doc + three_name)}" in facts["body"]
    )
    assert f"/@@ref/{kept_oid}" in facts["body"]
    page = testapp.get(doc)
    assert 'alt="图三"' in page.text and 'alt="图二"' not in page.text
    assert len(page.html.select(".attachments li")) == 1  # the PDF only
    assert_no_broken_link(testapp, doc)
