"""Per-site host names (第九条): the portal and each department may have its
own ``.gov.cn`` host name, all served by one installation.

- :mod:`.hosts` — which department a host name or a resource belongs to;
- :mod:`.views` — which views are staff pages (served on the portal's host only);
- :mod:`.urls` — ``request.resource_url`` giving each site's own URL on every
  host, and the base of links that leave the request
  (:func:`govportal.siteurl.public_resource_url` asks it through
  ``registry.govportal_site_base``);
- :mod:`.serving` — the department as virtual root on its host, the staff
  and canonical-host redirects, page links and the department host's CSP;
- :mod:`.domains` — concurrent changes of host names conflict, so two sites
  never end up with the same one.

A department's host name is its ``domain`` setting (网站域名), edited on
管理 → 站点与栏目 → 部门设置 and in its SDI property sheet.
"""

from pyramid.events import BeforeRender, ContextFound, NewResponse

from .serving import department_host_csp, host_rules, portal_links, wrap_root_factory
from .urls import public_site_base, resource_url


def includeme(config):
    config.add_request_method(resource_url, "resource_url")
    config.registry.govportal_site_base = public_site_base
    config.add_subscriber(host_rules, ContextFound)
    config.add_subscriber(portal_links, BeforeRender)
    config.add_subscriber(department_host_csp, NewResponse)
    config.include(".domains")
    _department_mode_switch(config)
    # after every other action (set_root_factory included)
    config.action(
        ("govportal.sitehosts", "root-factory"),
        wrap_root_factory,
        args=(config.registry,),
        order=10_000,
    )


def _department_mode_switch(config):
    """长者版 on a department's own host: ``@@mode`` there sets that host's
    own ``gp_mode`` cookie (the portal's is never sent to it) and returns to
    the page on that host; the header links to the request's own host."""
    from ..content.containers import IDepartment
    from ..public.pages import mode_view

    config.add_view(mode_view, context=IDepartment, name="mode", permission="view")
