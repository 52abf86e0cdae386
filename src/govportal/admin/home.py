"""管理 home (``/@@admin``) and the staff navigation's 管理 entry.

The page links to every administration page the user may use, and only
those: a link is shown when its view is registered and the user holds the
view's own permission on its target (read from Pyramid's introspector, so
the page can never offer what the view would refuse).  Pages of other
helpers and aspects appear as soon as they exist.

Besides the portal-wide pages, each site (the portal and every department)
has its 依申请公开 queue, annual report and timeliness list, and its 办件
queue and co-handling inbox (govportal.services): a department's reviewers
find them here (they were linked from nowhere staff go).

``request.admin_links`` (reified) holds the sections; the staff layout shows
管理 in its navigation when there is any.
"""

from dataclasses import dataclass

from pyramid.decorator import reify
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from substanced.interfaces import IRoot
from zope.interface.interfaces import IInterface

from ..applications.views_staff import may_see_queue
from ..disclosure.views import STAFF_PERMISSIONS as TIMELINESS_PERMISSIONS
from ..i18n import _
from ..interaction.letters.views_staff import may_see_letters
from ..services.views_cases import may_see_cases
from ..services.views_ratings import may_rectify_here
from ..services.views_tasks import may_see_inbox
from .users_model import departments
from .users_web import TEMPLATES, private, refuse

MANAGE_ROUTE = "substanced_manage"

#: (section, title, view name, description) of the portal-wide pages, in order
PORTAL_PAGES = (
    ("账号与权限", "用户", "admin-users", "新建、编辑、停用账号，发送设置密码的链接"),
    ("账号与权限", "角色", "admin-roles", "按门户、部门和栏目分配角色；谁拥有什么权限"),
    (
        "账号与权限",
        "账号安全",
        "admin-security",
        "解锁、强制修改密码、注销会话、重置动态口令；口令策略",
    ),
    ("审计", "审计日志", "audit", "查阅和导出审计日志"),
    ("站点", "部门与栏目", "admin-sites", "新建部门、调整栏目顺序、启用或停用栏目、联系方式"),
    ("站点", "站点设置", "admin-settings", "网站名称、标识码、备案号、主办和承办单位等"),
    ("站点", "网站标志", "admin-logo", "上传或删除每个页面顶部显示的网站标志"),
    ("站点", "索引号设置", "admin-indexnumber", "信息公开文稿索引号的格式和门户机构代码"),
    ("站点", "主题分类", "admin-topics", "信息公开的主题分类"),
    ("站点", "词表", "admin-words", "发布前检查使用的敏感词和错别字词表"),
    ("站点", "检索同义词", "admin-synonyms", "站内检索和智能问答使用的同义词、简称和群众常用说法"),
    ("站点", "工作日历", "admin-calendar", "法定节假日和调休上班日"),
    ("办事服务", "电子监察", "supervision", "全县在办办件的黄牌预警、红牌超期和月度统计"),
)

#: (title, view name) of each site's pages (the portal and every department)
SITE_PAGES = (
    ("依申请公开办理", "applications"),
    ("政府信息公开年报", "annual-report"),
    ("政府网站工作年度报表", "site-report"),
    ("公开时效", "timeliness"),
    ("办件办理", "cases"),
    ("并联审批会签", "tasks"),
    ("差评整改", "rectifications"),
    ("来信办理", "letters-admin"),
    ("运行监测", "monitoring"),
)


@dataclass(frozen=True)
class Link:
    section: str
    title: str
    url: str
    description: str = ""


def _registered_views(registry):
    """``{name: [(context, route name, permission), ...]}`` (cached)."""
    cached = getattr(registry, "_govportal_admin_views", None)
    if cached is not None:
        return cached
    introspector = registry.introspector
    views = {}
    for entry in introspector.get_category("views"):
        intr = entry["introspectable"]
        permission = None
        for related in introspector.related(intr):
            if related.category_name == "permissions":
                permission = related["value"]
        views.setdefault(intr["name"], []).append((intr["context"], intr["route_name"], permission))
    registry._govportal_admin_views = views
    return views


def _fits(context_spec, resource):
    if context_spec is None:
        return True
    if IInterface.providedBy(context_spec):
        return context_spec.providedBy(resource)
    return isinstance(context_spec, type) and isinstance(resource, context_spec)


def view_url(request, resource, name):
    """The URL of view ``name`` on ``resource`` if it exists and the user may
    open it (its own permission), else None.  A view of our own is
    preferred to a management-interface (SDI) view of the same name."""
    candidates = _registered_views(request.registry).get(name, ())
    for prefer in (None, MANAGE_ROUTE):
        for context_spec, route, permission in candidates:
            if route != prefer or not _fits(context_spec, resource):
                continue
            if permission is not None and not request.has_permission(permission, resource):
                continue
            if route is None:
                check = INNER_CHECKS.get(name)
                if check is not None and not check(request, resource):
                    continue
                return request.resource_url(resource, "@@" + name)
            if request.has_permission("sdi.view", resource):
                return request.sdiapi.mgmt_path(resource, "@@" + name)
    return None


def _may_see_timeliness(request, site):
    """公开时效 asks for one of its staff permissions inside the view."""
    return any(request.has_permission(p, site) for p in TIMELINESS_PERMISSIONS)


#: views whose permission is ``view`` and that check more inside: the same
#: question, asked before linking to them
INNER_CHECKS = {
    "applications": may_see_queue,
    "timeliness": _may_see_timeliness,
    "cases": may_see_cases,
    "tasks": may_see_inbox,
    "rectifications": may_rectify_here,
    "letters-admin": may_see_letters,
    # govportal.monitoring.freshness: the dashboard asks for view_monitoring inside
    "monitoring": lambda request, site: request.has_permission("view_monitoring", site),
}


def portal_links(request):
    root = request.root
    links = []
    for section, title, name, description in PORTAL_PAGES:
        url = view_url(request, root, name)
        if url is not None:
            links.append(Link(section, title, url, description))
    if request.has_permission("sdi.view", root):
        links.append(
            Link("系统", "管理界面（SDI）", request.application_url + "/manage", "系统管理员专用")
        )
    return links


def _sites(root):
    return [root] + departments(root)


def site_links(request, site):
    """The :data:`SITE_PAGES` of ``site`` the user may open."""
    links = []
    for title, name in SITE_PAGES:
        url = view_url(request, site, name)
        if url is not None:
            links.append(Link("信息公开", title, url))
    return links


def site_rows(request):
    """``[(site title, [Link, ...])]`` for the sites where the user has any
    of :data:`SITE_PAGES`."""
    root = request.root
    rows = []
    for site in _sites(root):
        links = site_links(request, site)
        if links:
            rows.append(("县政府门户" if site is root else site.title, links))
    return rows


class AdminLinks:
    """The administration pages the user may use, computed when asked: the
    navigation only asks whether there is any (and stops at the first)."""

    def __init__(self, request):
        self.request = request

    @reify
    def portal(self):
        if self.request.authenticated_userid is None:
            return []
        return portal_links(self.request)

    @reify
    def sites(self):
        if self.request.authenticated_userid is None:
            return []
        return site_rows(self.request)

    def __bool__(self):
        if self.portal:
            return True
        if "sites" in self.__dict__:
            return bool(self.sites)
        if self.request.authenticated_userid is None:
            return False
        return any(site_links(self.request, s) for s in _sites(self.request.root))

    def sections(self):
        """``[(section, [Link, ...])]`` in :data:`PORTAL_PAGES` order."""
        result = []
        for link in self.portal:
            if not result or result[-1][0] != link.section:
                result.append((link.section, []))
            result[-1][1].append(link)
        return result


def admin_links(request):
    """What ``request.admin_links`` holds: the pages the user may use
    (false for anonymous users and users without any)."""
    return AdminLinks(request)


@view_config(context=IRoot, name="admin", permission="view", renderer=TEMPLATES + "home.pt")
def admin_home(context, request):
    private(request)
    links = request.admin_links
    if request.authenticated_userid is None:
        raise HTTPForbidden()
    if not links:
        return refuse(request, 403, [_("admin-nothing", default="您没有可以使用的管理功能。")])
    return {"links": links}
