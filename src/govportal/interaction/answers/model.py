"""智能问答's knowledge base: a question with its answer
(:class:`KnowledgeEntry`), kept by departments in a column and reviewed like
documents (``workflows/participation.yaml``).

An entry lives in a knowledge column (``zswd``, 智能问答知识库) of its site:
the portal's ``hdjl/zswd`` or a department's ``<dept>/hdjl/zswd``; its
department is the site it lives in, so the site's own editors and reviewers
(and nobody else's) write and review it.  Attributes:

``title``
    the question as citizens ask it (常见问题);
``wordings``
    other ways of asking it, one per entry (社保卡丢了怎么办 …);
``answer``
    the answer, sanitised rich text like documents' bodies;
``links``
    related service guides or documents, each a path (``/rsj/bszn/shbzk``)
    or an object id;
``keywords``
    words the answer should be found by (搜索关键词);
``pinned``
    editors put the entry first among the hot questions (置顶).

Usage counts (how often it was the best answer, 有帮助/没帮助) are
:class:`BTrees.Length.Length` objects of their own (:mod:`.counts`), so that
counting never writes the entry.
"""

from BTrees.Length import Length
from pyramid.traversal import find_resource
from substanced.content import content
from substanced.folder import Folder
from substanced.interfaces import IRoot
from substanced.util import find_objectmap
from zope.interface import Interface, implementer

from ...content import IColumn, IDepartment, IDocument

#: the knowledge column's name in a site's 互动交流 column
COLUMN_NAME = "zswd"
#: the 互动交流 column of a site
HUB_NAME = "hdjl"
#: the content type (bindings.yaml: participation)
TYPE = "KnowledgeEntry"
#: limits of what an entry holds
MAX_WORDINGS = 20
MAX_LINKS = 10
MAX_KEYWORDS = 20


class IKnowledgeEntry(Interface):
    """A knowledge-base entry (常见问题)."""


@content("KnowledgeEntry", icon="glyphicon glyphicon-question-sign", catalog=True)
@implementer(IKnowledgeEntry)
class KnowledgeEntry(Folder):
    """A question, its other wordings and its answer."""

    title = ""
    wordings = ()
    answer = ""
    links = ()
    keywords = ()
    pinned = False
    last_editor = None
    # counters (see .counts): created with the entry
    served = None
    helpful_yes = None
    helpful_no = None

    def __init__(self, **kw):
        super().__init__()
        self.served = Length()
        self.helpful_yes = Length()
        self.helpful_no = Length()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return False


def site_of(obj):
    """The department or portal root ``obj`` belongs to."""
    node = obj
    while node is not None and not (IDepartment.providedBy(node) or IRoot.providedBy(node)):
        node = node.__parent__
    return node


def is_knowledge_column(column):
    """Where entries may be added: a column named :data:`COLUMN_NAME`."""
    return column is not None and IColumn.providedBy(column) and column.__name__ == COLUMN_NAME


def knowledge_column(site):
    """The knowledge column of ``site`` (``hdjl/zswd``, else ``zswd``), or None."""
    hub = site.get(HUB_NAME) if hasattr(site, "get") else None
    for parent in (hub, site):
        if parent is not None and IColumn.providedBy(parent.get(COLUMN_NAME)):
            return parent[COLUMN_NAME]
    return None


def resolve_link(context, name):
    """The guide or document a ``links`` entry names (path or oid), or None."""
    from ...services.guide import IServiceGuide

    name = str(name or "").strip()
    if not name:
        return None
    target = None
    if name.isdigit():
        objectmap = find_objectmap(context)
        target = objectmap.object_for(int(name)) if objectmap is not None else None
    else:
        try:
            target = find_resource(context, name if name.startswith("/") else "/" + name)
        except (KeyError, ValueError):
            target = None
    if target is not None and (IServiceGuide.providedBy(target) or IDocument.providedBy(target)):
        return target
    return None


def linked(entry):
    """The guides and documents ``entry`` names that exist, in its order."""
    found = []
    for name in entry.links or ():
        target = resolve_link(entry, name)
        if target is not None and target not in found:
            found.append(target)
    return found


def counter(entry, name):
    """The :class:`Length` ``name`` of ``entry`` (created for entries made
    before it existed)."""
    value = getattr(entry, name, None)
    if value is None:
        value = Length()
        setattr(entry, name, value)
    return value
