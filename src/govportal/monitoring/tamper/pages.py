"""Pages that are not documents: home pages of the portal and the
departments, and column pages.

They have no approval to compare with — their lists change whenever
anything is published — so what is served is compared with a fresh
in-process render of the same moment (whole ``<main>``, :mod:`.region`).
A difference seen twice in a row (once could be a publication landing
between the fetch and the render) is tampering with what is served (a
render-cache entry, a proxy): the page's cache entries are purged and it
is fetched again; the same as the render now → audited restore, alarm
cleared at once; still different → the content database is touched (every
process drops its render cache) and a later sweep clears the alarm when
the page is right again.
"""

from pyramid.traversal import find_root, resource_path

from ...content import IColumn, IDepartment
from ...i18n import _
from ...security.events import record_action
from ..alarms import clear_alarm, is_open, raise_alarm, site_staff
from . import region
from .baseline import site_of
from .fetch import fetcher, own_prefixes, render_fresh
from .restore import purge_cache, touch

KIND = "tamper"


def watched_pages(root):
    """The portal, its departments and every column below them."""
    pages = [root]
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.values() if hasattr(node, "values") else ():
            if IDepartment.providedBy(child) or IColumn.providedBy(child):
                pages.append(child)
                stack.append(child)
    return pages


def _regions(registry, page, path):
    root = find_root(page)
    prefixes = own_prefixes(registry, root)
    status, body = fetcher(registry, root)(path)
    fresh_status, fresh_body = render_fresh(registry, page)
    if fresh_status != 200 or not 0 < status < 500:
        return None, None  # not public, or not answered (the probes' alarm)
    served = region.extract(body, document=False, own_prefixes=prefixes) if status == 200 else ""
    return served, region.extract(fresh_body, document=False, own_prefixes=prefixes)


def _key(path):
    return "page:" + path


def check_page(root, request, page, counts):
    registry = request.registry
    path = resource_path(page).rstrip("/") + "/"
    served, fresh = _regions(registry, page, path)
    if fresh is None:
        return  # not public (a closed column)
    counts["pages"] += 1
    if served == fresh:
        if is_open(root, KIND, _key(path)):
            _restored(root, request, path)
        return
    served, fresh = _regions(registry, page, path)  # a publication in between?
    if fresh is None or served == fresh:
        return
    counts["tampered"] += 1
    site = site_of(page)
    url = fetcher_url(registry, path, root)
    raise_alarm(
        root,
        request,
        KIND,
        _key(path),
        _("tamper-page-subject", default="网页被篡改：${url}", mapping={"url": url}),
        _(
            "tamper-page-body",
            default=(
                "监测发现页面 ${url} 对外提供的内容与系统当前生成的内容不一致，"
                "已清除页面缓存。\n\n${diff}"
            ),
            mapping={"url": url, "diff": region.unified_diff(fresh, served)},
        ),
        site=site,
        level="veto",
        evidence={
            "url": url,
            "kinds": ["served"],
            "expected_sha256": region.digest(fresh),
            "actual_sha256": region.digest(served),
            "diff": region.unified_diff(fresh, served),
            "first_lines": region.first_lines(served),
        },
        staff=site_staff(site, registry),
    )
    purge_cache(registry, [path])
    served, fresh = _regions(registry, page, path)
    if fresh is not None and served == fresh:
        _restored(root, request, path)
        counts["confirmed"] += 1
    else:
        touch(page)
        counts["pending"] += 1


def fetcher_url(registry, path, root=None):
    from ...siteurl import job_base_url

    return (job_base_url(registry, root) or "") + path


def _restored(root, request, path):
    record_action(
        request,
        "monitoring.tamper_restored",
        target=path,
        result="success",
        details={"kinds": "served"},
    )
    clear_alarm(root, request, KIND, _key(path), note=_("tamper-restored", default="已恢复并核实"))


def check_pages(root, request, counts):
    for page in watched_pages(root):
        check_page(root, request, page, counts)
