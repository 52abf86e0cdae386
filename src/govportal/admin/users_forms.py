"""The user form of 管理 (colander schema, deform form).

One schema serves both pages: creating a user asks for the login, editing
shows it read-only (the schema has no ``login`` node then).  Every field is
trimmed and bounded; every message is Chinese.  There is no password field:
a new user chooses a password through a one-time link.
"""

import colander
import deform
import deform.widget
from substanced.schema import Schema

from ..i18n import _
from .users_model import LOGIN_RE, department_choices, login_taken, valid_phone


def text_widget(maxlength, **attributes):
    """A text input with a ``maxlength`` (and ``type``, ``autocomplete`` …)."""
    attributes["maxlength"] = str(maxlength)
    return deform.widget.TextInputWidget(attributes=attributes)


def strip(value):
    return value.strip() if isinstance(value, str) else value


@colander.deferred
def login_validator(node, kw):
    root = kw["request"].root

    def check(node, value):
        if not LOGIN_RE.match(value):
            raise colander.Invalid(
                node,
                _(
                    "admin-login-format",
                    default="登录名须为 2 至 32 位英文字母、数字或 . _ -，且以字母或数字开头。",
                ),
            )
        existing = login_taken(root, value)
        if existing is not None:
            raise colander.Invalid(
                node,
                _(
                    "admin-login-taken",
                    default="登录名“${login}”已被使用（不区分大小写），请换一个。",
                    mapping={"login": existing},
                ),
            )

    return check


@colander.deferred
def department_widget(node, kw):
    return deform.widget.SelectWidget(values=department_choices(kw["request"].root))


@colander.deferred
def department_validator(node, kw):
    values = [v for v, _t in department_choices(kw["request"].root)]
    return colander.OneOf(
        values, msg_err=_("admin-department-unknown", default="请选择列表中的部门。")
    )


def phone_validator(node, value):
    if value and not valid_phone(value):
        raise colander.Invalid(
            node,
            _(
                "admin-phone-invalid",
                default="请填写有效的手机号码（如 13812345678）或带区号的固定电话"
                "（如 0817-8201234）。",
            ),
        )


def _length(maximum, minimum=0):
    return colander.Length(
        min=minimum,
        max=maximum,
        min_err=_("admin-too-short", default="内容太短。"),
        max_err=_("admin-too-long", default="不能超过 ${max} 个字符。", mapping={"max": maximum}),
    )


class UserSchema(Schema):
    login = colander.SchemaNode(
        colander.String(),
        title=_("admin-login", default="登录名"),
        description=_(
            "admin-login-help",
            default="2 至 32 位英文字母、数字或 . _ -；创建后不能修改，不区分大小写。",
        ),
        widget=text_widget(32, autocomplete="off", spellcheck="false", autocapitalize="none"),
        preparer=strip,
        validator=login_validator,
        missing_msg=_("admin-login-required", default="请填写登录名。"),
    )
    fullname = colander.SchemaNode(
        colander.String(),
        title=_("admin-fullname", default="姓名"),
        widget=text_widget(40, autocomplete="off"),
        preparer=strip,
        validator=_length(40, 1),
        missing_msg=_("admin-fullname-required", default="请填写姓名。"),
    )
    department = colander.SchemaNode(
        colander.String(),
        title=_("admin-department", default="部门"),
        widget=department_widget,
        validator=department_validator,
        missing="",
    )
    position = colander.SchemaNode(
        colander.String(),
        title=_("admin-position", default="职务"),
        widget=text_widget(60, autocomplete="off"),
        preparer=strip,
        validator=_length(60),
        missing="",
    )
    phone = colander.SchemaNode(
        colander.String(),
        title=_("admin-phone", default="联系电话"),
        description=_("admin-phone-help", default="手机号码或带区号的固定电话。"),
        widget=text_widget(30, type="tel", autocomplete="off"),
        preparer=lambda v: "".join(v.split()) if isinstance(v, str) else v,
        validator=colander.All(_length(30), phone_validator),
        missing="",
    )
    email = colander.SchemaNode(
        colander.String(),
        title=_("admin-email", default="电子邮箱"),
        description=_("admin-email-help", default="设置密码的链接和工作通知发送到这个地址。"),
        widget=text_widget(254, type="email", autocomplete="off"),
        preparer=strip,
        validator=colander.All(
            _length(254),
            colander.Email(msg=_("admin-email-invalid", default="请填写有效的电子邮箱地址。")),
        ),
        missing_msg=_("admin-email-required", default="请填写电子邮箱。"),
    )


def user_schema(request, adding):
    """The bound schema: with ``login`` when ``adding``, without it otherwise."""
    schema = UserSchema().clone()
    if not adding:
        del schema["login"]
    return schema.bind(request=request, _csrf_token_=request.session.get_csrf_token())


def user_form(request, schema, action, button_title):
    return deform.Form(
        schema,
        action=action,
        formid="admin-user",
        buttons=[deform.Button("save", button_title)],
    )
