"""智能问答: answers from what is published (knowledge base, guides, documents).

* :mod:`.model` — ``KnowledgeEntry`` (reviewed with ``participation.yaml``)
  and where entries live (the ``zswd`` knowledge column of each site);
* :mod:`.search` — entries in the site search (a search source);
* :mod:`.ask` — the answer to a question: entries, then guides, then
  documents, from the site search index and its query understanding;
* :mod:`.queries` — published entries, hot questions, suggestions;
* :mod:`.counts` — hot-question, unanswered-question and feedback counts
  without conflicts (in memory, flushed by a periodic job; Lengths);
* :mod:`.form`, :mod:`.views_edit` — the workspace's add/edit and item page;
* :mod:`.views_ask` — ``@@ask``, ``@@ask.json``, ``@@ask-suggest.json``;
* :mod:`.views_entry` — an entry's public page and ``@@ask-feedback``;
* :mod:`.views_gaps` — ``@@ask-gaps`` for editors.

Settings: ``govportal.interaction.ask_rate`` (default ``30/60``: questions
per address and minute), ``govportal.interaction.suggest_rate`` (``120/60``).
"""

from substanced.event import IObjectAdded
from zope.interface import Interface

from ...content import IColumn, IDepartment
from .counts import flush_job
from .model import COLUMN_NAME, HUB_NAME

COLUMN_TITLE = "智能问答知识库"


def _hub_added(event, *_objects):
    """A department's new 互动交流 column gets its knowledge column, so that
    the department's editors can write entries at once."""
    column = event.object
    if event.moving is not None or event.loading or column.__name__ != HUB_NAME:
        return
    if IDepartment.providedBy(column.__parent__) and COLUMN_NAME not in column:
        from pyramid.threadlocal import get_current_registry

        column[COLUMN_NAME] = get_current_registry().content.create(
            "Column", title=COLUMN_TITLE, kind="interaction", position=40
        )


def includeme(config):
    config.add_subscriber(_hub_added, [IObjectAdded, IColumn, Interface])
    config.scan(".model")
    config.include(".search")
    config.include(".views_edit")
    config.include(".views_ask")
    config.include(".views_entry")
    config.include(".views_gaps")
    config.add_static_view("ask-static", "govportal.interaction.answers:static", cache_max_age=3600)
    config.add_periodic_job("govportal.answers.flush", flush_job)
