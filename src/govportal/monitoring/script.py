"""``govportal-monitor CONFIG.ini TASK [ARG ...]``: run one part of the monitor now.

The tasks are those the monitor's parts add (``config.add_monitoring_task``:
a link-check run, a tamper sweep, the update check, the weekly summary …);
``govportal-monitor CONFIG.ini`` without a task lists them.  Each runs in a
transaction of its own, committed at the end and retried on conflicts, so
it is safe beside running servers (under ZEO or RelStorage; a FileStorage
is held by its one server: run tasks there from its scheduler instead).
Prints the task's report; exit status 0 done, 2 bad usage.
"""

import argparse
import sys

from ..bootstrap import close_app, load_app
from ..schedule.runner import run_in_transaction
from ..security.events import record_action
from .panels import tasks


def run_task(registry, name, args=()):
    """Run task ``name`` in a transaction of its own; returns its report."""
    task, _title = tasks(registry)[name]
    reports = []

    def job(root, request):
        reports.append(task(root, request, list(args)))
        record_action(request, "monitoring.task", target=name, details={"args": " ".join(args)})
        return True

    run_in_transaction(registry, job, f"govportal-monitor {name}")
    return reports[-1] if reports else ""


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="Run one part of govportal's monitor now.")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    parser.add_argument("task", nargs="?", help="the task (none: list them)")
    parser.add_argument("args", nargs="*", help="the task's arguments")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        known = tasks(app.registry)
        if not args.task:
            for name, (_task, title) in sorted(known.items()):
                print(f"{name}\t{title}", file=out)
            return 0
        if args.task not in known:
            print(f"未知任务：{args.task}（可用：{'、'.join(sorted(known))}）", file=out)
            return 2
        print(run_task(app.registry, args.task, args.args), file=out)
        return 0
    finally:
        close_app(app)


if __name__ == "__main__":
    sys.exit(main())
