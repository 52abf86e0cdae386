"""What the site search indexes: documents, and what other aspects register.

A *source* is one content type the index holds: how to tell its objects
(``iface``), which workflow states make them searchable, and how to read an
object into a :class:`~govportal.search.index.DocRecord` (``record``) with a
cheap ``signature`` that changes whenever that record would.  Documents are
the built-in source (:mod:`govportal.search.indexer`); another aspect adds
its own with the ``config.add_search_source(source)`` directive (the service
guides of :mod:`govportal.services.search`), so that the search package
never imports the aspects it indexes.

Attachments of an object of any source are read with it: a change to an
attachment re-indexes the object it belongs to.
"""

from ..workflow import facts


class SearchSource:
    """One content type in the site search (subclass and override)."""

    #: the content type's name (system catalog ``content_type``, workflow binding)
    content_type = ""
    #: the interface its objects provide
    iface = None

    def states(self, registry):
        """Workflow states in which objects are searchable (listed states)."""
        return facts.listed_states(registry, self.content_type)

    def signature(self, obj, state):
        """A digest of everything :meth:`record` reads."""
        raise NotImplementedError

    def record(self, obj, signature, previous=None):
        """The :class:`~govportal.search.index.DocRecord` of ``obj``."""
        raise NotImplementedError

    def provides(self, obj):
        return self.iface is not None and self.iface.providedBy(obj)


def sources(registry):
    """Every registered source, documents first."""
    return list(getattr(registry, "govportal_search_sources", ()))


def source_for(registry, obj):
    """The source ``obj`` belongs to, or None."""
    for source in sources(registry):
        if source.provides(obj):
            return source
    return None


def searchable_states(registry):
    """States in which an object of some source is searchable."""
    states = set()
    for source in sources(registry):
        states.update(source.states(registry))
    return sorted(states)


def content_types(registry):
    return [source.content_type for source in sources(registry)]


def add_search_source(config, source):
    """Directive: index objects of ``source`` (a :class:`SearchSource`)."""

    def register():
        registry = config.registry
        registry.govportal_search_sources = (
            *getattr(registry, "govportal_search_sources", ()),
            source,
        )

    config.action(("govportal.search.source", source.content_type), register)
