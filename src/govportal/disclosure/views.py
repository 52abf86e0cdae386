"""Management views of the disclosure catalogue rules.

``@@timeliness`` (tab 公开时效) on the portal root and on each department
lists the documents that missed the 20-working-day limit of proactive
disclosure (:mod:`.timeliness`).  A department's editors and reviewers see
their own department's list; on the root, site administrators
(``manage_site``) see every site's documents and the portal's own editors
and reviewers the portal's.

``@@topics`` (tab 主题分类, ``manage_site``) shows the topic taxonomy and
edits its file (:mod:`.topics`); a text that cannot be used is refused with
the reason (400) and the file stays as it was.  A save also records its time
on the root (:data:`SAVED_ATTR`): that commit tells the render cache of every
process that the 信息公开目录 pages changed.  (A file edited by hand is seen
by the cache at the next commit of any change.)
"""

import html
from datetime import UTC, datetime

from pyramid.httpexceptions import HTTPBadRequest, HTTPSeeOther
from substanced.interfaces import IRoot

from ..content.containers import IDepartment, find_department
from ..i18n import _
from .timeliness import LIMIT_WORKDAYS, timeliness_issues
from .topics import KINDS, TaxonomyError, get_taxonomy, taxonomy_file

TEMPLATES = "govportal.disclosure:templates/"
SAVED_ATTR = "govportal_topics_saved"


def timeliness_view(context, request):
    deep = IDepartment.providedBy(context) or request.has_permission("manage_site", context)
    issues = timeliness_issues(context, deep=deep, registry=request.registry)
    rows = []
    for issue in issues:
        document = issue.document
        department = find_department(document)
        rows.append(
            {
                "issue": issue,
                "url": request.sdiapi.mgmt_path(document, "@@properties"),
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


class TopicsView:
    """The 主题分类 tab: the two lists and the file's text."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self):
        request = self.request
        if request.method == "POST":
            if "save" not in request.POST:
                raise HTTPBadRequest("未知的操作。")
            text = request.POST.get("text", "")
            try:
                taxonomy_file(request.registry).write(text.replace("\r\n", "\n"))
            except TaxonomyError as e:
                request.response.status_int = 400
                return self.page(text, str(e))
            setattr(self.context, SAVED_ATTR, datetime.now(UTC).isoformat())
            request.sdiapi.flash(html.escape("主题分类已保存。"), "success")
            return HTTPSeeOther(request.sdiapi.mgmt_url(self.context, "@@topics"))
        source = taxonomy_file(request.registry)
        try:
            text = source.text()
        except OSError:
            text = ""
        return self.page(text, source.error)

    def page(self, text, error):
        taxonomy = get_taxonomy(self.request.registry)
        return {
            "lists": [(kind, taxonomy.titles[kind], taxonomy.topics(kind)) for kind in KINDS],
            "path": str(taxonomy_file(self.request.registry).path),
            "text": text,
            "error": error,
            "csrf_token": self.request.session.get_csrf_token(),
        }


def includeme(config):
    for context in (IRoot, IDepartment):
        config.add_mgmt_view(
            timeliness_view,
            context=context,
            name="timeliness",
            permission="sdi.view",
            renderer=TEMPLATES + "timeliness.pt",
            tab_title=_("公开时效"),
        )
    config.add_mgmt_view(
        TopicsView,
        context=IRoot,
        name="topics",
        permission="manage_site",
        renderer=TEMPLATES + "topics.pt",
        tab_title=_("主题分类"),
    )
