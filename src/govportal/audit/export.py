"""The audit log as CSV (streamed) or XLSX, for the 审计管理员 and for backups.

Rows carry every field of an entry (with ``prev`` and ``hash``, so a copy can
be compared with the live log) plus the time in China time and the action's
Chinese title.  A cell that a spreadsheet would take for a formula (``=``,
``+``, ``-``, ``@`` first) gets a leading apostrophe.
"""

import csv
import io
import json

from .actions import action_title, result_title
from .query import local_time, search

HEADER = (
    "序号",
    "时间（北京时间）",
    "时间（UTC）",
    "用户",
    "用户ID",
    "地址",
    "操作",
    "操作代码",
    "对象",
    "结果",
    "详情",
    "前序哈希",
    "哈希",
)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: entries read per connection while streaming
CHUNK = 1000


def _safe(value):
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def row(entry, request=None):
    """One exported row of ``entry`` (a dict)."""
    return [
        entry["seq"],
        local_time(entry["time"]),
        entry["time"],
        _safe(entry.get("actor")),
        _safe(entry.get("actor_id")),
        _safe(entry.get("address")),
        action_title(request, entry["action"]),
        entry["action"],
        _safe(entry.get("target")),
        result_title(request, entry["result"]),
        _safe(json.dumps(entry.get("details") or {}, ensure_ascii=False, sort_keys=True)),
        entry.get("prev"),
        entry.get("hash"),
    ]


def entries(audit_log, flt, max_rows):
    """Matching entries newest first, at most ``max_rows``, read in chunks
    (each from a fresh read: a long export does not hold one view open)."""
    done, below = 0, None
    while done < max_rows:
        with audit_log.reading() as root:
            chunk = search(root, flt, limit=min(CHUNK, max_rows - done), below=below)
        if not chunk:
            return
        yield from chunk
        done += len(chunk)
        below = chunk[-1]["seq"]
        if len(chunk) < CHUNK:
            return


def csv_chunks(audit_log, flt, max_rows, request=None):
    """The CSV as UTF-8 byte chunks (with a BOM, for spreadsheet programs)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    yield ("\ufeff" + buf.getvalue()).encode("utf-8")
    buf.seek(0)
    buf.truncate()
    n = 0
    for entry in entries(audit_log, flt, max_rows):
        writer.writerow(row(entry, request))
        n += 1
        if n % 200 == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    if buf.getvalue():
        yield buf.getvalue().encode("utf-8")


def xlsx_bytes(audit_log, flt, max_rows, request=None):
    """The XLSX workbook (one sheet, 审计日志) as bytes."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.append(list(HEADER))
    for entry in entries(audit_log, flt, max_rows):
        # control characters (a login tried by an attacker …) are not
        # allowed in XLSX: openpyxl would refuse the whole workbook
        ws.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v
                for v in row(entry, request)
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
