"""Fixed information pages: 网站地图, 帮助, 关于本站, 无障碍说明, leaving notice."""

from urllib.parse import urlsplit

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .listing import children_of_type


@view_config(context=IRoot, name="sitemap", permission="view", renderer="sitemap.skin")
def sitemap_view(context, request):
    def tree(container):
        return [(column, tree(column)) for column in children_of_type(container, "Column", request)]

    departments = [(dept, tree(dept)) for dept in children_of_type(context, "Department", request)]
    return {"columns": tree(context), "departments": departments, "crumbs": []}


@view_config(context=IRoot, name="help", permission="view", renderer="help.skin")
@view_config(context=IRoot, name="about", permission="view", renderer="about.skin")
@view_config(context=IRoot, name="accessibility", permission="view", renderer="accessibility.skin")
def info_page(context, request):
    return {"crumbs": []}


def is_government_url(url):
    """True for links that stay on ``.gov.cn`` sites (no leaving notice needed)."""
    host = (urlsplit(url).hostname or "").lower()
    return host == "gov.cn" or host.endswith(".gov.cn")


@view_config(context=IRoot, name="leave", permission="view", renderer="leave.skin")
def leave_view(context, request):
    """The notice shown before a visitor follows a link off government sites."""
    url = request.GET.get("url", "")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        raise HTTPBadRequest("链接地址无效。")
    referer = request.referer or ""
    back = (
        referer
        if referer.startswith(request.application_url + "/")
        else request.application_url + "/"
    )
    return {"url": url, "host": parts.hostname, "back": back, "crumbs": []}


@view_config(context=IRoot, name="mode", permission="view")
def mode_view(context, request):
    """Switch between the standard and the 长者版 (elderly-friendly) mode;
    the choice is kept in a cookie and so persists across pages."""
    from pyramid.httpexceptions import HTTPSeeOther

    mode = request.GET.get("set")
    if mode not in ("elder", "standard"):
        raise HTTPBadRequest("未知的显示模式。")
    referer = request.referer or ""
    base = request.application_url + "/"
    target = referer if referer.startswith(base) else base
    response = HTTPSeeOther(target)
    if mode == "elder":
        response.set_cookie("gp_mode", "elder", max_age=365 * 86400, samesite="Lax", path="/")
    else:
        response.delete_cookie("gp_mode", path="/")
    return response
