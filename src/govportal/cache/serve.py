"""Where requests meet the cache: an execution policy and a tween.

:class:`CachingExecutionPolicy` wraps Pyramid's execution policy (the one
``pyramid_retry`` installs).  It runs before Pyramid creates a request: for
an anonymous GET or HEAD it reads the database's last transaction id and, on
a hit, answers straight from the cache.  Otherwise it leaves a
:class:`Probe` in the WSGI environ and hands the request on.

:func:`cache_tween_factory` is the outermost tween (above ``pyramid_tm``).
On the way out it sets the caching headers of every answer, stores cacheable
anonymous pages and answers 304 when the client's validators match.
"""

import logging
import threading
import time
from urllib.parse import unquote_plus

from pyramid.interfaces import IAuthenticationPolicy
from pyramid.response import Response
from pyramid.router import default_execution_policy
from substanced.sdi import MANAGE_ROUTE_NAME

from .fragments import FragmentStore
from .freshness import TransactionIdSource
from .store import HEADERS_OF_304, Entry, not_modified
from .validators import format_http_date, last_modified_seconds, make_etag, may_send_last_modified

log = logging.getLogger(__name__)

#: environ key of the :class:`Probe` left for the tween.
PROBE = "govportal.cache.probe"
#: environ key a view sets (through :func:`govportal.cache.dont_cache`) to
#: keep its answer out of the cache.
DONT_CACHE = "govportal.cache.dont_cache"

#: Content types of pages that are rendered in full and may be stored.
STORABLE_TYPES = frozenset({"text/html", "application/xml", "application/rss+xml", "text/xml"})
#: Views whose answers are never stored, whatever they answer.  ``search``
#: first waits for this process's queued indexing (``flush_before_search``)
#: so that it shows what was just published; a cached answer would skip that
#: wait between a publication's commit and its index commit.
NEVER_STORED_VIEWS = frozenset(
    {"history", "transition", "leave", "mode", "login", "logout", "search"}
)
#: Headers that are not kept with a stored page (set per answer, or unsafe).
NOT_STORED_HEADERS = frozenset(
    {"date", "last-modified", "set-cookie", "x-govportal-cache", "connection", "server"}
)
#: Vary values a stored page may carry (its key covers them).
STORABLE_VARY = frozenset({"cookie", "accept-encoding"})

PRIVATE = "private, no-store"
NO_STORE = "no-store"

# The clock; tests replace it to move time forward.
clock = time.time


class Probe:
    """What the execution policy learnt before the request ran: the cache
    key (None if the page may not be looked up or stored), the last
    transaction id ``tid`` and the time ``observed_at`` read just before it."""

    __slots__ = ("key", "tid", "observed_at")

    def __init__(self, key, tid, observed_at):
        self.key = key
        self.tid = tid
        self.observed_at = observed_at


class CacheOptions:
    """The ``govportal.cache.*`` settings, parsed once."""

    def __init__(self, settings):
        from pyramid.settings import asbool, aslist

        from ..settings import DEFAULTS

        def get(name):
            value = settings.get(name)
            return DEFAULTS[name] if value is None else value

        # With templates reloaded from disk (development), a template edit
        # changes pages without a commit: keep nothing.
        self.enabled = asbool(get("govportal.cache.enabled")) and not asbool(
            settings.get("pyramid.reload_templates", False)
        )
        self.max_entries = int(get("govportal.cache.max_entries"))
        self.max_bytes = int(float(get("govportal.cache.max_mb")) * 1024 * 1024)
        self.query_params = frozenset(aslist(get("govportal.cache.query_params")))
        self.vary_cookies = frozenset(aslist(get("govportal.cache.vary_cookies")))
        self.routes = frozenset(aslist(get("govportal.cache.routes")))
        self.s_maxage = max(0, int(get("govportal.cache.s_maxage")))
        self.public_cache_control = "public, max-age=0, must-revalidate"
        if self.s_maxage:
            self.public_cache_control = (
                f"public, max-age=0, s-maxage={self.s_maxage}, must-revalidate"
            )


class CacheState:
    """Everything the policy and the tween share, kept on the registry."""

    def __init__(self, registry, options, cache):
        self.registry = registry
        self.options = options
        self.cache = cache
        self.fragments = FragmentStore()
        self._tids = None
        self._lock = threading.Lock()
        self.auth_cookie = "auth_tkt"
        self.auth_marker = "auth_tkt="

    @property
    def tids(self):
        """The :class:`~govportal.cache.freshness.TransactionIdSource` of the
        primary database (made on first use: the database opens at start-up)."""
        tids = self._tids
        if tids is None:
            with self._lock:
                if self._tids is None:
                    databases = getattr(self.registry, "_zodb_databases", None) or {}
                    db = databases.get("")
                    if db is None:
                        raise LookupError("no ZODB database configured")
                    self._tids = TransactionIdSource(db)
                tids = self._tids
        return tids

    def configure_auth_cookie(self):
        policy = self.registry.queryUtility(IAuthenticationPolicy)
        cookie = getattr(policy, "cookie", None)
        self.auth_cookie = getattr(cookie, "cookie_name", None) or "auth_tkt"
        self.auth_marker = self.auth_cookie + "="

    # -- requests ---------------------------------------------------------
    def has_credentials(self, environ):
        """True if the request may be a signed-in user's (conservative: any
        auth cookie, valid or not, and any Authorization header)."""
        if "HTTP_AUTHORIZATION" in environ:
            return True
        return self.auth_marker in environ.get("HTTP_COOKIE", "")

    def key(self, environ):
        """The cache key of an anonymous GET/HEAD, or None if the page may not
        be cached (an SDI path, a query parameter no cached page uses)."""
        path = environ.get("PATH_INFO", "")
        if path.startswith("/manage") or "@@history" in path:
            return None
        query = environ.get("QUERY_STRING", "")
        if query:
            allowed = self.options.query_params
            for part in query.split("&"):
                if not part:
                    continue
                name = part.split("=", 1)[0]
                if name not in allowed and unquote_plus(name) not in allowed:
                    return None
        cookies = ()
        header = environ.get("HTTP_COOKIE")
        if header:
            vary = self.options.vary_cookies
            found = []
            for part in header.split(";"):
                name, sep, value = part.strip().partition("=")
                if sep and name in vary:
                    found.append((name, value))
            cookies = tuple(found)
        host = environ.get("HTTP_HOST") or (
            f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
        )
        return (
            environ.get("wsgi.url_scheme", "http"),
            host,
            environ.get("SCRIPT_NAME", ""),
            path,
            query,
            cookies,
        )


class CachingExecutionPolicy:
    """Answers cached pages before Pyramid creates a request (see module doc)."""

    def __init__(self, inner, state):
        self.inner = inner
        self.state = state

    def __call__(self, environ, router):
        method = environ.get("REQUEST_METHOD")
        if method == "GET" or method == "HEAD":
            state = self.state
            if not state.has_credentials(environ):
                observed_at = clock()
                try:
                    tid = state.tids.current()
                except Exception:
                    log.warning("cannot read the last transaction id", exc_info=True)
                    tid = None
                if tid is not None:
                    key = state.key(environ) if state.options.enabled else None
                    if key is not None:
                        entry = state.cache.get(key, tid, observed_at)
                        if entry is not None:
                            return entry.answer(environ, observed_at)
                    environ[PROBE] = Probe(key, tid, observed_at)
        return self.inner(environ, router)


def install_execution_policy(config, state):
    """Wrap the execution policy in force (``pyramid_retry``'s) — run as a
    late configuration action, after every ``set_execution_policy``."""
    from pyramid.interfaces import IExecutionPolicy

    registry = config.registry
    inner = registry.queryUtility(IExecutionPolicy, default=default_execution_policy)
    if isinstance(inner, CachingExecutionPolicy):
        return
    state.configure_auth_cookie()
    registry.registerUtility(CachingExecutionPolicy(inner, state), IExecutionPolicy)


# -- the tween -------------------------------------------------------------


def _add_vary_cookie(response):
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "Cookie"
    elif "cookie" not in {v.strip().lower() for v in vary.split(",")}:
        response.headers["Vary"] = vary + ", Cookie"


def _make_private(response):
    response.headers["Cache-Control"] = PRIVATE
    response.headers.pop("Expires", None)
    _add_vary_cookie(response)


def _is_static(request):
    route = request.matched_route
    return route is not None and route.name.startswith("__")


def _is_sdi(request):
    route = request.matched_route
    return route is not None and route.name == MANAGE_ROUTE_NAME


def cache_tween_factory(handler, registry):
    state = registry.govportal_page_cache

    def cache_tween(request):
        response = handler(request)
        if _is_static(request):
            return response
        if _is_personal(state, request, response):
            _make_private(response)
            return response
        probe = request.environ.get(PROBE)
        if probe is None:  # an unsafe method, or the database could not be asked
            return response
        return finish_anonymous(state, request, response, probe)

    return cache_tween


def _is_personal(state, request, response):
    """An answer for one visitor only: a signed-in user's, the SDI's, or one
    that sets a cookie or used the session (whose cookie a response callback
    may set after this tween)."""
    return (
        state.has_credentials(request.environ)
        or "Set-Cookie" in response.headers
        or "session" in request.__dict__
        or bool(request.response_callbacks)
        or _is_sdi(request)
    )


def finish_anonymous(state, request, response, probe):
    """Headers, storage and 304 for the answer to an anonymous GET/HEAD."""
    headers = response.headers
    if "Cache-Control" in headers:
        return response  # the view chose (e.g. the logo)
    status = response.status_int
    if status >= 500:
        headers["Cache-Control"] = NO_STORE
        return response
    headers["Cache-Control"] = state.options.public_cache_control
    _add_vary_cookie(response)
    if status != 200:
        return response
    context = getattr(request, "context", None)
    if _is_attachment_download(request, context):
        return _attachment_validators(response, context, probe)
    if not isinstance(response.app_iter, (list, tuple)):
        return response
    body = response.body
    etag = make_etag(body)
    headers["ETag"] = etag
    stored = [(k, v) for k, v in response.headerlist if k.lower() not in NOT_STORED_HEADERS]
    if not any(k.lower() == "content-length" for k, _v in stored):
        stored.append(("Content-Length", str(len(body))))
    entry = Entry(probe.tid, response.status, stored, body, etag, probe.observed_at)
    # A render that ran across midnight may show either day: neither kept
    # nor given a Last-Modified.
    same_day = clock() < entry.expires
    marker = "pass"
    if probe.key is not None and same_day and _may_store(state, request, response, context):
        try:
            current = state.tids.current()
        except Exception:
            current = None
        if current is not None and state.cache.put(probe.key, entry, current):
            marker = "miss"
    headers["X-Govportal-Cache"] = marker
    lm = entry.last_modified(probe.observed_at) if same_day else None
    if lm is not None:
        headers["Last-Modified"] = entry.lm_header
    if not_modified(request.environ, etag, lm):
        return _not_modified(response)
    return response


def _not_modified(response):
    kept = HEADERS_OF_304 | {"last-modified", "x-govportal-cache"}
    headers = [(k, v) for k, v in response.headerlist if k.lower() in kept]
    return Response(status=304, headerlist=headers)


def _may_store(state, request, response, context):
    """Only whole HTML/XML pages of public content, by a view that did not
    opt out (the answer is already known to be anonymous and impersonal)."""
    if request.environ.get(DONT_CACHE) or response.content_type not in STORABLE_TYPES:
        return False
    route = request.matched_route
    if route is not None and route.name not in state.options.routes:
        return False
    if request.view_name in NEVER_STORED_VIEWS:
        return False
    vary = response.headers.get("Vary", "")
    if any(v.strip().lower() not in STORABLE_VARY for v in vary.split(",") if v.strip()):
        return False
    if context is not None and not _publicly_visible(request, context):
        return False
    return True


def _publicly_visible(request, context):
    """Defence in depth: the view already checked that an anonymous visitor
    may see the context; a document must also be in a public state."""
    from ..content import IDocument
    from ..workflow import get_workflow

    if IDocument.providedBy(context):
        workflow = get_workflow(context, request.registry)
        return workflow is not None and workflow.is_public(context)
    return True


def _is_attachment_download(request, context):
    from ..content import IAttachment

    return context is not None and request.view_name == "" and IAttachment.providedBy(context)


def _attachment_validators(response, context, probe):
    """An attachment is a blob: its ETag and Last-Modified come from the
    serials of the file and blob objects, not from hashing the file, and
    WebOb (the response is conditional) answers 304 itself."""
    from ZODB.utils import p64, u64

    try:
        serial_hex = context.get_etag()
    except Exception:
        return response
    response.etag = serial_hex  # WebOb quotes it
    serial = p64(int(serial_hex, 16)) if serial_hex.startswith("0x") else None
    lm = last_modified_seconds(serial) if serial is not None and u64(serial) else None
    if lm is not None and may_send_last_modified(lm, probe.observed_at):
        response.headers["Last-Modified"] = format_http_date(lm)
    else:
        response.last_modified = None
    response.headers["X-Govportal-Cache"] = "pass"
    return response
