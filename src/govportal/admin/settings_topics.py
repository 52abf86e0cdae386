"""管理 → 主题分类 (``/@@admin-topics``, ``manage_site``).

The two lists of the 主题分类 taxonomy — the portal's (第十三条) and the
departments' (第十四条) — edited as one topic a line (``名称 | 说明``), stored
in the database (:func:`govportal.disclosure.topics.save_taxonomy`).

Refused (400, nothing stored): an empty list, an empty, overlong or
duplicate name, more than :data:`MAX_TOPICS` lines.  Removing (or renaming)
a topic that documents of that kind of site still use is refused (409) until
the administrator ticks 确认移除: the documents keep their value, shown as
“原有分类” in the form, until an editor reclassifies them.  A save records
``settings.change`` (target ``topics``) with the names added and removed.
"""

from datetime import UTC, datetime

import colander
import deform
import deform.widget
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.schema import Schema
from substanced.util import find_catalog

from ..disclosure.topics import (
    KINDS,
    MAX_NAME,
    TaxonomyError,
    build_taxonomy,
    get_taxonomy,
    save_taxonomy,
    topics_store,
)
from ..i18n import _, translate
from ..security.events import record_action
from .sites_common import TEMPLATES, bind, done_json, form_errors, make_form, no_store, refuse_json

#: The most topics one list may hold.
MAX_TOPICS = 200
#: The longest description of a topic.
MAX_DESCRIPTION = 300
#: What tells the render cache that the 信息公开目录 changed (kept for
#: compatibility with the former SDI tab).
SAVED_ATTR = "govportal_topics_saved"


def lines_of(taxonomy, kind):
    """A list as the form shows it: ``名称 | 说明`` a line."""
    return "\n".join(
        f"{t.name} | {t.description}" if t.description else t.name for t in taxonomy.topics(kind)
    )


def parse_lines(text):
    """``[{"name", "description"}]`` of the form's text (blank lines skipped)."""
    items = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        name, _sep, description = line.partition("|")
        items.append({"name": name.strip(), "description": description.strip()})
    return items


def topic_use(root, names, kind):
    """``{name: count}`` of documents in sites of ``kind`` classified under ``names``."""
    catalog = find_catalog(root, "govportal")
    if catalog is None or not names:
        return {}
    topics, departments = catalog["topic"], catalog["department"]
    # hypatia's FieldIndex keeps oid -> value in ``_rev_index``; the portal's
    # own content has no department value
    in_department = departments._rev_index
    used = {}
    for name in names:
        count = 0
        for oid in topics.eq(name).execute().ids:
            if (in_department.get(oid) is not None) == (kind == "department"):
                count += 1
        if count:
            used[name] = count
    return used


def _data(appstruct):
    return {
        kind: {
            "title": appstruct[f"{kind}_title"],
            "topics": parse_lines(appstruct[f"{kind}_topics"]),
        }
        for kind in KINDS
    }


def _lines_validator(node, value):
    lines = [line for line in value.splitlines() if line.strip()]
    if len(lines) > MAX_TOPICS:
        raise colander.Invalid(
            node,
            _("admin-topics-too-many", default="最多 ${n} 个分类。", mapping={"n": MAX_TOPICS}),
        )
    for line in lines:
        name, _sep, description = line.partition("|")
        if len(name.strip()) > MAX_NAME:
            raise colander.Invalid(
                node,
                _(
                    "admin-topic-name-long",
                    default="分类名称最多 ${n} 个字：${name}…",
                    mapping={"n": MAX_NAME, "name": name.strip()[:20]},
                ),
            )
        if len(description.strip()) > MAX_DESCRIPTION:
            raise colander.Invalid(
                node,
                _(
                    "admin-topic-description-long",
                    default="分类说明最多 ${n} 个字：${name}",
                    mapping={"n": MAX_DESCRIPTION, "name": name.strip()[:20]},
                ),
            )


LINE_HELP = _("admin-topics-line-help", default="每行一个分类，格式：名称 | 说明（说明可省略）。")


class TopicsSchema(Schema):
    portal_title = colander.SchemaNode(
        colander.String(),
        title=_("admin-topics-portal-title", default="门户网站主题分类的标题"),
        validator=colander.Length(1, 60),
    )
    portal_topics = colander.SchemaNode(
        colander.String(),
        title=_("admin-topics-portal", default="门户网站主题分类（第十三条）"),
        description=LINE_HELP,
        widget=deform.widget.TextAreaWidget(rows=16),
        validator=colander.All(colander.Length(max=40_000), _lines_validator),
        missing="",
    )
    department_title = colander.SchemaNode(
        colander.String(),
        title=_("admin-topics-dept-title", default="部门网站主题分类的标题"),
        validator=colander.Length(1, 60),
    )
    department_topics = colander.SchemaNode(
        colander.String(),
        title=_("admin-topics-dept", default="部门网站主题分类（第十四条）"),
        description=LINE_HELP,
        widget=deform.widget.TextAreaWidget(rows=10),
        validator=colander.All(colander.Length(max=40_000), _lines_validator),
        missing="",
    )
    confirm_removal = colander.SchemaNode(
        colander.Boolean(),
        title=_(
            "admin-topics-confirm",
            default="确认移除仍在使用的分类（原有文稿保留其分类，直到编辑重新选择）",
        ),
        missing=False,
    )

    def validator(self, node, value):
        try:
            taxonomy = build_taxonomy(_data(value), source="主题分类")
        except TaxonomyError as e:
            raise colander.Invalid(node, str(e)) from None
        root = node.bindings["context"]
        old = get_taxonomy(node.bindings["request"].registry, root)
        problems = []
        for kind, label in KINDS.items():
            removed = [n for n in old.names(kind) if n not in taxonomy.names(kind)]
            for name, count in topic_use(root, removed, kind).items():
                problems.append(f"“{name}”（{label}，{count} 篇）")
        if problems and not value.get("confirm_removal"):
            raise colander.Invalid(
                node["confirm_removal"],
                _(
                    "admin-topics-in-use",
                    default="以下分类仍被文稿使用，不能直接移除：${topics}。"
                    "如确需移除，请勾选“确认移除”后再保存。",
                    mapping={"topics": "、".join(problems)},
                ),
            )
        value["taxonomy"] = taxonomy


def _page(request, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    store = topics_store(request.context)
    return {
        "heading": translate(request, _("admin-topics", default="主题分类")),
        "intro": translate(
            request,
            _("admin-topics-help", default="主题分类保存在数据库中，所有服务器同时生效。")
            if store is not None
            else _(
                "admin-topics-help-seed",
                default="主题分类保存在数据库中，所有服务器同时生效。（当前使用部署时的初始分类表。）",
            ),
        ),
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-sites",
        "ws_errors": [],
    }


@view_config(
    context=IRoot,
    name="admin-topics",
    permission="manage_site",
    renderer=TEMPLATES + "settings_form.pt",
)
def topics_view(context, request):
    schema = bind(TopicsSchema(), request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    form = make_form(schema, request.resource_url(context, "@@admin-topics"), buttons, "topics")
    taxonomy = get_taxonomy(request.registry, context)
    if request.method != "POST":
        values = {}
        for kind in KINDS:
            values[f"{kind}_title"] = taxonomy.titles[kind]
            values[f"{kind}_topics"] = lines_of(taxonomy, kind)
        return _page(request, form.render(values))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        in_use = e.error is not None and "confirm_removal" in e.error.asdict()
        status = 409 if in_use else 400
        return refuse_json(request, status, form_errors(request, e)) or _page(
            request, e.render(), status
        )
    new = appstruct["taxonomy"]
    changes = {}
    for kind in KINDS:
        added = [n for n in new.names(kind) if n not in taxonomy.names(kind)]
        removed = [n for n in taxonomy.names(kind) if n not in new.names(kind)]
        if added or removed:
            changes[kind] = {"added": "、".join(added), "removed": "、".join(removed)}
    if new == taxonomy:  # nothing changed (or a replayed POST): nothing stored or recorded
        answer = done_json(request, version=getattr(topics_store(context), "version", 0))
        if answer is not None:
            return answer
        request.session.flash(
            translate(request, _("admin-settings-same", default="没有修改任何设置。"))
        )
        return HTTPSeeOther(request.resource_url(context, "@@admin-topics"))
    now = datetime.now(UTC)
    save_taxonomy(context, new, changed_by=request.authenticated_userid, changed_at=now)
    setattr(context, SAVED_ATTR, now.isoformat())
    details = {f"{kind}.{k}": v for kind, c in changes.items() for k, v in c.items() if v}
    details["version"] = topics_store(context).version
    record_action(request, "settings.change", target="topics", details=details)
    answer = done_json(request, version=details["version"])
    if answer is not None:
        return answer
    request.session.flash(translate(request, _("admin-topics-saved", default="主题分类已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@admin-topics"))
