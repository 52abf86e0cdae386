"""Staff pages of the special topics (portal editors and reviewers).

- ``/@@special-topics-admin`` (``add_content`` on the portal): every topic
  and its state; POST creates a topic (title, web name, summary).
- ``<topic>/@@topic-manage`` (``view_history``): state and transitions (the
  generic ``@@transition``), the edit form, the banner, the columns.
- POST ``@@topic-edit``, ``@@topic-banner``, ``@@topic-add-column``
  (``edit`` / ``add_content`` on the topic, so not in review or archived).

Department editors hold no role on the portal: they cannot reach these.
"""

from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..admin.sites import RESERVED_NAMES, _view_names
from ..i18n import _
from ..sitetime import now_utc
from ..workflow import get_workflow
from .banner import banner_limit, check_banner, same_banner, set_banner
from .listing import topic_columns, topic_state_title, topics
from .model import CONTENT_TYPE, ISpecialTopic
from .queries import describe, saved_query
from .staff_common import (
    NAME,
    TEMPLATES,
    check_editable,
    done,
    no_store,
    position,
    refuse,
    text,
    touched,
)


@view_config(
    context=IRoot,
    name="special-topics-admin",
    request_method="GET",
    permission="add_content",
    renderer=TEMPLATES + "topics_admin.pt",
)
def topics_admin(context, request):
    no_store(request)
    registry = request.registry
    from ..workflow.facts import all_states

    rows = [
        (t, topic_state_title(t, registry))
        for t in topics(context, request, all_states(registry, CONTENT_TYPE))
    ]
    return {"rows": rows, "csrf_token": request.session.get_csrf_token()}


@view_config(
    context=IRoot,
    name="special-topics-admin",
    request_method="POST",
    permission="add_content",
    renderer="json",
)
def create_topic(context, request):
    try:
        title = text(request, "title", 2, 60, "专题名称")
        summary = text(request, "summary", 0, 500, "专题简介")
    except ValueError as e:
        return refuse(request, e.args[0])
    name = (request.POST.get("name") or "").strip().lower()
    if not NAME.match(name):
        return refuse(
            request,
            _("topic-name", default="网址名应为2至40位小写字母、数字或连字符，以字母开头。"),
        )
    if name in RESERVED_NAMES or name in _view_names(request.registry):
        # a topic named like a page of the portal (/search, /@@zhuanti...)
        # would take its address
        return refuse(request, _("topic-name-reserved", default="该网址名为系统保留，请换一个。"))
    existing = context.get(name)
    if existing is not None:
        if (
            ISpecialTopic.providedBy(existing)
            and existing.title == title
            and str(getattr(existing, "creator", None)) == str(request.authenticated_userid)
        ):  # a replayed POST: the topic it created
            return done(request, request.resource_url(existing, "@@topic-manage"), SAME)
        return refuse(request, _("topic-name-taken", default="该网址名已被使用，请换一个。"))
    topic = request.registry.content.create(
        CONTENT_TYPE, title=title, summary=summary, created_at=now_utc()
    )
    topic.creator = request.authenticated_userid
    context[name] = topic
    touched(request, topic, "create", title=title)
    return done(
        request,
        request.resource_url(topic, "@@topic-manage"),
        _("topic-created", default="专题已创建，请添加栏目并送审。"),
    )


SAME = _("topic-same", default="没有修改任何内容。")


@view_config(
    context=ISpecialTopic,
    name="topic-manage",
    request_method="GET",
    permission="view_history",
    renderer=TEMPLATES + "topic_manage.pt",
)
def topic_manage(context, request):
    no_store(request)
    registry = request.registry
    workflow = get_workflow(context, registry)
    columns = [(c, describe(saved_query(c))) for c in topic_columns(context, request)]
    return {
        "state_title": topic_state_title(context, registry),
        "transitions": workflow.get_transitions(context, request),
        "can_edit": request.has_permission("edit", context),
        "columns": columns,
        "limit_mb": f"{banner_limit(registry) / 1048576:g}",
        "csrf_token": request.session.get_csrf_token(),
    }


@view_config(
    context=ISpecialTopic,
    name="topic-edit",
    request_method="POST",
    permission="edit",
    renderer="json",
)
def topic_edit(context, request):
    try:
        values = {
            "title": text(request, "title", 2, 60, "专题名称"),
            "summary": text(request, "summary", 0, 500, "专题简介"),
            "position": position(request),
        }
    except ValueError as e:
        return refuse(request, e.args[0])
    back = request.resource_url(context, "@@topic-manage")
    if all(getattr(context, k) == v for k, v in values.items()):
        return done(request, back, SAME)
    for key, value in values.items():
        setattr(context, key, value)
    touched(request, context, "edit", title=values["title"])
    return done(request, back, _("topic-saved", default="专题已保存。"))


@view_config(
    context=ISpecialTopic,
    name="topic-banner",
    request_method="POST",
    permission="edit",
    renderer="json",
)
def topic_banner_upload(context, request):
    upload = request.POST.get("banner")
    fp = getattr(upload, "file", None)
    if fp is None:
        return refuse(request, _("topic-banner-empty", default="请选择要上传的横幅图片。"))
    try:
        alt = text(request, "banner_alt", 2, 120, "横幅替代文字")
        mimetype = check_banner(fp, banner_limit(request.registry))
    except ValueError as e:
        return refuse(request, e.args[0])
    back = request.resource_url(context, "@@topic-manage")
    if same_banner(context, fp, alt):
        return done(request, back, SAME)
    filename = getattr(upload, "filename", "")
    set_banner(context, fp, filename, mimetype, alt)
    touched(request, context, "banner", filename=filename, mimetype=mimetype)
    return done(request, back, _("topic-banner-saved", default="横幅已更新。"))


@view_config(
    context=ISpecialTopic,
    name="topic-add-column",
    request_method="POST",
    permission="add_content",
    renderer="json",
)
def topic_add_column(context, request):
    check_editable(request, context)
    try:
        title = text(request, "title", 1, 60, "栏目名称")
        order = position(request)
    except ValueError as e:
        return refuse(request, e.args[0])
    name = (request.POST.get("name") or "").strip().lower()
    if not NAME.match(name):
        return refuse(
            request,
            _("topic-name", default="网址名应为2至40位小写字母、数字或连字符，以字母开头。"),
        )
    back = request.resource_url(context, "@@topic-manage")
    existing = context.get(name)
    if existing is not None:
        if existing.title == title:  # a replayed POST
            return done(request, back, SAME)
        return refuse(request, _("topic-name-taken", default="该网址名已被使用，请换一个。"))
    context[name] = request.registry.content.create(
        "Column", title=title, kind="other", position=order
    )
    touched(request, context, "add_column", context[name], title=title)
    return done(request, back, _("topic-column-added", default="栏目已添加。"))
