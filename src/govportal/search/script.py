"""``govportal-index CONFIG.ini``: bring the search index up to date.

Without options: create the index if it is missing (or was made by another
splitter version), then compare every document with what is indexed and
index what changed or was never indexed (work queued by a process that died,
changes made by scripts), and remove what is gone.  ``--rebuild`` starts from
an empty index.  ``--stats`` only prints the index's size.

Safe while servers run: it works in its own transactions and retries on
conflicts, like the servers' indexer threads.
"""

import argparse
import sys
import time

from ..bootstrap import close_app, load_app
from .index import get_index
from .indexer import Indexer


def update_index(registry, rebuild=False, out=sys.stdout):
    """Check, reconcile (or rebuild) and drain; returns the indexer's stats."""
    indexer = Indexer(registry, mode="inline")
    started = time.monotonic()
    queued = indexer.check(reconcile=True, rebuild=rebuild)
    indexer.drain()
    stats = dict(indexer.stats, queued=queued, seconds=round(time.monotonic() - started, 2))
    print(
        "检索索引已更新：检查出 {queued} 篇待处理，索引 {indexed} 篇，移除 {removed} 篇，"
        "用时 {seconds} 秒。".format(**stats),
        file=out,
    )
    return stats


def index_stats(registry, out=sys.stdout):
    indexer = Indexer(registry, mode="inline")
    with indexer.session() as (zodb_root, _tm):
        index = get_index(zodb_root)
        if index is None:
            print("尚未建立检索索引。", file=out)
            return None
        stats = {"documents": len(index), "terms": len(index.postings)}
    print("检索索引：{documents} 篇文档，{terms} 个词项。".format(**stats), file=out)
    return stats


def main(argv=None, out=sys.stdout):
    parser = argparse.ArgumentParser(description="Update the govportal search index.")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--rebuild", action="store_true", help="start from an empty index")
    group.add_argument("--stats", action="store_true", help="print the index's size only")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        if args.stats:
            index_stats(app.registry, out=out)
        else:
            update_index(app.registry, rebuild=args.rebuild, out=out)
    finally:
        close_app(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
