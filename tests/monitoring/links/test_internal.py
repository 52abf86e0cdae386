"""Internal links as an anonymous visitor follows them: resources by
traversal, views by name, static files by route, nothing rendered."""

from govportal.bootstrap import site_session
from govportal.monitoring.links.internal import anonymous_request, check_internal

from .helpers import draft, links_app


def test_verdicts_of_site_paths(app_settings):
    with links_app(app_settings) as app:
        hidden = draft(app, "secret")
        with site_session(app.registry, commit=False) as (zroot, _request):
            root = zroot["app_root"]
            anon = anonymous_request(app.registry, root)

            def verdict(target):
                return check_internal(root, anon, target)[:2]

            assert verdict("/") == ("ok", 200)
            assert verdict("/jyj/") == ("ok", 200)
            assert verdict("/jyj/gzdt/?page=2") == ("ok", 200)
            assert verdict("/@@search") == ("ok", 200)
            assert verdict("/ws-static/workspace.css") == ("ok", 200)
            assert verdict("/jyj/no-such-thing") == ("definite", 404)
            assert verdict("/jyj/@@no-such-view") == ("definite", 404)
            assert verdict("/jyj/gzdt/secret") == ("definite", 403)  # a draft
            assert verdict(f"/@@ref/{hidden}") == ("definite", 403)
            assert verdict("/@@ref/123456789") == ("definite", 404)
            assert verdict("/principals/users/") == ("definite", 403)  # staff only
