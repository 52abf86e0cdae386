"""A probe round: what to fetch, fetching it, recording what was seen.

Every site — the portal and each department — is fetched through its
PUBLIC URL (:func:`govportal.siteurl.public_resource_url`, a department
with its own host name on that host, or the
``probe_base_url`` setting, e.g. an address that bypasses a proxy, or a
test server): its home page and the ``probe_paths`` it has (on the portal
every configured path; on a department only the paths that lead to one of
its resources, or to a view).

:func:`plan` reads the sites (inside a transaction), :func:`observe` does
the network I/O (outside any transaction) and :func:`store` records the
results and raises or clears the alarms (:mod:`.verdicts`) in the
caller's transaction.
"""

from dataclasses import dataclass

from pyramid.traversal import resource_path

from ...content import IDepartment
from ...i18n import _, translate
from ...sitetime import now_utc
from ...siteurl import public_resource_url
from . import history
from .fetch import fetch_all
from .verdicts import judge


@dataclass(frozen=True)
class Target:
    """One URL to probe: ``path`` is ``""`` for the site's home page."""

    site_path: str
    title: str
    path: str
    url: str
    #: the ``Host`` header to send (a hosted department behind ``probe_base_url``)
    host: str = ""


def sites(root):
    """The portal and its departments (by name)."""
    departments = [v for v in root.values() if IDepartment.providedBy(v)]
    return [root, *sorted(departments, key=lambda d: d.__name__)]


def site_title(site):
    title = getattr(site, "title", "") or ""
    if site.__parent__ is None:
        return title or "门户网站"
    return title or site.__name__


def home_url(registry, site, conf):
    """The public URL of ``site``'s home page (ends with ``/``)."""
    base = conf.base_url
    if not base:
        # the site's own public URL (a department's own host, govportal.sitehosts)
        return public_resource_url(registry, site)
    if own_host(site):
        return base + "/"  # its home on its own host (own_host names it)
    return base + resource_path(site).rstrip("/") + "/"


def own_host(site):
    """A department's own host name (govportal.sitehosts), or "": with a
    ``probe_base_url`` its pages are fetched there with this ``Host``."""
    return (getattr(site, "domain", "") or "").strip().lower() if site.__parent__ else ""


def _leads_somewhere(site, path):
    node = site
    for segment in [s for s in path.split("?")[0].split("/") if s]:
        if segment.startswith("@@"):
            return True
        getter = getattr(node, "get", None)
        node = getter(segment) if getter is not None else None
        if node is None:
            return False
    return True


def plan(root, registry, conf):
    """The :class:`Target` list of one round."""
    targets = []
    for site in sites(root):
        site_path = resource_path(site)
        title = site_title(site)
        home = home_url(registry, site, conf)
        host = own_host(site) if conf.base_url else ""
        targets.append(Target(site_path, title, "", home, host))
        for path in conf.paths:
            if site is root or _leads_somewhere(site, path):
                targets.append(Target(site_path, title, path, home + path.lstrip("/"), host))
    return targets


def observe(targets, conf):
    """Fetch every target (no database needed): ``(at, [(target, result)])``,
    ``at`` the round's start (UTC)."""
    at = now_utc()
    results = fetch_all([t.url for t in targets], conf.timeout, hosts=[t.host for t in targets])
    return at, list(zip(targets, results, strict=True))


def store(root, request, at, seen, conf):
    """Record a round's results, prune old history and judge each site probed
    (alarms raised or cleared); in the caller's transaction.  Returns the
    verdicts (:class:`~.verdicts.Verdict`)."""
    found = history.book(root)
    for target, result in seen:
        history.record(found, target.site_path, target.path, at, result)
    history.prune(found, at)
    probed = {}
    for target, _result in seen:
        probed.setdefault(target.site_path, set()).add(target.path)
    verdicts = []
    for site in sites(root):
        paths = probed.get(resource_path(site))
        if paths:
            verdicts.extend(judge(root, request, site, found, conf, now_utc(), paths))
    return verdicts


def report(request, seen, verdicts):
    """The text of a round for ``govportal-monitor … probe`` and 立即运行."""
    failed = sum(1 for _t, r in seen if not r.ok)
    counts = {"total": len(seen), "ok": len(seen) - failed, "failed": failed}
    lines = [
        _(
            "probe-report-head",
            default="探测 ${total} 个地址：正常 ${ok} 个，失败 ${failed} 个。",
            mapping=counts,
        )
    ]
    for target, result in seen:
        facts = {
            "site": target.title,
            "page": target.path or "首页",
            "url": target.url,
            "status": result.status or "—",
            "seconds": f"{result.seconds:.2f}",
            "error": result.error,
        }
        if result.ok:
            line = _(
                "probe-report-ok",
                default="${site} ${page} ${url}：正常，HTTP ${status}，${seconds} 秒",
                mapping=facts,
            )
        else:
            line = _(
                "probe-report-failed",
                default="${site} ${page} ${url}：失败（${error}），HTTP ${status}，${seconds} 秒",
                mapping=facts,
            )
        lines.append(line)
    for verdict in verdicts:
        if verdict.level != "ok":
            lines.append(
                _("probe-report-alarm", default="告警：${text}", mapping={"text": verdict.text})
            )
    return "\n".join(translate(request, line) for line in lines)
