"""Fast, always fresh anonymous pages: HTTP validators and a render cache.

What it does
------------
*HTTP.*  Every answer to an anonymous GET or HEAD carries ``Cache-Control:
public, max-age=0, must-revalidate`` (``govportal.cache.s_maxage`` may allow
a reverse proxy a few seconds more) and ``Vary: Cookie`` — the page depends
on the ``gp_mode`` (长者版) cookie and on being signed in.  Pages get a strong
``ETag`` (a hash of the body, so every process gives the same tag for the
same page) and a ``Last-Modified`` (below); ``If-None-Match`` and, without
it, ``If-Modified-Since`` are answered 304.  Attachment downloads take their
ETag and ``Last-Modified`` from the serials of the file and its blob.
Signed-in users (any auth cookie, valid or not, or an ``Authorization``
header) and answers that set a cookie, use the session, have response
callbacks or come from the SDI get ``private, no-store``; 5xx answers
``no-store``; answers whose view set ``Cache-Control`` keep it (the logo,
static files).

*Render cache.*  An in-process LRU (:class:`~govportal.cache.store.PageCache`,
bounded by ``govportal.cache.max_entries`` and ``govportal.cache.max_mb``)
of whole rendered pages, keyed by scheme, ``Host``, script name, path, query
string and the cookies that change the page (``govportal.cache.vary_cookies``:
``gp_mode``, and ``_LOCALE_`` which Pyramid's locale negotiator reads).  Only
anonymous GET/HEAD requests whose query parameters are all ones pages use
(``govportal.cache.query_params``) are looked up.  Stored are only: 200
answers, HTML/XML/RSS, fully in memory, setting no cookie, not touching the
session, from traversal views (or routes named in ``govportal.cache.routes``)
other than history/transition/leave/mode/login, with no ``Cache-Control`` of
their own and no ``Vary`` beyond ``Cookie``, whose context anonymous visitors
may view (and is in a public state, for documents), and whose view did not
call :func:`dont_cache`.  With ``pyramid.reload_templates`` on (development)
nothing is kept: a template edit changes pages without a commit.

Freshness: why a page is never stale, in one process or many
--------------------------------------------------------------
Every entry is tagged with ``T``, the database's last transaction id, read
*before* the request that rendered it began its ZODB transaction.  The render
read a snapshot ``S >= T``.  A lookup reads the last transaction id ``C`` again
and serves the entry only if ``C == T``; otherwise the request is rendered.

``C`` is read exactly as a ZODB connection starting a transaction at that
moment would read it (:mod:`govportal.cache.freshness`): the storage's
``sync()`` then ``lastTransaction()``, or for RelStorage a poll of the
database.  Take any change ``X`` that had committed when the lookup started,
in the sense that a transaction starting then would see it.  Then ``X <= C``.
If the entry is served, ``X <= C == T <= S``: the render already included
``X``.  So a cached answer is never older than a fresh render at the same
moment would be — whatever the change was (an edit, a transition, a column
or site setting, a child published or archived, a department or column added
or closed, a script writing directly, an undo).

The argument holds across processes because the transaction id is the
*storage's*, not the process's.  With a FileStorage there is one process.
With ZEO the server assigns ids, and a client's ``lastTransaction()`` follows
the invalidations the server sends for every commit, from any process; with
``server-sync true`` (``etc/zeo-client.conf``) ``sync()`` is a round trip
after which every earlier commit has been announced, so a commit made through
process A is seen by the next lookup in process B.  RelStorage's id comes
from a poll of the database.  No message between processes is needed beyond
those ZODB already exchanges, and the cache is exactly as fresh as the
storage configuration makes uncached pages.

Tagging with the id read *before* rendering matters: a commit landing during
the render gives ``S > T``, the entry is later compared with a newer ``C`` and
dropped — never stored under an id it did not see.  Entries whose tag is not
the newest id the cache has seen are refused, and seeing a newer id drops
every entry at once, so memory is freed immediately after a change.

Every commit flushes the whole cache.  A narrower scheme — a persistent
generation counter bumped by event subscribers so that unrelated writes keep
the cache — was rejected: any change that fires no event (a script, a
``site_session`` write, an undo, catalog maintenance, a content type added
later) would leave stale pages, and the counter would be a write hot spot for
editors.  Writes are rare next to page views (editors' work, a few hundred a
day); after one, each page costs one render on its next view.

Pages may also depend on the date (deadlines counted in working days,
今天): an entry serves only on the day it was rendered, in China Standard
Time.  Pages that depend on the time of day must call :func:`dont_cache`.

``Last-Modified`` (:mod:`govportal.cache.validators`) is ``L =
ceil(time(T))``, or the start of the day if that is later, and it is sent
only once ``T`` has been seen to still be the last id at a time ``r >= L +
1 s`` (the second absorbs clock skew with the ZEO or database server).  Any
later commit then has a time after ``L`` and a ``Last-Modified`` of at least
``L + 1``, so ``If-Modified-Since`` cannot match a changed page even when
several commits share a second; a page rendered on a later day has a later
``Last-Modified`` too.

Where cached requests are answered
----------------------------------
Before Pyramid's request machinery: :class:`~govportal.cache.serve.
CachingExecutionPolicy` wraps the execution policy (``pyramid_retry``'s) and
runs before a request object, the retry loop, the tweens, the transaction
and the ZODB connection exist.  A hit costs reading the last transaction id
(plus one round trip to a ZEO server with server-sync, one poll query on
RelStorage), a dict lookup and ``start_response``.  A miss leaves a probe
(key, id, time) in the environ; the outermost tween, above ``pyramid_tm``,
stores the rendered page and sets the headers on the way out.

For views
---------
A view whose page depends on something outside the key (the time of day, a
header, a cookie not listed in ``govportal.cache.vary_cookies``, a database
other than the primary one, which alone is watched) must call
:func:`dont_cache`, or set its own ``Cache-Control``.
"""

from pyramid.interfaces import PHASE3_CONFIG
from pyramid.tweens import INGRESS

from .serve import DONT_CACHE, CacheOptions, CacheState, install_execution_policy
from .store import PageCache

#: configuration actions run in ascending order; after every set_execution_policy
_POLICY_ORDER = PHASE3_CONFIG + 100


def get_page_cache(registry):
    """The process's :class:`~govportal.cache.store.PageCache`."""
    return registry.govportal_page_cache.cache


def dont_cache(request):
    """Keep the answer to ``request`` out of the render cache."""
    request.environ[DONT_CACHE] = True


def includeme(config):
    registry = config.registry
    options = CacheOptions(registry.settings)
    cache = PageCache(max_entries=options.max_entries, max_bytes=options.max_bytes)
    state = CacheState(registry, options, cache)
    registry.govportal_page_cache = state
    config.add_tween("govportal.cache.serve.cache_tween_factory", under=INGRESS)
    config.action(
        ("govportal.cache", "execution-policy"),
        install_execution_policy,
        args=(config, state),
        order=_POLICY_ORDER,
    )
