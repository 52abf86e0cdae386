"""Persistent per-site service objects kept as attributes of the portal root.

Features such as the working-day override table and the 索引号 registry keep
one object per site on the root; :func:`site_object` finds it and, when
asked, creates it on first use.
"""

from pyramid.traversal import find_root


def site_object(context, attr, factory=None):
    """The object stored as ``attr`` on ``context``'s site root.

    With a ``factory``, a missing object is created (and stored); without
    one, None is returned for a site that has none yet.
    """
    root = find_root(context)
    obj = getattr(root, attr, None)
    if obj is None and factory is not None:
        obj = factory()
        setattr(root, attr, obj)
    return obj
