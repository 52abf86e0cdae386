"""``govportal-audit``: verify, purge and export the audit log.

    govportal-audit verify CONFIG.ini
    govportal-audit purge CONFIG.ini
    govportal-audit export CONFIG.ini [--since 2026-01-01] [--until …]
                                      [--format csv|xlsx] [--output FILE]

Only the audit database is opened (``zodbconn.uri.audit``, or the default
next to the content database), never the application.  ``verify`` and
``export`` open a FileStorage read-only, so they run beside the server;
``purge`` writes, so with a FileStorage stop the server first (under ZEO or
RelStorage it runs at any time).  Exit status: 0 intact/done, 1 tampered,
2 bad usage or configuration.
"""

import argparse
import sys

import plaster
from pyramid.exceptions import ConfigurationError

from . import URI_SETTING, derived_uri, open_audit_db, retention_days
from .export import csv_chunks, xlsx_bytes
from .query import parse_filter
from .store import AuditLog


def _settings(ini):
    return plaster.get_settings(ini, "app:main")


def _open(settings, read_only):
    uri = settings.get(URI_SETTING) or derived_uri(settings)
    if uri is None:
        raise ConfigurationError(f"{URI_SETTING} is not set")
    return AuditLog(open_audit_db(uri, read_only=read_only))


def _verify(audit_log, args, settings):
    report = audit_log.verify()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def _purge(audit_log, args, settings):
    days = retention_days(settings)
    removed = audit_log.purge(days)
    print(f"已删除 {removed} 条超过 {days} 天的审计记录。 / ", end="")
    print(f"Removed {removed} entries older than {days} days.")
    report = audit_log.verify()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def _export(audit_log, args, settings):
    flt, errors = parse_filter({"start": args.since or "", "end": args.until or ""})
    if errors:
        print("时间格式不正确 / bad date: use YYYY-MM-DD", file=sys.stderr)
        return 2
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        if args.format == "xlsx":
            out.write(xlsx_bytes(audit_log, flt, args.max_rows))
        else:
            for chunk in csv_chunks(audit_log, flt, args.max_rows):
                out.write(chunk)
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    return 0


COMMANDS = {"verify": (_verify, True), "purge": (_purge, False), "export": (_export, True)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="govportal-audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("config", help="the application's .ini file")
    parser.add_argument("--since", help="export: from this China-time date (YYYY-MM-DD)")
    parser.add_argument("--until", help="export: up to and including this date")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--output", help="export: write here instead of standard output")
    parser.add_argument("--max-rows", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    run, read_only = COMMANDS[args.command]
    try:
        settings = _settings(args.config)
        audit_log = _open(settings, read_only)
    except (ConfigurationError, OSError) as e:
        print(f"配置错误 / configuration error: {e}", file=sys.stderr)
        return 2
    try:
        return run(audit_log, args, settings)
    except ConfigurationError as e:
        print(f"配置错误 / configuration error: {e}", file=sys.stderr)
        return 2
    finally:
        audit_log.db.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
