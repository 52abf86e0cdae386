"""Shared page fragments: the site header and footer rendered once per
database state, not once per page.

Every public page carries the same header (the site's name, search box,
main navigation, the department's name) and footer (主办/承办, contacts,
网站标识码, 备案 numbers).  They depend only on the site settings, the
department, the 长者版 switch and the site's base URL — yet rendering them
was a third of a page's first render.  :func:`fragment` renders such a
template once and reuses the HTML for every page rendered from the same
database state.

Correctness follows the page cache's rule (:mod:`govportal.cache`): a
fragment is tagged with the transaction id the request's
:class:`~govportal.cache.serve.Probe` observed before the request opened
its connection, and is kept only if that id is still the database's last
transaction after rendering (so the connection saw exactly that state).
It is used only by requests tagged with the same id, so a commit makes
every fragment unusable at once.  Requests without a probe (signed-in
users, unsafe methods, cache disabled) render the template every time.

A fragment template may use only what its key covers: ``site``,
``app_url``, ``elder``, ``department`` (and static values).  Anything that
differs from page to page (breadcrumbs, titles, meta tags) belongs to the
page template.
"""

import threading

#: Fragments kept at once (one database state; per department and mode).
MAX_FRAGMENTS = 2000


class FragmentStore:
    """HTML fragments of one database state (older states are dropped)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tid = None
        self._items = {}

    def get(self, tid, key):
        if tid != self._tid:
            return None
        return self._items.get(key)

    def put(self, tid, key, html):
        with self._lock:
            if tid != self._tid:
                if self._tid is not None and tid < self._tid:
                    return  # a slow request of an older state
                self._tid, self._items = tid, {}
            if len(self._items) < MAX_FRAGMENTS:
                self._items[key] = html


def fragment(request, filename, values, key):
    """The HTML of skin template ``filename`` rendered with ``values``.

    ``key`` must identify ``values`` completely (hashable); the answer is
    shared with every other request of the same database state.
    """
    from ..skin import site_skin, skin_template
    from .serve import PROBE

    registry = request.registry
    skin = site_skin(request)
    probe = request.environ.get(PROBE)
    state = getattr(registry, "govportal_page_cache", None)
    shared = probe is not None and state is not None and state.options.enabled
    full_key = (skin, filename, key)
    if shared:
        html = state.fragments.get(probe.tid, full_key)
        if html is not None:
            return html
    html = skin_template(registry, filename, skin).implementation()(request=request, **values)
    if shared:
        try:
            current = state.tids.current()
        except Exception:
            current = None
        if current == probe.tid:
            state.fragments.put(probe.tid, full_key, html)
    return html
