"""External links checked over HTTP, politely and safely.

:class:`HttpChecker` asks each URL with ``HEAD`` (``GET`` when the server
answers 405 or 501 to ``HEAD``), follows at most :data:`MAX_REDIRECTS`
redirects, waits at most ``timeout`` seconds per request and sends at most
``rate`` requests a second to one host.  Verdicts (checklist B19):

* 2xx (after redirects) — good;
* 404, 403, 410, a name that does not resolve — *definite*: broken;
* timeouts, refused or reset connections, TLS failures, 5xx, any other
  4xx (429 …), too many redirects — *suspect*: the crawler checks the URL
  once more later in the run before it reports it.

SSRF guard: only ``http``/``https``, and never an address that is private,
loopback, link-local, reserved or multicast (a page may link to an intranet
host; the monitor must not be made to fetch it) unless ``allow_private``
(tests serve their pages on 127.0.0.1).  The address checked is the one
connected to (no second DNS answer in between), and every redirect hop is
checked again.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from urllib.parse import quote, urljoin, urlsplit

from .internal import DEFINITE, OK, SUSPECT

#: HTTP headers are ASCII
USER_AGENT = "govportal-linkcheck/1.0 (government website broken-link monitor)"
MAX_REDIRECTS = 5
DEFINITE_STATUSES = frozenset({403, 404, 410})
#: characters left as they are when a path is quoted for the request line
SAFE = "/%:@!$&'()*+,;=-._~?"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class _PinnedMixin:
    """Connect to the address already checked, keep the host name for TLS/Host."""

    def __init__(self, host, address, **kw):
        super().__init__(host, **kw)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        if isinstance(self, http.client.HTTPSConnection):
            self.sock = self._context.wrap_socket(self.sock, server_hostname=self.host)


class _HTTP(_PinnedMixin, http.client.HTTPConnection):
    pass


class _HTTPS(_PinnedMixin, http.client.HTTPSConnection):
    pass


def is_public_address(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None):
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


class RateLimiter:
    """At most ``rate`` requests a second per host (thread-safe); keeps the
    times of the requests it let through (``times[host]``) for the record."""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.next_at = {}
        self.times = {}
        self._lock = threading.Lock()

    def wait(self, host):
        with self._lock:
            now = self.clock()
            at = max(now, self.next_at.get(host, now))
            self.next_at[host] = at + self.interval
        if at > now:
            self.sleep(at - now)
        with self._lock:
            self.times.setdefault(host, []).append(self.clock())


class HttpChecker:
    """Checks external URLs; ``check(url)`` → ``(verdict, status, reason)``."""

    def __init__(self, timeout=10.0, rate=5.0, allow_private=False, user_agent=USER_AGENT):
        self.timeout = timeout
        self.allow_private = allow_private
        self.user_agent = user_agent
        self.limiter = RateLimiter(rate)
        self.context = ssl.create_default_context()
        self.requests = 0

    def _resolve(self, host, port):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as e:
            if e.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
                return None, (DEFINITE, None, "域名不存在")
            return None, (SUSPECT, None, "域名解析失败")
        addresses = [info[4][0] for info in infos]
        if not self.allow_private and not all(is_public_address(a) for a in addresses):
            return None, (SUSPECT, None, "指向内网或保留地址，未检查")
        return addresses[0], None

    def _ask(self, method, url):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return None, (SUSPECT, None, "不支持的链接协议")
        port = parts.port or (443 if scheme == "https" else 80)
        address, refused = self._resolve(parts.hostname, port)
        if refused is not None:
            return None, refused
        self.limiter.wait(parts.hostname.lower())
        self.requests += 1
        if scheme == "https":
            conn = _HTTPS(
                parts.hostname, address, port=port, timeout=self.timeout, context=self.context
            )
        else:
            conn = _HTTP(parts.hostname, address, port=port, timeout=self.timeout)
        path = quote((parts.path or "/") + ("?" + parts.query if parts.query else ""), safe=SAFE)
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None, (DEFINITE, None, "域名不合法")
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        headers = {"User-Agent": self.user_agent, "Host": host_header}
        try:
            conn.request(method, path, headers=headers)
            response = conn.getresponse()
            response.read(0)
            return (response.status, response.getheader("Location")), None
        except TimeoutError:
            return None, (SUSPECT, None, "连接超时")
        except ssl.SSLError:
            return None, (SUSPECT, None, "安全连接（TLS）失败")
        except (OSError, http.client.HTTPException):
            return None, (SUSPECT, None, "无法连接")
        finally:
            conn.close()

    def check(self, url):
        """The verdict on ``url``: ``(verdict, status, reason)``."""
        for _hop in range(MAX_REDIRECTS + 1):
            answer, failed = self._ask("HEAD", url)
            if failed is None and answer[0] in (405, 501):
                answer, failed = self._ask("GET", url)
            if failed is not None:
                return failed
            status, location = answer
            if status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            return verdict_of(status)
        return SUSPECT, None, "重定向次数过多"


def verdict_of(status):
    if 200 <= status < 400:
        return OK, status, ""
    if status in DEFINITE_STATUSES:
        return DEFINITE, status, f"HTTP {status}"
    return SUSPECT, status, f"HTTP {status}"
