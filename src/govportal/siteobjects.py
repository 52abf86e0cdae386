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


def current_site_object(attr, context=None):
    """The object stored as ``attr`` on ``context``'s site root or, when
    ``context`` is None or its root has none, on the current request's root
    (code that reads per-site settings is not always handed a resource)."""
    from pyramid.threadlocal import get_current_request

    if context is not None:
        obj = site_object(context, attr)
        if obj is not None:
            return obj
    request = get_current_request()
    root = getattr(request, "root", None) if request is not None else None
    return getattr(root, attr, None) if root is not None else None
