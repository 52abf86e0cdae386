"""智能问答's knowledge base: a question with its answer
(:class:`KnowledgeEntry`), kept by departments in a column and reviewed like
documents (``workflows/participation.yaml``)."""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class IKnowledgeEntry(Interface):
    """A knowledge-base entry (常见问题)."""


@content("KnowledgeEntry", icon="glyphicon glyphicon-question-sign", catalog=True)
@implementer(IKnowledgeEntry)
class KnowledgeEntry(Folder):
    """A question, its other wordings and its answer."""

    title = ""
