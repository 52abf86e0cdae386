"""Entry points: the scheduler's periodic job and the ``govportal-monitor``
tasks ``tamper`` (sweep now) and ``rebaseline`` (after a skin or template
upgrade changed every page legitimately)."""

from pyramid.traversal import resource_path
from substanced.util import find_objectmap

from ...security.events import record_action
from .. import lease
from .baseline import fields_as_approved, published_oids, record
from .book import get_book, sweep_lease
from .sweep import confirm, sweep

SETTING = "govportal.monitoring.tamper_interval"
NOTE = "tamper lease"


def interval(registry):
    return max(30, int(registry.settings.get(SETTING) or 600))


def periodic(root, request):
    """Scheduler job (every round): confirm pending restores; sweep when due
    and the lease is ours.  Returns true when something was written."""
    registry = request.registry
    settled = confirm(root, request)
    if not lease.take(registry, sweep_lease, interval(registry), note=NOTE):
        return settled
    lease.give_back_after_commit(registry, sweep_lease, NOTE)
    sweep(root, request)
    return True


def _report(counts):
    names = {
        "checked": "核对",
        "pages": "核对栏目页",
        "baselined": "新建基线",
        "dropped": "移除基线",
        "tampered": "发现篡改",
        "confirmed": "已恢复并核实",
        "pending": "已恢复待核实",
        "served_hidden": "撤下后仍可访问",
    }
    parts = [f"{title} {counts.get(key, 0)}" for key, title in names.items()]
    return "防篡改巡检：" + "，".join(parts)


def due_now(root):
    """Make the next scheduler round sweep (the lease's next run: now)."""
    lease_ = get_book(root).lease
    lease_.next_run = None


def sweep_task(root, request, args):
    """``govportal-monitor INI tamper``: confirm pending restores, then sweep now.

    From the dashboard's 立即运行 button (a POST) the sweep is only made due:
    a sweep of every published page takes minutes, longer than a request
    may; the scheduler's next round (30 s) runs it."""
    registry = request.registry
    if request.method == "POST":
        due_now(root)
        return "防篡改巡检已安排，将在半分钟内由后台执行。"
    confirm(root, request)
    if not lease.take(registry, sweep_lease, interval(registry), force=True, note=NOTE):
        return "防篡改巡检：另一进程正在巡检，本次未执行。"
    lease.give_back_after_commit(registry, sweep_lease, NOTE)
    return _report(sweep(root, request))


def rebaseline(root, request, site=None):
    """Record the baselines of the published documents (under ``site``)
    again from a fresh render.  A document whose fields are no longer those
    of its approved revision, or whose attachments' stored bytes differ
    from the baseline's, is left alone (it is not blessed: the next sweep
    restores it).  Audited ``monitoring.rebaseline``; returns how many."""
    registry = request.registry
    book = get_book(root)
    objectmap = find_objectmap(root)
    prefix = resource_path(site).rstrip("/") + "/" if site is not None else "/"
    done = skipped = 0
    for oid in sorted(published_oids(root, registry)):
        document = objectmap.object_for(oid)
        if document is None or not (resource_path(document) + "/").startswith(prefix):
            continue
        old = book.baselines.get(oid)
        new = record(registry, document) if fields_as_approved_now(document, old) else None
        if new is None or (old is not None and _attachments_changed(old, new)):
            skipped += 1
            continue
        book.baselines[oid] = new
        done += 1
    record_action(
        request,
        "monitoring.rebaseline",
        target=prefix,
        details={"baselines": done, "skipped": skipped},
    )
    return done, skipped


def fields_as_approved_now(document, old):
    from .baseline import approved_revision

    return fields_as_approved(document, old.revision if old else approved_revision(document))


def _attachments_changed(old, new):
    """Same approval but other attachment bytes: never re-recorded."""
    if old.revision != new.revision:
        return False
    return [(a["name"], a["sha256"]) for a in old.attachments] != [
        (a["name"], a["sha256"]) for a in new.attachments
    ]


def rebaseline_locked(root, request, site=None):
    """:func:`rebaseline` under the sweep's lease (never beside a sweep or
    another rebaseline); None when another holds it."""
    registry = request.registry
    if not lease.take(registry, sweep_lease, interval(registry), force=True, note=NOTE):
        return None
    lease.give_back_after_commit(registry, sweep_lease, NOTE)
    return rebaseline(root, request, site=site)


def rebaseline_task(root, request, args):
    done = rebaseline_locked(root, request)
    if done is None:
        return "防篡改巡检正在进行，请稍后再重新记录基线。"
    done, skipped = done
    return f"防篡改基线已重新记录：{done} 项（跳过 {skipped} 项，内容与审核版本不一致）。"
