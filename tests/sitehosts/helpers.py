"""Host names of the demo site's departments in tests."""

from govportal.bootstrap import site_session

PORTAL = "https://www.yingshan.gov.cn"  # the tests' govportal.public_url
JYJ = "jyj.yingshan.gov.cn"
WJJ = "wjj.yingshan.gov.cn"


def set_domain(wsgi_app, name, domain):
    """Give department ``name`` the host name ``domain`` (committed)."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"][name].domain = domain


def on(host):
    """WebTest keywords for a request to ``host``."""
    return {"extra_environ": {"HTTP_HOST": host}}
