"""One probe: fetch a URL the way a visitor would, within a deadline.

A probe succeeds when the page answers 2xx (after redirects) and its whole
body arrives before ``timeout`` seconds (B2, B20: 15 s counts as down).
Only the standard library is used, so the external ``govportal-probe`` needs
nothing the application does not have.  Network I/O only: callers must not
hold a database transaction open around it.
"""

import http.client
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

#: bytes read at a time; the body is read (a stalled body is a failure) and dropped
CHUNK = 64 * 1024
#: most bytes read of one page (a huge page is not a reason to stay longer)
MAX_BYTES = 8 * 1024 * 1024
#: most probes run at once (a round must not take sites × timeout seconds)
PARALLEL = 8
USER_AGENT = "govportal-probe/1 (availability monitor)"


@dataclass(frozen=True)
class Result:
    """What one probe saw: ``status`` 0 when no HTTP answer came."""

    url: str
    ok: bool
    status: int
    seconds: float
    error: str = ""


def fetch(url, timeout, host=""):
    """Probe ``url`` (with the ``Host`` header ``host`` if given); never
    raises for network trouble."""
    started = time.monotonic()
    if not url.startswith(("http://", "https://")):
        return Result(url, False, 0, 0.0, "not an http(s) URL")
    headers = {"User-Agent": USER_AGENT}
    if host:
        headers["Host"] = host
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    status = 0
    error = ""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status = response.status
            read = 0
            while read < MAX_BYTES:
                if time.monotonic() - started >= timeout:
                    break
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                read += len(chunk)
    except urllib.error.HTTPError as e:
        status = e.code
        error = f"HTTP {e.code}"
    except TimeoutError:
        error = "timeout"
    except urllib.error.URLError as e:
        reason = e.reason
        error = "timeout" if isinstance(reason, TimeoutError) else str(reason)
    except (OSError, http.client.HTTPException, ValueError) as e:
        error = f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - started
    if not error and seconds >= timeout:
        error = "timeout"
    ok = not error and 200 <= status < 300
    if not ok and not error:
        error = f"HTTP {status}"
    return Result(url, ok, status, round(seconds, 3), error[:300])


def fetch_all(urls, timeout, parallel=PARALLEL, hosts=None):
    """Probe every URL of ``urls`` (several at once; ``hosts``: the ``Host``
    header of each, "" for the URL's own); results in the same order."""
    urls = list(urls)
    if not urls:
        return []
    hosts = list(hosts) if hosts is not None else [""] * len(urls)
    with ThreadPoolExecutor(min(parallel, len(urls)), thread_name_prefix="probe") as pool:
        return list(pool.map(lambda u, h: fetch(u, timeout, h), urls, hosts))
