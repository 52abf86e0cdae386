"""用户: create and edit an account (permission ``manage_accounts``).

``/@@admin-users-new`` creates a user without a password: the new user gets
a one-time link (:func:`govportal.accounts.issue_reset_link`, built from the
configured public URL) to choose one.  The link is mailed to the user and
shown to the administrator once, in the answer to the POST (never stored in
the session or a redirect).  A second POST with the same login is refused
by the form ("登录名已被使用"), so a replay creates nothing.

``/@@admin-user/<oid>`` edits 姓名, 部门, 职务, phone and email; the login is
shown read-only.  Both record ``account.create`` / ``account.update``.
"""

import deform
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..i18n import _, translate
from ..security.events import record_action
from ..workflow.views import wants_json
from .sites_common import form_errors
from .users_actions import is_duty_account, issue_link, user_action
from .users_forms import user_form, user_schema
from .users_model import (
    create_user,
    department_of,
    department_title,
    profile_of,
    set_profile,
    state_of,
    state_title,
)
from .users_web import TEMPLATES, admin_url, done, private, refuse, subpath_user

PERMISSION = "manage_accounts"


def _invalid(request, failure, values):
    """Answer a form that did not validate: 400 with the form again."""
    if wants_json(request):
        return refuse(request, 400, form_errors(request, failure))
    values = dict(values, form=failure.render())
    return refuse(
        request,
        400,
        [_("admin-form-invalid", default="表单有误，请检查后重新提交。")],
        "users_form.pt",
        values,
    )


@view_config(
    context=IRoot,
    name="admin-users-new",
    permission=PERMISSION,
    renderer=TEMPLATES + "users_form.pt",
)
def create_view(context, request):
    private(request)
    schema = user_schema(request, adding=True)
    form = user_form(
        request,
        schema,
        admin_url(request, "admin-users-new"),
        translate(request, _("admin-create-button", default="创建用户")),
    )
    values = {
        "heading": translate(request, _("admin-user-new", default="新建用户")),
        "login": None,
        "back_url": admin_url(request, "admin-users"),
        "user_info": None,
    }
    if request.method != "POST":
        return dict(values, form=form.render())
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        return _invalid(request, failure, values)
    user = create_user(context, request.registry, appstruct)
    record_action(
        request,
        "account.create",
        target=user.__name__,
        details={"department": appstruct.get("department", ""), "fullname": appstruct["fullname"]},
    )
    return issue_link(request, user, created=True)


def _edit_values(request, user):
    root = request.root
    state = state_of(user, root)
    return {
        "heading": translate(request, _("admin-user-edit", default="编辑用户")),
        "login": user.__name__,
        "back_url": admin_url(request, "admin-users"),
        "user_info": {
            "oid": user.__oid__,
            "state": state,
            "state_title": state_title(state),
            "disabled": bool(getattr(user, "disabled", False)),
            "department": department_title(root, department_of(user, root)),
            "is_self": str(user.__oid__) == str(request.authenticated_userid),
            "action_url": lambda action: admin_url(
                request, "admin-user", str(user.__oid__), action
            ),
        },
    }


@view_config(
    context=IRoot,
    name="admin-user",
    permission=PERMISSION,
    renderer=TEMPLATES + "users_form.pt",
)
def edit_view(context, request):
    if len(request.subpath) > 1:
        return user_action(context, request)
    private(request)
    user = subpath_user(request)
    schema = user_schema(request, adding=False)
    duty = is_duty_account(request, user)
    if duty:
        # the address of an administrator of 三员分立 receives its reset
        # links: the system administrator may not redirect them
        del schema["email"]
    url = admin_url(request, "admin-user", str(user.__oid__))
    form = user_form(
        request, schema, url, translate(request, _("admin-save-button", default="保存"))
    )
    values = _edit_values(request, user)
    values["locked_email"] = (getattr(user, "email", "") or "（无）") if duty else None
    if request.method != "POST":
        return dict(values, form=form.render(profile_of(user, request.root)))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        return _invalid(request, failure, values)
    changed = set_profile(user, appstruct)
    if changed:
        record_action(
            request, "account.update", target=user.__name__, details={"fields": ",".join(changed)}
        )
        message = _(
            "admin-user-saved",
            default="已保存用户“${login}”的资料。",
            mapping={"login": user.__name__},
        )
    else:
        message = _("admin-user-unchanged", default="资料没有变化。")
    return done(request, message, url, changed=changed)
