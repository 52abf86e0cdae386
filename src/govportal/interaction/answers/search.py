"""Knowledge-base entries in the site search (``/search``) and in 智能问答:
a search source (:mod:`govportal.search.sources`).

The question is the record's title (weight 5), the other wordings and the
keywords its metadata (weight 3: 社保卡丢了怎么办 finds 社会保障卡补领 even
before the query understanding knows the word), the answer its body.
Published (listed) entries are searchable, as ``participation.yaml`` says.
"""

from ...search.extract import html_to_text
from ...search.index import DocRecord, signature_of
from ...search.sources import SearchSource
from .model import TYPE, IKnowledgeEntry

#: Bump when what a record holds changes: every entry is then re-read.
RECORD_VERSION = 1


def _meta(entry):
    meta = [("其他问法", w) for w in entry.wordings or () if w]
    if entry.keywords:
        meta.append(("关键词", "、".join(entry.keywords)))
    return tuple(meta)


class KnowledgeSource(SearchSource):
    content_type = TYPE
    iface = IKnowledgeEntry

    def signature(self, entry, state):
        return signature_of(
            (RECORD_VERSION, state, entry.title or "", _meta(entry), entry.answer or "")
        )

    def record(self, entry, signature, previous=None):
        return DocRecord(
            title=entry.title or "",
            meta=_meta(entry),
            body=html_to_text(entry.answer or ""),
            attachments=(),
            publish_date=None,
            signature=signature,
        )


def includeme(config):
    config.add_search_source(KnowledgeSource())
