"""Generated item names stay out of Substance D's system ``text`` index
(every name was a new word in its lexicon: a write hot spot)."""

import transaction
from substanced.util import find_catalog, get_oid

from govportal.bootstrap import site_session
from govportal.overrides.textindex import unindex_generated_names
from tests.conftest import read_root
from tests.http.helpers import PDF_BYTES, add_attachment, add_document


def test_new_documents_and_attachments_add_no_word(wsgi_app, browser):
    editor = browser("portal_editor")
    words = read_root(wsgi_app, lambda root: find_catalog(root, "system")["text"].word_count())
    path = add_document(editor, "/yw/", "不进入名称索引的稿件")
    add_attachment(editor, path, "通知.pdf", PDF_BYTES)

    def check(root):
        text = find_catalog(root, "system")["text"]
        document = root["yw"][path.strip("/").split("/")[-1]]
        (attachment,) = document.attachments()
        for item in (document, attachment):
            assert get_oid(item) in text.not_indexed()
        return text.word_count()

    assert read_root(wsgi_app, check) == words


def test_evolution_step_removes_names_of_existing_items(wsgi_app):
    registry = wsgi_app.registry
    with site_session(registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        text = find_catalog(root, "system")["text"]
        document = root["zcwj"]["yingshan-website-regulation-2019"]
        oid = get_oid(document)
        # as an older release indexed it
        text.index.index_doc(oid, f"{document.__name__} {document.__name__.replace('-', ' ')}")
        text._not_indexed.remove(oid)
        assert oid not in text.not_indexed()
    with site_session(registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        assert unindex_generated_names(root, registry) >= 1

    def check(root):
        text = find_catalog(root, "system")["text"]
        return oid in text.not_indexed() and oid not in text.indexed()

    assert read_root(wsgi_app, check)
    transaction.abort()
