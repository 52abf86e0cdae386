"""Images and files in Chromium, from the first keystroke to the public page.

An editor writes a *new* document and, before saving it, inserts two images
(pasted into TinyMCE, uploaded by its upload handler: the first creates the
draft) and picks a PDF; saves twice and submits; the reviewer approves.  The
public page shows both images with their alt text and the PDF.  A working
copy then replaces one image and is approved: every ``src`` and ``href`` of
the public page still answers (no 404).
"""

import base64
import re

import pytest

from ..http.helpers import PDF_BYTES
from ..media.helpers import GIF, PNG
from .conftest import serve_copy
from .test_editorial_path import EDITOR_READY, Session, press

TITLE = "营山县第一小学举行秋季运动会"
PDF_NAME = "运动会秩序册.pdf"


def _data_uri(mime, data):
    return f"data:{mime};base64," + base64.b64encode(data).decode()


# Not the same bytes as PNG/GIF, so each upload is its own file.
PNG_TWO = PNG[:-12] + b"\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "media")


INSERT_AND_UPLOAD = """async (html) => {
  const ed = tinymce.activeEditor;
  ed.insertContent(html);
  const results = await ed.uploadImages();
  return results.map(r => [r.status, r.element ? r.element.getAttribute('src') : '']);
}"""


def insert_images(page, html):
    page.wait_for_function(EDITOR_READY)
    results = page.evaluate(INSERT_AND_UPLOAD, html)
    assert results and all(ok for ok, _src in results), results
    return [src for _ok, src in results]


def check_every_link(session, base_url, path):
    """Load ``path`` as a visitor and request every same-site src and href."""
    page = session.page
    response = page.goto(path)
    assert response.status == 200
    urls = page.evaluate(
        """() => Array.from(document.querySelectorAll('[src], [href]'))
              .map(e => e.src || e.href).filter(u => u && u.startsWith('http'))"""
    )
    checked = 0
    for url in sorted(set(urls)):
        if not url.startswith(base_url):
            continue
        answer = session.context.request.get(url, max_redirects=5)
        assert answer.status < 400, (url, answer.status)
        checked += 1
    assert checked > 5
    return page


def test_images_and_a_pdf_from_the_first_keystroke(chromium, site):
    editor = Session(chromium, site, "jyj_editor")
    reviewer = Session(chromium, site, "jyj_reviewer")
    visitor = Session(chromium, site)
    try:
        page = editor.page
        page.goto("/jyj/gzdt/@@ws-add")
        page.wait_for_function(EDITOR_READY)
        page.get_by_label("标题", exact=True).fill(TITLE)
        page.evaluate("() => tinymce.activeEditor.setContent('<p>运动会于10月15日举行。</p>')")
        # two images before the first save: the first upload creates the draft
        sources = insert_images(
            page,
            f'<p><img src="{_data_uri("image/png", PNG)}" alt="开幕式"></p>'
            f'<p><img src="{_data_uri("image/gif", GIF)}" alt="接力赛"></p>',
        )
        assert all("/jyj/gzdt/" in src for src in sources), sources
        page.wait_for_function(
            "() => document.querySelector('#ws-document').action.includes('@@ws-edit')"
        )
        page.set_input_files(
            "input[name=upload]",
            files=[{"name": PDF_NAME, "mimeType": "application/pdf", "buffer": PDF_BYTES}],
        )
        press(page, "保存")
        page.wait_for_url(re.compile(r".*/@@ws-item$"))
        assert "修改已保存" in page.locator(".ws-flash").inner_text()
        path = page.url.split(site, 1)[1].replace("@@ws-item", "")
        # the second save, from the edit form
        page.get_by_role("link", name="修改稿件").click()
        page.wait_for_function(EDITOR_READY)
        assert page.evaluate("() => tinymce.activeEditor.dom.select('img').length") == 2
        press(page, "保存")
        page.wait_for_url(re.compile(r".*/@@ws-item$"))
        assert "修改已保存" in page.locator(".ws-flash").inner_text()
        press(page, "送审")

        page = reviewer.page
        page.goto(path + "@@ws-item")
        press(page, "审核通过并发布")
        assert "已发布" in page.locator(".ws-where").first.inner_text()

        public = check_every_link(visitor, site, path)
        alts = public.locator("article img").evaluate_all("els => els.map(e => e.alt)")
        assert alts == ["开幕式", "接力赛"]
        assert public.locator("article img").evaluate_all(
            "els => els.every(e => e.complete && e.naturalWidth > 0)"
        )
        downloads = public.locator(".attachments li")
        assert downloads.count() == 1 and PDF_NAME in downloads.inner_text()
        assert "PDF" in downloads.inner_text()

        # a working copy replaces the second image
        page = editor.page
        page.goto(path + "@@ws-item")
        press(page, "修改已发布的稿件")
        page.wait_for_url(re.compile(r".*/@@ws-edit$"))
        page.wait_for_function(EDITOR_READY)
        page.evaluate(
            "() => { const ed = tinymce.activeEditor; ed.dom.remove(ed.dom.select('img')[1]); }"
        )
        insert_images(page, f'<p><img src="{_data_uri("image/png", PNG_TWO)}" alt="颁奖仪式"></p>')
        press(page, "保存")
        press(page, "送审")

        page = reviewer.page
        page.goto(path + "working-copy/@@ws-item")
        press(page, "审核通过，替换线上版本")

        public = check_every_link(visitor, site, path)
        alts = public.locator("article img").evaluate_all("els => els.map(e => e.alt)")
        assert sorted(alts) == sorted(["开幕式", "颁奖仪式"])  # 接力赛 replaced
        assert "working-copy" not in public.content()
        assert public.locator("article img").evaluate_all(
            "els => els.every(e => e.complete && e.naturalWidth > 0)"
        )
        assert PDF_NAME in public.locator(".attachments").inner_text()
    finally:
        editor.close()
        reviewer.close()
        visitor.close()
