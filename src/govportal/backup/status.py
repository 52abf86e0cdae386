"""The backups' line of the monitoring overview (运行监测, weekly mail).

``govportal-backup`` and ``govportal-restore-drill`` run outside the server;
each leaves a small JSON file beside the backups (``latest-backup.json``,
``drills/latest.json``: :func:`write_latest`) that :func:`summary` reads —
never the manifests, which list every blob file.  The line is the portal's
(backups are the whole installation's): a warning when the newest backup
is older than :data:`BACKUP_STALE_HOURS`, when no drill passed within
:data:`DRILL_STALE_DAYS`, or when the newest drill found differences.
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

from ..i18n import _
from ..monitoring.panels import SiteStatus
from ..sitetime import local, now_utc

LATEST_BACKUP = "latest-backup.json"
LATEST_DRILL = Path("drills") / "latest.json"
BACKUP_STALE_HOURS = 36
DRILL_STALE_DAYS = 14


def write_latest(directory, name, data):
    """Write one of the small status files atomically."""
    path = Path(directory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    tmp.replace(path)


def _read(path):
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _when(text):
    return datetime.fromisoformat(text) if text else None


def backup_state(settings):
    """``(newest backup, newest drill)`` as their small dicts (or None)."""
    from .inbox import inbox_dir

    directory = inbox_dir(settings)
    if directory is None:
        return None, None
    directory = directory.parent
    return _read(directory / LATEST_BACKUP), _read(directory / LATEST_DRILL)


def _fmt(when, registry):
    return f"{local(when, registry):%Y-%m-%d %H:%M}"


def summary(site, request):
    """``add_monitoring_summary`` of backups: the portal's line only."""
    if site.__parent__ is not None:
        return None
    registry = request.registry
    backup, drill = backup_state(registry.settings)
    label = request.localizer.translate(_("backup-status-label", default="备份"))
    now = now_utc()
    problems = []
    if backup is None:
        value = request.localizer.translate(_("backup-status-none", default="无备份"))
        problems.append(value)
    else:
        finished = _when(backup["finished"])
        value = _fmt(finished, registry)
        if now - finished > timedelta(hours=BACKUP_STALE_HOURS):
            problems.append(
                request.localizer.translate(
                    _("backup-status-stale", default="最近一次备份已超过 36 小时")
                )
            )
    if drill is None or now - _when(drill["live_now"]) > timedelta(days=DRILL_STALE_DAYS):
        problems.append(
            request.localizer.translate(_("backup-status-no-drill", default="14 天内没有恢复演练"))
        )
    elif not drill["ok"]:
        problems.append(
            request.localizer.translate(
                _("backup-status-drill-failed", default="最近一次恢复演练发现差异")
            )
        )
    detail = "；".join(problems)
    if drill is not None:
        drilled = request.localizer.translate(
            _(
                "backup-status-drill",
                default="最近演练 ${when}，恢复点落后 ${lag} 秒",
                mapping={
                    "when": _fmt(_when(drill["live_now"]), registry),
                    "lag": drill["lag_seconds"],
                },
            )
        )
        detail = "；".join(p for p in (detail, drilled) if p)
    return SiteStatus(
        label=label,
        value=value,
        level="warning" if problems else "ok",
        detail=detail,
        facts={"backup": backup, "drill": drill},
    )
