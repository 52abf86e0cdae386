"""The HTTP checker: verdicts (B19), the per-host rate bound, redirects, and
the SSRF guard (no private or loopback address unless a test allows it)."""

import socket

from govportal.monitoring.links.external import HttpChecker, RateLimiter, is_public_address
from govportal.monitoring.links.extract import EXTERNAL, INTERNAL, classify

from .helpers import web_server


def test_verdicts(monkeypatch):
    with web_server() as (base, server):
        checker = HttpChecker(timeout=1, rate=100, allow_private=True)
        assert checker.check(f"{base}/ok")[0] == "ok"
        assert checker.check(f"{base}/gone")[:2] == ("definite", 404)
        assert checker.check(f"{base}/forbidden")[:2] == ("definite", 403)
        assert checker.check(f"{base}/down")[:2] == ("suspect", 500)
        assert checker.check(f"{base}/slow") == ("suspect", None, "连接超时")
        assert checker.check(f"{base}/moved")[0] == "ok"
        assert checker.check(f"{base}/nohead")[0] == "ok"
        assert checker.check(f"{base}/%E4%B8%AD%E6%96%87")[0] == "ok"
        assert checker.check(f"{base}/中文")[0] == "ok"  # quoted on the request line
        heads = [m for m, _t in server.hits["/ok"]]
        assert set(heads) == {"HEAD"}
    # nobody listening there: a connection refused is only suspect
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    assert HttpChecker(timeout=1, allow_private=True).check(f"http://127.0.0.1:{port}/")[0] == (
        "suspect"
    )

    def no_such_name(*args, **kw):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    assert HttpChecker().check("https://no-such-host.example.cn/") == (
        "definite",
        None,
        "域名不存在",
    )


def test_ssrf_guard():
    with web_server() as (base, server):
        checker = HttpChecker(timeout=1)  # as in production
        verdict = checker.check(f"{base}/ok")
        assert verdict[0] == "suspect" and "内网" in verdict[2]
        assert server.hits == {}  # nothing was sent
        assert checker.check("ftp://example.org/x")[0] == "suspect"
    for private in ("10.0.0.1", "192.168.1.1", "172.16.0.1", "127.0.0.1", "::1", "169.254.1.1"):
        assert not is_public_address(private)
    assert is_public_address("8.8.8.8")
    assert classify("javascript:alert(1)", "https://www.yingshan.gov.cn/a/", set()) is None
    assert classify("mailto:a@b.cn", "https://www.yingshan.gov.cn/a/", set()) is None
    hosts = {"www.yingshan.gov.cn"}
    own = classify("https://www.yingshan.gov.cn/jyj/?q=1#top", "https://x/", hosts)
    assert (own.kind, own.target) == (INTERNAL, "/jyj/?q=1")
    rel = classify("../b.html", "https://www.yingshan.gov.cn/jyj/gzdt/doc/", hosts)
    assert (rel.kind, rel.target) == (INTERNAL, "/jyj/gzdt/b.html")
    other = classify("HTTP://Example.org/x#frag", "https://www.yingshan.gov.cn/", hosts)
    assert (other.kind, other.target) == (EXTERNAL, "http://Example.org/x")


def test_rate_bound_per_host():
    with web_server() as (base, server):
        checker = HttpChecker(timeout=2, rate=4, allow_private=True)
        for i in range(6):
            checker.check(f"{base}/ok?{i}")
        times = [t for _m, t in server.hits["/ok"]]
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert len(times) == 6
        assert min(gaps) >= 0.25 - 0.02, gaps  # at most 4 a second
        sent = checker.limiter.times["127.0.0.1"]
        assert sent[-1] - sent[0] >= 5 * 0.25 - 0.02


def test_rate_limiter_keeps_hosts_apart():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(2, clock=lambda: now[0], sleep=sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")  # another host: no wait
    limiter.wait("a.example")  # 0.5 s after the first
    assert slept == [0.5]
    assert limiter.times == {"a.example": [0.0, 0.5], "b.example": [0.0]}
