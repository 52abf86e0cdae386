"""The banner upload: refused by content (SVG or HTML named .png), within a
limit kept below the request body limit (so the editor reads why in
Chinese, not a bare 413; a larger body is refused before it is read);
served with its sniffed type and ``nosniff``."""

import pytest

from govportal.topics.banner import banner_limit
from tests.conftest import read_root

from .helpers import png_bytes

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


@pytest.fixture
def editor(browser, topics_site):
    return browser("portal_editor")


def _upload(client, token, filename, data, status):
    return client.post(
        "/yhyshj/@@topic-banner",
        {"banner_alt": "专题横幅", "csrf_token": token},
        upload_files=[("banner", filename, data, "image/png")],
        status=status,
    )


def test_disguised_images_are_refused(editor, wsgi_app):
    token = editor.csrf("/yhyshj/@@topic-manage")
    for data in (SVG, HTML, b"GIF89a" + b"\x00" * 64):
        res = _upload(editor, token, "banner.png", data, status=400)
        assert "PNG、JPEG 或 WebP" in res.text
    assert read_root(wsgi_app, lambda root: root["yhyshj"].banner) is None


def test_limit_stays_below_the_body_limit(editor, wsgi_app, testapp):
    settings = wsgi_app.registry.settings
    settings["govportal.topics.max_banner_mb"] = "5"
    limit = banner_limit(wsgi_app.registry)
    assert limit < float(settings.get("govportal.max_body_mb") or 2) * 1024 * 1024
    token = editor.csrf("/yhyshj/@@topic-manage")
    res = _upload(editor, token, "big.png", png_bytes() + b"\x00" * (limit + 1), status=400)
    assert "不能超过" in res.text
    _upload(editor, token, "huge.png", png_bytes() + b"\x00" * (4 * 1024 * 1024), status=413)
    assert read_root(wsgi_app, lambda root: root["yhyshj"].banner) is None
    _upload(editor, token, "ok.png", png_bytes(), status=303)
    image = testapp.get("/yhyshj/@@banner")
    assert image.content_type == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    alt = testapp.get("/yhyshj/").html.find("p", class_="topic-banner").find("img")["alt"]
    assert alt == "专题横幅"
