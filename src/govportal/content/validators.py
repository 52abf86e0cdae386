"""Field validators for site settings and content metadata."""

import re

import colander

from ..i18n import _

GOV_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+gov\.cn$")
SITE_CODE = re.compile(r"^[0-9A-Z]{10}$")
URL_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def gov_domain(node, value):
    """Government sites use a ``.gov.cn`` domain (regulation 第九条)."""
    if not GOV_DOMAIN.match(value.strip().lower()):
        raise colander.Invalid(
            node,
            _(
                "invalid-domain",
                default="政府网站域名必须以 .gov.cn 结尾，例如 www.yingshan.gov.cn。",
            ),
        )


def site_code(node, value):
    if not SITE_CODE.match(value.strip()):
        raise colander.Invalid(
            node, _("invalid-site-code", default="网站标识码为10位数字或大写字母。")
        )


def url_name(node, value):
    if not URL_NAME.match(value):
        raise colander.Invalid(
            node,
            _("invalid-url-name", default="只能使用小写字母、数字和连字符，且以字母或数字开头。"),
        )
