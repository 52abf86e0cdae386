"""Probes with an internal ``probe_base_url`` fetch a department that has its
own host name with that host's ``Host`` header (not its portal path, which
answers with a 301 to a host the probe may not reach)."""

from types import SimpleNamespace

from govportal.bootstrap import site_session
from govportal.monitoring.probes.rounds import observe, plan
from tests.concurrency.helpers import quiet_server, threaded_server

from .helpers import JYJ, set_domain

pytestmark = quiet_server


def test_probes_send_a_hosted_departments_host(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    with threaded_server(wsgi_app, "sitehosts-probes") as port:
        base = f"http://127.0.0.1:{port}"
        conf = SimpleNamespace(base_url=base, paths=("/gzdt/",), timeout=60)
        with site_session(wsgi_app.registry) as (zodb_root, _request):
            targets = plan(zodb_root["app_root"], wsgi_app.registry, conf)
        mine = {(t.site_path, t.path): t for t in targets}
        assert (mine["/jyj", ""].url, mine["/jyj", ""].host) == (base + "/", JYJ)
        assert (mine["/jyj", "/gzdt/"].url, mine["/jyj", "/gzdt/"].host) == (base + "/gzdt/", JYJ)
        assert (mine["/wjj", ""].url, mine["/wjj", ""].host) == (base + "/wjj/", "")
        assert (mine["/", ""].url, mine["/", ""].host) == (base + "/", "")
        chosen = [mine["/jyj", ""], mine["/jyj", "/gzdt/"], mine["/wjj", ""], mine["/", ""]]
        _at, seen = observe(chosen, conf)
    for target, result in seen:
        assert result.ok and result.status == 200, (target, result)
