"""Private stores kept as attributes (never folder items, never traversable):
a site's box of records by number (:class:`PrivateBox`; applications, cases)
and the per-site or per-portal trees of indexes and inboxes (:func:`attached`,
:func:`root_tree`)."""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.security import DENY_ALL
from pyramid.traversal import find_root

from .submissions.ledger import WideTree


class NumberedItems(OOBTree):
    """Records by number in buckets of up to 500 (numbers grow: every insert
    lands in the last bucket, and a split fails every concurrent insert)."""

    max_leaf_size = 500
    max_internal_size = 500


class PrivateBox(Persistent):
    """A site's records by number; never public (the ACL denies everything,
    each record carries the ACL of its own workflow state).  Subclasses name
    the tree class of ``items`` (``items_class``)."""

    __acl__ = [DENY_ALL]
    items_class = None

    def __init__(self, site):
        self.__parent__ = site
        self.items = self.items_class()

    def add(self, record, name):
        """Store ``record`` as ``name``; a name already used is refused."""
        if name in self.items:
            raise KeyError(f"{self.__name__} {name} exists")
        return self._put(record, name)

    def _put(self, record, name):
        record.__name__ = name
        record.__parent__ = self
        self.items[name] = record
        return record

    def get(self, name):
        return self.items.get(name)

    def values(self):
        return list(self.items.values())

    def __len__(self):
        return len(self.items)


def attached(obj, attr, make, create=False):
    """``obj``'s attribute ``attr`` (None when missing); when missing and
    ``create``, ``make()`` is stored there and returned."""
    value = getattr(obj, attr, None)
    if value is None and create:
        value = make()
        setattr(obj, attr, value)
    return value


def root_tree(context, attr, create=False):
    """The portal root's :class:`WideTree` ``attr`` (many concurrent inserts,
    see :mod:`.submissions.ledger`), created when ``create``."""
    return attached(find_root(context), attr, WideTree, create)
