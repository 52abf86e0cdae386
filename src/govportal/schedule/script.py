"""``govportal-schedule CONFIG.ini``: run due publications and expiries once.

For deployments that run the scheduler from cron (with
``govportal.schedule.worker = off`` in the servers) or to catch up by hand.
Safe while servers run: its own transaction, retried on conflicts.
Prints one line per item; exits 1 if any due item was refused.
"""

import argparse
import sys

from ..bootstrap import close_app, load_app
from .runner import run_once

TITLES = {"publish_due": "定时发布", "expire": "定时下线"}


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="Run govportal's due scheduled work once.")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        outcomes = run_once(app.registry)
    finally:
        close_app(app)
    for o in outcomes:
        status = "完成" if o.ok else "未执行：" + "；".join(o.errors)
        print(f"{TITLES.get(o.transition, o.transition)} {o.path}（{o.title}）{status}", file=out)
    if not outcomes:
        print("没有到期的定时发布或定时下线。", file=out)
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
