"""What the 管理 pages for sites, columns and settings share: forms,
answers to bad input (a page with the message, or JSON) and page headers.

Every page is private (``no-store``) and uses the staff chrome
(``govportal.workspace:templates/layout.pt``).
"""

import colander
import deform
from pyramid.traversal import resource_path

from ..i18n import _, translate
from ..workflow.views import wants_json

TEMPLATES = "govportal.admin:templates/"


def no_store(request):
    """Administration pages are private: never cached anywhere."""
    from ..cache import dont_cache

    dont_cache(request)
    request.response.cache_control = "private, no-store"


def bind(schema, request, context):
    """``schema`` bound for a form (deform's CSRF field included)."""
    return schema.bind(
        request=request, context=context, _csrf_token_=request.session.get_csrf_token()
    )


def make_form(schema, action, buttons, formid):
    """A deform form posting to ``action`` with Chinese ``buttons`` [(name, title)]."""
    return deform.Form(
        schema,
        action=action,
        buttons=[deform.Button(name, title) for name, title in buttons],
        formid=formid,
    )


def texts(request, messages):
    return [translate(request, m) for m in messages]


def refuse_json(request, status, messages):
    """The JSON refusal ``{"ok": false, "errors": [...]}`` with ``status``,
    or None when the client wants a page."""
    if not wants_json(request):
        return None
    request.response.status_int = status
    request.override_renderer = "json"
    return {"ok": False, "errors": texts(request, messages)}


def done_json(request, **info):
    """The JSON answer of a completed change, or None when the client wants a page."""
    if not wants_json(request):
        return None
    request.override_renderer = "json"
    return dict(info, ok=True)


def path_of(resource):
    """A resource's path as the audit trail names it (``/jyj/gzdt``)."""
    return resource_path(resource) or "/"


def form_errors(request, exc):
    """The messages of a :class:`deform.ValidationFailure` as Chinese
    sentences ``字段：消息`` (colander's own messages translated too:
    ``必需``, not ``Required``)."""
    translate = request.localizer.translate
    if exc.error is None:
        return [translate(_("admin-form-invalid", default="表单有误，请检查后重新提交。"))]
    titles = {c.name: translate(c.title) for c in exc.field.children}
    errors = exc.error.asdict(translate=translate)
    return [f"{titles.get(k.split('.')[0], k)}：{v}" if k else str(v) for k, v in errors.items()]


def prepend_url_name(schema, title, description, validator):
    """Put a ``name`` node (the URL name of a new department or column,
    stripped and lower-cased) before the first field of ``schema``."""
    schema.add_before(
        schema.children[0].name,
        colander.SchemaNode(
            colander.String(),
            name="name",
            title=title,
            description=description,
            validator=validator,
            preparer=lambda v: v.strip().lower() if isinstance(v, str) else v,
        ),
    )
    return schema
