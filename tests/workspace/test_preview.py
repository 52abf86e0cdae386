"""预览 is the public page: the same values (body references, downloads),
the attachments, and a QR code drawn inline for the future public address;
nothing of the draft becomes reachable by visitors."""

import base64
import re

from tests.http.helpers import PDF_BYTES, add_attachment

from .helpers import create, transition


def _qr_sources(page):
    return [img.get("src") for img in page.html.select("figure.qr img")]


def test_preview_shows_the_attachments_and_an_inline_qr_code(wsgi_app, editor, testapp):
    path = create(editor, title="带附件的预览")
    add_attachment(editor, path, "实施方案.pdf", PDF_BYTES)
    page = editor.get(path + "@@ws-preview")
    assert "预览" in page.text and "带附件的预览" in page.text
    section = page.html.find(id="att-heading").find_parent("section")
    assert "实施方案.pdf" in section.text
    (src,) = _qr_sources(page)
    assert src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(src.split(",", 1)[1]).decode()
    assert svg.startswith("<svg") and "扫一扫在手机打开当前页" in svg
    assert "qr.svg" not in page.text  # no link to the draft's own QR resource
    # visitors reach neither the draft nor its QR code
    assert testapp.get(path, status="*").status_int in (302, 403, 404)
    assert testapp.get(path + "qr.svg", status="*").status_int in (302, 403, 404)


def test_preview_matches_the_published_page(wsgi_app, editor, reviewer, testapp):
    path = create(editor, title="预览与发布一致", body="<p>预览正文第一段。</p>")
    add_attachment(editor, path, "附表.pdf", PDF_BYTES)
    preview = editor.get(path + "@@ws-preview")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    public = testapp.get(path)

    def text_of(page, heading):
        return re.sub(r"\s+", " ", page.html.find(id=heading).find_parent("section").text)

    assert text_of(preview, "att-heading") == text_of(public, "att-heading")
    assert "预览正文第一段" in preview.text and "预览正文第一段" in public.text
