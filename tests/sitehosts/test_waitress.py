"""One real waitress server answering three host names: the portal's, a
department's own, and an unknown one (served as the portal, as before)."""

import http.client

from tests.concurrency.helpers import quiet_server, threaded_server

from .helpers import JYJ, set_domain

pytestmark = quiet_server


def fetch(port, path, host):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": host})
        answer = conn.getresponse()
        return answer.status, answer.getheader("Location"), answer.read().decode("utf-8")
    finally:
        conn.close()


def test_three_host_names_on_one_server(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    with threaded_server(wsgi_app, "sitehosts-waitress") as port:
        portal = f"www.yingshan.gov.cn:{port}"
        status, _loc, home = fetch(port, "/", portal)
        assert status == 200 and f'href="http://{JYJ}:{port}/"' in home
        status, _loc, dept = fetch(port, "/", f"{JYJ}:{port}")
        assert status == 200 and "教育局" in dept
        assert 'href="https://www.yingshan.gov.cn/"' in dept  # the configured public URL
        status, location, _ = fetch(port, "/jyj/gzdt/", portal)
        assert (status, location) == (301, f"http://{JYJ}:{port}/gzdt/")
        status, location, _ = fetch(port, "/@@login", f"{JYJ}:{port}")
        assert status == 302 and location.endswith("www.yingshan.gov.cn/@@login")
        status, _loc, other = fetch(port, "/", "203.0.113.9")
        assert status == 200 and f'href="http://{JYJ}/"' in other
