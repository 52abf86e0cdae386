"""The form builder: ``<guide>/@@form-builder``, where staff design a guide's
online application form (``guide.form_fields``, specs of :mod:`.formfields`).

One page, plain forms (no script needed): the list of fields with 上移,
下移, 修改 and 删除 for each, the form that adds or changes a field, and a
preview of the public form (:func:`.formrender.render_fields`, the
applicant block first); 预览 shows the field being added or changed in the
preview without saving it.  Every POST
(CSRF-checked by the site's default) changes the tuple as a whole: the new
form is checked with :func:`.formfields.check_specs` (nothing is saved on a
problem: 400 and the messages), carries the version of the form it was made
from (a change made meanwhile by someone else is refused, 409, not
overwritten), is refused while someone else holds the guide's editing lock,
and on success replaces ``guide.form_fields``, records the editor
(four-eyes) and notifies ``ObjectModified``.

Permission ``edit`` on the guide: only while it is editable (a published
guide is retracted to its draft first, as documents are).
"""

import hashlib
import json

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.event import ObjectModified

from ..cache import dont_cache
from ..i18n import _, translate
from ..locks import current as current_lock
from ..locks.core import locked_message
from ..workflow.guards import set_last_editor
from . import formfields
from .formrender import STYLE, render_fields
from .guide import IServiceGuide
from .vocabulary import FIELD_KINDS

TEMPLATE = "govportal.services:templates/formbuilder.pt"
ACTIONS = ("save", "remove", "up", "down")
#: The editor form's inputs (the spec's keys, as posted).
INPUTS = (
    "name",
    "label",
    "kind",
    "required",
    "help",
    "choices",
    "max_length",
    "extensions",
    "max_mb",
)


class Refused(Exception):
    def __init__(self, status, messages, values=None):
        super().__init__(messages)
        self.status = status
        self.messages = messages
        self.values = values


def version_of(specs):
    """A short digest of the form (what a POST says it was made from)."""
    text = json.dumps(
        [formfields.normalise_spec(s) for s in specs], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def spec_from_post(post):
    """The field spec the editor form posted."""
    lines = (post.get("choices") or "").replace("\r", "").split("\n")
    return formfields.normalise_spec(
        {
            "name": post.get("name", ""),
            "label": post.get("label", ""),
            "kind": post.get("kind", "text"),
            "required": bool(post.get("required")),
            "help": post.get("help", ""),
            "choices": tuple(line for line in lines if line.strip()),
            "max_length": post.get("max_length", ""),
            "extensions": tuple(
                (post.get("extensions") or "").replace(",", " ").replace("，", " ").split()
            ),
            "max_mb": post.get("max_mb", ""),
        }
    )


def editor_values(spec):
    """The editor form's inputs filled from ``spec``."""
    return dict(
        spec,
        choices="\n".join(spec["choices"]),
        extensions=" ".join(spec["extensions"]),
        max_length=spec["max_length"] or "",
        max_mb=spec["max_mb"] or "",
    )


def changed_specs(specs, post, action=None):
    """The form after the posted action; raises :class:`Refused`."""
    action = action or post.get("action", "")
    specs = [formfields.normalise_spec(s) for s in specs]
    names = [s["name"] for s in specs]
    target = post.get("original", "") or post.get("field", "")
    if action == "save":
        spec = spec_from_post(post)
        if target:
            if target not in names:
                raise Refused(
                    409, [_("formbuilder-gone", default="要修改的字段已不存在，请刷新页面。")]
                )
            specs[names.index(target)] = spec
        else:
            specs.append(spec)
        return specs, spec
    if target not in names:
        raise Refused(409, [_("formbuilder-gone", default="要修改的字段已不存在，请刷新页面。")])
    i = names.index(target)
    if action == "remove":
        del specs[i]
    elif action == "up" and i > 0:
        specs[i - 1], specs[i] = specs[i], specs[i - 1]
    elif action == "down" and i < len(specs) - 1:
        specs[i + 1], specs[i] = specs[i], specs[i + 1]
    return specs, None


def apply_post(guide, request):
    """Run the posted action on ``guide``; returns the flash message."""
    post = request.POST
    if post.get("action") not in ACTIONS:
        raise Refused(400, [_("formbuilder-action", default="不存在此操作。")])
    lock = current_lock(guide)
    if lock is not None and lock.holder_id != request.authenticated_userid:
        raise Refused(409, [locked_message(lock)])
    if post.get("version", "") != version_of(guide.form_fields):
        raise Refused(
            409,
            [
                _(
                    "formbuilder-stale",
                    default="表单已被他人修改，本次操作未保存。请查看最新内容后重新操作。",
                )
            ],
        )
    specs, edited = changed_specs(guide.form_fields, post)
    problems = formfields.check_specs(specs, request)
    if problems:
        raise Refused(400, problems, editor_values(edited) if edited else None)
    guide.form_fields = tuple(specs)
    set_last_editor(guide, request.authenticated_userid)
    request.registry.subscribers((ObjectModified(guide), guide), None)
    return _("formbuilder-saved", default="在线申请表单已保存。")


def preview(guide, request):
    """The page with the posted field in the preview, nothing saved."""
    post = request.POST
    try:
        specs, edited = changed_specs(guide.form_fields, post, action="save")
    except Refused as e:
        request.response.status_int = e.status
        return page(guide, request, errors=e.messages, values=dict(post.items()))
    problems = formfields.check_specs(specs, request)
    if problems:
        request.response.status_int = 400
    return page(
        guide,
        request,
        errors=problems,
        values=editor_values(edited),
        editing=post.get("original", ""),
        previewing=None if problems else specs,
    )


def page(guide, request, errors=(), values=None, editing="", previewing=None):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    specs = [formfields.normalise_spec(s) for s in guide.form_fields]
    user_types = getattr(guide, "user_types", ())
    if values is None:
        match = [s for s in specs if s["name"] == editing]
        values = editor_values(match[0]) if match else editor_values(formfields.normalise_spec({}))
        editing = editing if match else ""
    return {
        "guide": guide,
        "specs": specs,
        "kinds": FIELD_KINDS,
        "kind_titles": dict(FIELD_KINDS),
        "v": values,
        "editing": editing,
        "errors": [translate(request, e) for e in errors],
        "version": version_of(guide.form_fields),
        "csrf_token": request.session.get_csrf_token(),
        "action_url": request.resource_url(guide, "@@form-builder"),
        "previewing": previewing is not None,
        "applicant_preview": render_fields(formfields.applicant_specs(user_types), prefix="pa-"),
        "preview": render_fields(specs if previewing is None else previewing, prefix="p-"),
        "style": STYLE,
        "online_here": getattr(guide, "online_mode", "") == "here",
        "max_fields": formfields.MAX_FIELDS,
    }


@view_config(context=IServiceGuide, name="form-builder", permission="edit", renderer=TEMPLATE)
def form_builder_view(context, request):
    if request.method != "POST":
        return page(context, request, editing=request.GET.get("edit", ""))
    if request.POST.get("action") == "preview":
        return preview(context, request)
    try:
        message = apply_post(context, request)
    except Refused as e:
        request.tm.doom()  # nothing of a refused change is kept
        request.response.status_int = e.status
        values = e.values
        if values is None and request.POST.get("action") == "save":
            values = dict(request.POST.items())
        return page(
            context,
            request,
            errors=e.messages,
            values=values,
            editing=request.POST.get("original", ""),
        )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@form-builder"))


def includeme(config):
    config.scan(".views_formbuilder")
