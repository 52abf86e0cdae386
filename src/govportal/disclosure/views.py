"""The 公开时效 page of the disclosure catalogue rules.

``@@timeliness`` on the portal root and on each department (staff chrome;
the management interface is the system administrator's only) lists the
documents that missed the 20-working-day limit of proactive disclosure
(:mod:`.timeliness`).  A department's editors and reviewers see their own
department's list; on the root, site administrators (``manage_site``) see
every site's documents and the portal's own editors and reviewers the
portal's.  Anyone else is refused (403): the view's permission is ``view``
(what the site's staff share with visitors) and the page asks for
``add_content`` (editors) or ``view_history`` (reviewers, auditors) there.

The 主题分类 taxonomy is edited at ``/@@admin-topics`` (:mod:`govportal.admin.settings_topics`).
"""

from pyramid.httpexceptions import HTTPForbidden
from substanced.interfaces import IRoot

from ..content.containers import IDepartment, find_department
from ..i18n import _, translate
from .timeliness import LIMIT_WORKDAYS, timeliness_issues

TEMPLATES = "govportal.disclosure:templates/"
#: Either permission on the site opens its list (editors, reviewers, auditors).
STAFF_PERMISSIONS = ("add_content", "view_history")


def timeliness_view(context, request):
    if not any(request.has_permission(p, context) for p in STAFF_PERMISSIONS):
        raise HTTPForbidden(
            translate(
                request,
                _(
                    "timeliness-forbidden",
                    default="只有本网站的编辑、审核人员和管理员可以查看公开时效。",
                ),
            )
        )
    request.response.cache_control = "private, no-store"
    deep = IDepartment.providedBy(context) or request.has_permission("manage_site", context)
    issues = timeliness_issues(context, deep=deep, registry=request.registry)
    rows = []
    for issue in issues:
        document = issue.document
        department = find_department(document)
        rows.append(
            {
                "issue": issue,
                "url": request.resource_url(document, "@@ws-item"),
                "public_url": request.resource_url(document),
                "site": department.title if department is not None else "门户网站",
                "column": getattr(document.__parent__, "title", ""),
            }
        )
    if IDepartment.providedBy(context):
        scope = context.title
    elif deep:
        scope = "门户网站及全部部门子网站"
    else:
        scope = "门户网站"
    return {
        "rows": rows,
        "scope": scope,
        "limit": LIMIT_WORKDAYS,
        "late": sum(1 for i in issues if i.status == "late"),
        "unpublished": sum(1 for i in issues if i.status == "unpublished"),
    }


def includeme(config):
    for context in (IRoot, IDepartment):
        config.add_view(
            timeliness_view,
            context=context,
            name="timeliness",
            permission="view",
            renderer=TEMPLATES + "timeliness.pt",
        )
