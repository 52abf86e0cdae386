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


def site_domain_preparer(value):
    """A 网站域名 as typed → its stored form: trimmed, lower-case, a Chinese
    label in its IDNA (punycode) form; anything else is left for the validator."""
    if not isinstance(value, str):
        return value
    value = value.strip().rstrip(".").lower()
    if value and not value.isascii():
        try:
            value = value.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return value


def _site_domain_syntax(node, value):
    if "://" in value or "/" in value or ":" in value or "@" in value:
        raise colander.Invalid(
            node,
            _(
                "invalid-domain-form",
                default="只填写域名本身，不要包含 http://、端口或路径，例如 jyj.yingshan.gov.cn。",
            ),
        )
    gov_domain(node, value)


@colander.deferred
def site_domain_validator(node, kw):
    """A site's own domain: a ``.gov.cn`` host name that no other site of
    the group (the portal or another department) uses."""
    context = kw.get("context")

    def validate(node, value):
        from pyramid.traversal import find_root

        from .containers import IDepartment, site_group
        from .portal import site_setting

        _site_domain_syntax(node, value)
        if context is None:
            return
        root = find_root(context)
        portal = (site_setting(root, "domain") or "").strip().lower()
        if context is not root and (value == portal or own_portal_host(value, kw)):
            raise colander.Invalid(
                node, _("domain-is-portal", default="该域名是门户网站的域名，部门网站不能使用。")
            )
        own = context if IDepartment.providedBy(context) else None
        for site in site_group(root)[1:]:
            if site is not own and (getattr(site, "domain", "") or "") == value:
                raise colander.Invalid(
                    node,
                    _(
                        "domain-taken",
                        default="域名“${domain}”已由“${title}”使用，每个网站的域名不能重复。",
                        mapping={"domain": value, "title": site.title},
                    ),
                )

    return validate


def own_portal_host(value, kw):
    """True if ``value`` is the host of the configured public URL (the
    portal's, whatever its 网站域名 says): never a department's."""
    from urllib.parse import urlsplit

    registry = getattr(kw.get("request"), "registry", None)
    if registry is None:
        from pyramid.threadlocal import get_current_registry

        registry = get_current_registry()
    configured = (registry.settings or {}).get("govportal.public_url") or ""
    return bool(value) and value == (urlsplit(configured.strip()).hostname or "").rstrip(".")
