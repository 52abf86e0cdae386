"""The sweep: baseline new approvals, compare everything else, restore.

:func:`sweep` works in the caller's transaction (a scheduler round, the
``tamper`` task).  For each published document: a new approval (its latest
revision is not the baseline's) is baselined; otherwise :func:`.inspect.
inspect` compares, and any difference raises a ``tamper`` alarm (level
veto: 网页被篡改 is a single veto of the national inspection) and restores
(:mod:`.restore`).  A restore that only purged the render cache is checked
again at once; one that wrote to the content database must be seen served
after its commit: it is kept *pending* and confirmed by :func:`confirm`
in the next scheduler round (or the next task run).  Confirmation records
``monitoring.tamper_restored`` in the audit trail and clears the alarm.

Baselines of documents no longer published (retracted, archived, deleted)
are dropped; if such a page is still served (200) to anonymous visitors,
that is itself a tamper alarm.
"""

from collections import Counter

from substanced.util import find_objectmap

from ...i18n import _
from ...security.events import record_action
from ...sitetime import now_utc
from ...siteurl import job_base_url
from ...workflow import get_workflow
from ..alarms import clear_alarm, is_open, raise_alarm, site_staff
from . import region
from .baseline import (
    approved_revision,
    fields_as_approved,
    published_oids,
    record,
    serial_of,
    site_of,
)
from .book import get_book
from .fetch import fetcher
from .inspect import inspect
from .pages import check_pages
from .restore import purge_cache, restore_blobs, restore_fields, touch

KIND = "tamper"
#: rounds a restore is checked before its pending entry is given up (the
#: alarm stays open; the next sweep finds the difference again)
MAX_TRIES = 5
#: most documents of one kind of change listed in a sweep's report
REPORT_LINES = 20


def _public(registry, document):
    workflow = get_workflow(document, registry)
    return workflow is not None and workflow.is_public(document)


def _url(registry, path, root=None):
    return (job_base_url(registry, root) or "") + path


def _paths(baseline):
    return [baseline.path] + [r["path"] for r in baseline.attachments]


def _alarm(root, request, document, baseline, found):
    registry = request.registry
    expected = region.unpack(baseline.region_z)
    # what visitors get, else (unreachable, or only the object differs) the render
    actual = found.served if "served" in found.kinds and found.served else found.render
    evidence = {
        "url": _url(registry, baseline.path, root),
        "kinds": sorted(found.kinds),
        "status": found.status,
        "expected_sha256": baseline.region_sha,
        "actual_sha256": region.digest(actual) if actual else "",
        "diff": region.unified_diff(expected, actual) if actual else "",
        "first_lines": region.first_lines(actual),
        "attachments": [
            {
                "filename": b["filename"],
                "url": _url(registry, b["path"], root),
                "expected_sha256": b["sha256"],
                "stored_sha256": b["stored"] or "",
                "served_sha256": b["served"] or "",
            }
            for b in found.blobs
        ],
        "revision": baseline.revision,
    }
    site = site_of(document)
    title = getattr(document, "title", "") or baseline.path
    subject = _("tamper-alarm-subject", default="网页被篡改：${title}", mapping={"title": title})
    body = _(
        "tamper-alarm-body",
        default=(
            "监测发现公开页面与审核通过的版本不一致，系统正在自动恢复。\n"
            "页面：${url}\n审核版本：第 ${revision} 版\n差异：${kinds}\n\n${diff}"
        ),
        mapping={
            "url": evidence["url"],
            "revision": baseline.revision,
            "kinds": "、".join(evidence["kinds"]),
            "diff": evidence["diff"] or "（附件内容不一致）",
        },
    )
    raise_alarm(
        root,
        request,
        KIND,
        str(baseline.oid),
        subject,
        body,
        site=site,
        level="veto",
        evidence=evidence,
        staff=site_staff(site, registry),
    )


def confirmed(root, request, baseline, kinds):
    """The approved state is served again: audit and clear the alarm."""
    record_action(
        request,
        "monitoring.tamper_restored",
        target=baseline.path,
        result="success",
        details={"oid": str(baseline.oid), "kinds": " ".join(sorted(kinds))},
    )
    clear_alarm(
        root,
        request,
        KIND,
        str(baseline.oid),
        note=_("tamper-restored", default="已恢复为审核通过的版本并核实"),
    )


def restore(root, request, document, baseline, found):
    """Restore what ``found`` says differs; returns "confirmed" or "pending"."""
    registry = request.registry
    book = get_book(root)
    wrote = False
    if "object" in found.kinds:
        wrote = bool(restore_fields(registry, document, baseline.revision)) or wrote
    damaged = [b for b in found.blobs if b["stored"] != b["sha256"]]
    if damaged:
        restored, _failed = restore_blobs(registry, document, damaged)
        wrote = bool(restored) or wrote
    purge_cache(registry, _paths(baseline))
    if not wrote:
        again = inspect(registry, document, baseline, full=True)
        if not again:
            confirmed(root, request, baseline, found.kinds)
            return "confirmed"
        touch(document)  # another process's cache, or a render the purge did not reach
    book.pending[baseline.oid] = {
        "since": now_utc(),
        "kinds": tuple(sorted(found.kinds)),
        "tries": 0,
    }
    return "pending"


def confirm(root, request):
    """Check the pending restores (after their commit); how many were settled."""
    book = get_book(root, create=False)
    if book is None or not len(book.pending):
        return 0
    objectmap = find_objectmap(root)
    settled = 0
    for oid, info in list(book.pending.items()):
        baseline = book.baselines.get(oid)
        document = objectmap.object_for(oid) if objectmap is not None else None
        if baseline is None or document is None:
            del book.pending[oid]
            settled += 1
            continue
        if not inspect(request.registry, document, baseline, full=True):
            baseline.serial = serial_of(document)  # the restore's commit
            confirmed(root, request, baseline, info["kinds"])
            del book.pending[oid]
            settled += 1
        elif info["tries"] + 1 >= MAX_TRIES:
            del book.pending[oid]
            settled += 1
        else:
            book.pending[oid] = dict(info, tries=info["tries"] + 1)
            settled += 1
    return settled


def _drop_unpublished(root, request, book, public, counts):
    registry = request.registry
    objectmap = find_objectmap(root)
    for oid in [o for o in book.baselines.keys() if o not in public]:
        baseline = book.baselines[oid]
        del book.baselines[oid]
        book.pending.pop(oid, None)
        counts["dropped"] += 1
        document = objectmap.object_for(oid) if objectmap is not None else None
        if document is not None and _public(registry, document):
            continue  # archived: still public, no longer watched
        status, _body = fetcher(registry, root)(baseline.path)
        if status != 200:
            continue
        counts["served_hidden"] += 1
        purge_cache(registry, _paths(baseline))
        site = site_of(document) if document is not None else None
        raise_alarm(
            root,
            request,
            KIND,
            str(oid),
            _(
                "tamper-hidden-subject",
                default="已撤下的信息仍可公开访问：${path}",
                mapping={"path": baseline.path},
            ),
            _(
                "tamper-hidden-body",
                default="该信息已不再公开，但其页面 ${url} 仍返回 200，已清除页面缓存。",
                mapping={"url": _url(registry, baseline.path, root)},
            ),
            site=site,
            level="veto",
            evidence={"url": _url(registry, baseline.path, root), "status": status},
        )


def sweep(root, request, only=None):
    """One sweep over every published document (``only``: a set of oids);
    returns a Counter of what happened."""
    registry = request.registry
    book = get_book(root)
    public = published_oids(root, registry)
    counts = Counter()
    if only is None:
        _drop_unpublished(root, request, book, public, counts)
    objectmap = find_objectmap(root)
    for oid in sorted(public if only is None else public & set(only)):
        document = objectmap.object_for(oid)
        if document is None:
            continue
        baseline = book.baselines.get(oid)
        number = approved_revision(document)
        if baseline is None or baseline.revision != number:
            _baseline_new(root, request, book, document, number, counts)
            continue
        counts["checked"] += 1
        found = inspect(registry, document, baseline)
        if not found:
            if oid not in book.pending and is_open(root, KIND, str(oid)):
                # a restore given up on (MAX_TRIES) that has since taken effect
                confirmed(root, request, baseline, ("served",))
                counts["confirmed"] += 1
            continue
        counts["tampered"] += 1
        _alarm(root, request, document, baseline, found)
        counts[restore(root, request, document, baseline, found)] += 1
    if only is None:
        check_pages(root, request, counts)
    book.log.last = {
        "at": now_utc(),
        "baselines": len(book.baselines),
        **{k: v for k, v in counts.items()},
    }
    return counts


def _baseline_new(root, request, book, document, number, counts):
    """Baseline a new approval; a document already altered since that
    approval gets its approved fields back first (and an alarm)."""
    registry = request.registry
    altered = not fields_as_approved(document, number)
    if altered:
        restore_fields(registry, document, number)
    baseline = record(registry, document)
    if baseline is None:
        return
    book.baselines[baseline.oid] = baseline
    book.pending.pop(baseline.oid, None)
    counts["baselined"] += 1
    if altered:
        counts["tampered"] += 1
        found = inspect(registry, document, baseline, look_served=False)
        found.kinds.add("object")
        _alarm(root, request, document, baseline, found)
        book.pending[baseline.oid] = {"since": now_utc(), "kinds": ("object",), "tries": 0}
