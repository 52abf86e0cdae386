"""管理 → 栏目: create, reorder, open and close columns (``manage_site``).

``<site or column>/@@admin-column-add``
    a new column in the portal, a department or a column, placed last;
``<site or column>/@@admin-column-move`` (POST ``name``, ``direction``, ``at``)
    moves the child column ``name`` up or down among its siblings (the
    siblings are renumbered 10, 20, 30 … in the new order of ``position``);
    a name that is not a column of this container is refused; ``at`` (the
    column's place when the page was made) makes a replayed or stale POST a
    409 instead of a second move;
``<column>/@@admin-column-state`` (POST ``transition`` = ``close`` or
    ``reopen``, ``comment``)
    runs the column workflow's transition (``workflows/column.yaml``: closing
    needs a comment and ``close_column``); a refusal is a 4xx with the
    workflow's Chinese message and changes nothing.
"""

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content.containers import ColumnSchema, IColumn, IDepartment
from ..content.validators import url_name
from ..i18n import _, translate
from ..security.events import record_action
from ..workflow import TransitionRefused, get_workflow
from .sites import RESERVED_NAMES, sorted_columns
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
    texts,
)

ADD = {"permission": "manage_site", "renderer": TEMPLATES + "site_form.pt"}
MOVE = {"permission": "manage_site", "request_method": "POST", "renderer": "json"}
#: Step between positions after a reorder.
STEP = 10


def _back(request, context):
    from ..content.containers import find_department

    department = find_department(context)
    anchor = f"#site-{department.__name__}" if department is not None else "#site-portal"
    return request.application_url + "/@@admin-sites" + anchor


def _refused(request, context, status, messages):
    """A refusal: JSON for scripts, else the refusal page."""
    answer = refuse_json(request, status, messages)
    if answer is not None:
        return answer
    request.response.status_int = status
    request.override_renderer = "refused.skin"
    return {"messages": texts(request, messages), "back": _back(request, context)}


# -- adding ------------------------------------------------------------------------------


@colander.deferred
def column_name_validator(node, kw):
    container = kw["context"]

    def validate(node, value):
        url_name(node, value)
        if value in container or value in RESERVED_NAMES:
            raise colander.Invalid(
                node,
                _(
                    "admin-name-taken",
                    default="网址名称“${name}”已被使用。",
                    mapping={"name": value},
                ),
            )

    return validate


def column_add_schema():
    schema = ColumnSchema().clone()
    prepend_url_name(
        schema,
        _("admin-column-name", default="网址名称（如 tzgg）"),
        _(
            "admin-column-name-help",
            default="只能使用小写字母、数字和连字符，创建后不能修改。",
        ),
        column_name_validator,
    )
    del schema["position"]  # a new column goes last; reorder it on the list
    return schema


def _where(request, context):
    if IRoot.providedBy(context):
        return translate(request, _("admin-portal", default="门户网站"))
    return context.title or context.__name__


def _add_page(request, context, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(request, _("admin-column-add", default="新建栏目")),
        "intro": translate(
            request,
            _(
                "admin-column-add-help",
                default="位置：${where}。新栏目排在最后，可在栏目列表中调整顺序。",
                mapping={"where": _where(request, context)},
            ),
        ),
        "form_html": form_html,
        "back_url": _back(request, context),
        "ws_errors": [],
    }


@view_config(context=IRoot, name="admin-column-add", **ADD)
@view_config(context=IDepartment, name="admin-column-add", **ADD)
@view_config(context=IColumn, name="admin-column-add", **ADD)
def column_add_view(context, request):
    schema = bind(column_add_schema(), request, context)
    buttons = [("add", translate(request, _("admin-create", default="创建")))]
    action = request.resource_url(context, "@@admin-column-add")
    form = make_form(schema, action, buttons, "column-add")
    if request.method != "POST":
        return _add_page(request, context, form.render())
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _add_page(
            request, context, e.render(), 400
        )
    siblings = sorted_columns(context)
    position = max((getattr(c, "position", 100) for c in siblings), default=0) + STEP
    name = appstruct.pop("name")
    context[name] = request.registry.content.create("Column", position=position, **appstruct)
    column = context[name]
    record_action(request, "column.create", target=path_of(column), details={"title": column.title})
    answer = done_json(request, path=path_of(column))
    if answer is not None:
        return answer
    request.session.flash(
        translate(
            request,
            _(
                "admin-column-created",
                default="已创建栏目“${title}”。",
                mapping={"title": column.title},
            ),
        )
    )
    return HTTPSeeOther(_back(request, context))


# -- reordering ----------------------------------------------------------------------------


@view_config(context=IRoot, name="admin-column-move", **MOVE)
@view_config(context=IDepartment, name="admin-column-move", **MOVE)
@view_config(context=IColumn, name="admin-column-move", **MOVE)
def column_move_view(context, request):
    name = request.POST.get("name", "")
    direction = request.POST.get("direction", "")
    columns = sorted_columns(context)
    names = [c.__name__ for c in columns]
    if direction not in ("up", "down"):
        return _refused(
            request, context, 400, [_("admin-bad-direction", default="未知的移动方向。")]
        )
    if name not in names:
        return _refused(
            request,
            context,
            400,
            [_("admin-column-not-here", default="该栏目不在此处，无法调整顺序。")],
        )
    i = names.index(name)
    at = request.POST.get("at")
    if at is not None and at != str(i):
        # the form was made for another order (a replayed or stale POST)
        message = _(
            "admin-column-order-stale",
            default="栏目顺序已被他人调整，请刷新页面后重试。",
        )
        return _refused(request, context, 409, [message])
    j = i - 1 if direction == "up" else i + 1
    moved = 0 <= j < len(columns)
    if moved:
        columns[i], columns[j] = columns[j], columns[i]
        for n, column in enumerate(columns, start=1):
            if getattr(column, "position", None) != n * STEP:
                column.position = n * STEP
    answer = done_json(request, moved=moved, order=[c.__name__ for c in columns])
    if answer is not None:
        return answer
    if moved:
        message = _(
            "admin-column-moved",
            default="已调整栏目“${title}”的顺序。",
            mapping={"title": columns[j].title},
        )
        request.session.flash(translate(request, message))
    return HTTPSeeOther(_back(request, context))


# -- opening and closing -------------------------------------------------------------------

ACTIONS = {"close": "column.close", "reopen": "column.reopen"}


@view_config(
    context=IColumn,
    name="admin-column-state",
    permission="manage_site",
    request_method="POST",
    renderer="json",
)
def column_state_view(context, request):
    transition = request.POST.get("transition", "")
    if transition not in ACTIONS:
        return _refused(request, context, 400, [_("admin-unknown-action", default="未知的操作。")])
    comment = (request.POST.get("comment") or "").strip()[:500]
    workflow = get_workflow(context, request.registry)
    try:
        record = workflow.transition(context, request, transition, comment=comment)
    except TransitionRefused as e:
        return _refused(request, context, e.status, e.messages)
    record_action(
        request,
        ACTIONS[transition],
        target=path_of(context),
        details={"title": context.title, "comment": comment},
    )
    answer = done_json(request, state=record.to_state)
    if answer is not None:
        return answer
    title = workflow.transition_title(transition)
    message = _(
        "admin-column-state-done",
        default="栏目“${title}”：已${action}。",
        mapping={"title": context.title, "action": title},
    )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(_back(request, context))
