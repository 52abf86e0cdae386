"""``govportal-selfcheck CONFIG.ini [--site NAME] [--json]``: the national self-check now.

Prints, per site (the portal and each department, or the one ``--site``
names: a department's URL name, ``/`` or ``portal`` for the portal), the
score, the veto items failed and the deductions with their evidence, and the
items without data; ``--json`` prints the same as JSON.  A run of every site
is kept in the history (as the weekly run is); a run of one site is not.

Exit status: 0 when every site checked scores at least the pass mark with
no veto item, 1 otherwise, 2 on bad usage.  Runs in a transaction of its
own, retried on conflicts (safe beside servers under ZEO or RelStorage).
"""

import argparse
import json
import sys

from ..bootstrap import close_app, load_app
from ..content import IDepartment
from ..schedule.runner import run_in_transaction
from .runs import report_lines, run_now

PORTAL_NAMES = ("/", "", "portal")


def _sites(root, name):
    if name is None:
        return None
    if name in PORTAL_NAMES:
        return [root]
    child = root.get(name.strip("/")) if hasattr(root, "get") else None
    if child is None or not IDepartment.providedBy(child):
        raise LookupError(name)
    return [child]


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="全国政府网站自查（国办秘函〔2019〕19号）")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    parser.add_argument("--site", help="one site: a department's URL name, or / for the portal")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    found = {}

    def job(root, request):
        found.clear()
        try:
            sites = _sites(root, args.site)
        except LookupError:
            found["unknown"] = True
            return False
        results, _run, stored = run_now(root, request, "script", sites=sites)
        found["results"] = [r.as_dict() for r in results]
        found["lines"] = report_lines(request, results)
        found["ok"] = all(r.passed for r in results)
        return stored

    try:
        run_in_transaction(app.registry, job, "govportal-selfcheck")
    finally:
        close_app(app)
    if found.get("unknown"):
        print(f"没有这个网站：{args.site}", file=out)
        return 2
    if args.json:
        print(json.dumps(found["results"], ensure_ascii=False, indent=2), file=out)
    else:
        print("\n".join(found["lines"]), file=out)
    return 0 if found["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
