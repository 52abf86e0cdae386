"""管理 → 站点与栏目: the portal and its departments with their columns.

``/@@admin-sites`` (``manage_site``)
    the portal and every department, each with its column tree (state
    启用/停用, order), and the forms that change them
    (:mod:`.sites_columns`).
``/@@admin-site-add`` (``manage_site``)
    creates a department sub-site: its settings and contact details, its
    editor and reviewer groups (the ``ObjectAdded`` subscriber of
    :mod:`govportal.content.subscribers`), the disclosure columns
    (:mod:`govportal.disclosure.columns`) and the standard columns of
    第十四条 (:data:`govportal.demo.data.DEPARTMENT_COLUMNS`, the list the demo
    site uses).

A department's URL name must be new, a valid name, and not a name the
portal answers itself (``manage``, ``search``, a view name...); its group
names (e.g. 教育局编辑) must not exist already — reusing another
department's group would give that group rights in the new department.
A replayed creation finds the name taken and creates nothing.
"""

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.threadlocal import get_current_registry
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import find_service

from ..content.containers import DepartmentSchema, IColumn, IDepartment
from ..content.validators import url_name
from ..demo.data import DEPARTMENT_COLUMNS
from ..i18n import _, translate
from ..security.events import record_action
from ..security.groups import department_group_roles
from ..workflow import get_state, get_workflow
from .sites_common import (
    TEMPLATES,
    bind,
    done_json,
    form_errors,
    make_form,
    no_store,
    path_of,
    prepend_url_name,
    refuse_json,
)

#: Names the portal root answers itself, besides its view names and children.
RESERVED_NAMES = frozenset(
    {"manage", "static", "search", "catalog", "admin", "api", "login", "logout", "robots.txt"}
)


def sorted_columns(container):
    """The columns directly in ``container``, by ``position`` then title."""
    columns = [c for c in container.values() if IColumn.providedBy(c)]
    return sorted(columns, key=lambda c: (getattr(c, "position", 100), c.title, c.__name__))


def column_tree(container, registry, depth=0):
    """``[{"column", "state", "state_title", "children", "first", "last"}]``."""
    columns = sorted_columns(container)
    rows = []
    for i, column in enumerate(columns):
        workflow = get_workflow(column, registry)
        state = get_state(column, registry)
        rows.append(
            {
                "column": column,
                "state": state,
                "state_title": workflow.state_title(state) if workflow is not None else "",
                "children": column_tree(column, registry, depth + 1) if depth < 5 else [],
                "index": i,
                "first": i == 0,
                "last": i == len(columns) - 1,
            }
        )
    return rows


def departments(root):
    """The department sub-sites of the portal, by title."""
    return sorted(
        (d for d in root.values() if IDepartment.providedBy(d)), key=lambda d: d.title or ""
    )


def flat_rows(tree, depth=0):
    """The rows of :func:`column_tree` in display order, each with its ``depth``."""
    rows = []
    for row in tree:
        rows.append(dict(row, depth=depth, id=f"{depth}-{len(rows)}-{row['column'].__name__}"))
        rows.extend(flat_rows(row["children"], depth + 1))
    return rows


@view_config(
    context=IRoot,
    name="admin-sites",
    permission="manage_site",
    renderer=TEMPLATES + "site_list.pt",
)
def sites_view(context, request):
    no_store(request)
    registry = request.registry
    portal = translate(request, _("admin-portal", default="门户网站"))
    sites = [{"site": context, "title": portal, "anchor": "portal"}]
    for department in departments(context):
        sites.append({"site": department, "title": department.title, "anchor": department.__name__})
    for i, site in enumerate(sites):
        rows = flat_rows(column_tree(site["site"], registry))
        for row in rows:
            row["id"] = f"{i}-{row['id']}"
        site["rows"] = rows
    return {"sites": sites, "csrf_token": request.session.get_csrf_token()}


# -- creating a department ---------------------------------------------------------------


def _view_names(registry):
    names = set()
    for item in registry.introspector.get_category("views"):
        name = item["introspectable"].get("name")
        if name:
            names.add(name)
    return names


@colander.deferred
def department_name_validator(node, kw):
    root, request = kw["context"], kw["request"]

    def validate(node, value):
        url_name(node, value)
        if value in root:
            raise colander.Invalid(
                node,
                _(
                    "admin-name-taken",
                    default="网址名称“${name}”已被使用。",
                    mapping={"name": value},
                ),
            )
        if value in RESERVED_NAMES or value in _view_names(request.registry):
            raise colander.Invalid(
                node,
                _(
                    "admin-name-reserved",
                    default="“${name}”是系统保留的名称，请换一个。",
                    mapping={"name": value},
                ),
            )

    return validate


def group_names(values):
    """The names of the groups a department with ``values`` would get."""
    base = values.get("short_title") or values.get("title") or values.get("name")
    suffixes = department_group_roles(get_current_registry()).values()
    return [f"{base}{suffix}" for suffix in suffixes]


def department_add_schema():
    """The department settings of ``DepartmentSchema`` after a URL name."""
    schema = DepartmentSchema().clone()
    prepend_url_name(
        schema,
        _("admin-dept-name", default="网址名称（如 jyj）"),
        _(
            "admin-dept-name-help",
            default="用于网址 https://域名/名称/，只能使用小写字母、数字和连字符，创建后不能修改。",
        ),
        department_name_validator,
    )

    def validator(node, value):
        groups = find_service(node.bindings["context"], "principals", "groups")
        taken = [n for n in group_names(value) if groups is not None and n in groups]
        if taken:
            raise colander.Invalid(
                node["short_title"],
                _(
                    "admin-group-taken",
                    default="用户组“${group}”已存在（另一部门使用了相同的简称或名称），请换一个简称。",
                    mapping={"group": taken[0]},
                ),
            )

    schema.validator = validator
    return schema


def create_department(root, registry, values):
    """Add the department ``values["name"]`` with its groups, disclosure
    columns and standard columns; returns it."""
    values = dict(values)
    name = values.pop("name")
    root[name] = registry.content.create("Department", **values)
    department = root[name]
    for position, (cname, ctitle, kind) in enumerate(DEPARTMENT_COLUMNS):
        if cname not in department:
            department[cname] = registry.content.create(
                "Column", title=ctitle, kind=kind, position=position
            )
    return department


def _form(request, context):
    schema = bind(department_add_schema(), request, context)
    buttons = [("add", translate(request, _("admin-create", default="创建")))]
    return make_form(schema, request.resource_url(context, "@@admin-site-add"), buttons, "dept-add")


def _page(request, form_html, status=200, errors=()):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(request, _("admin-dept-add", default="新建部门子网站")),
        "intro": translate(
            request,
            _(
                "admin-dept-add-help",
                default="创建后自动生成该部门的编辑组、审核组，"
                "以及第十四条规定的标准栏目和信息公开栏目。",
            ),
        ),
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-sites",
        "ws_errors": list(errors),
    }


@view_config(
    context=IRoot,
    name="admin-site-add",
    permission="manage_site",
    renderer=TEMPLATES + "site_form.pt",
)
def department_add_view(context, request):
    form = _form(request, context)
    if request.method != "POST":
        return _page(request, form.render())
    if "add" not in request.POST:
        unknown = translate(request, _("admin-unknown-action", default="未知的操作。"))
        return refuse_json(request, 400, [unknown]) or _page(request, form.render(), 400, [unknown])
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _page(request, e.render(), 400)
    department = create_department(context, request.registry, appstruct)
    record_action(
        request,
        "department.create",
        target=path_of(department),
        details={"title": department.title, "columns": len(department)},
    )
    answer = done_json(request, path=path_of(department))
    if answer is not None:
        return answer
    request.session.flash(
        translate(
            request,
            _(
                "admin-dept-created",
                default="已创建部门子网站“${title}”。",
                mapping={"title": department.title},
            ),
        )
    )
    return HTTPSeeOther(request.application_url + "/@@admin-sites#site-" + department.__name__)


def includeme(config):
    """Static files of the sites and settings pages (``admin-static``)."""
    config.add_static_view("admin-static", "govportal.admin:static", cache_max_age=3600)
