"""Score the site search on the judged evaluation set (``make search-eval``).

The corpus (``docs.jsonl`` and ``docs/*.jsonl``) is indexed in memory with the
real :class:`govportal.search.index.SearchIndex` — records made as
:func:`govportal.search.indexer.build_record` makes them for a document (title,
文号 · 发布机构 · 主题分类 as metadata, body) — and every query of
``queries.yaml`` goes through the site search's own pipeline
(:func:`govportal.search.query.parse` with the seed synonym dictionary, then
:meth:`SearchIndex.search`).  Prints nDCG@10 per kind and overall; exits 1 when
a target is missed (see README.md).  ``--verbose`` lists every query's top 5.
"""

import argparse
import json
import math
import sys
import time
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TARGET_OVERALL = 0.92
TARGET_COLLOQUIAL = 0.85
KINDS = ("compound", "single_char", "docnum", "phrase", "two_terms", "colloquial", "no_hit")


def load_docs(here=HERE):
    files = [here / "docs.jsonl"] + sorted((here / "docs").glob("*.jsonl"))
    docs = []
    for path in files:
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except ValueError as e:
                    raise SystemExit(f"{path.name}:{number}: {e}") from None
    return docs


def load_queries(here=HERE):
    path = here / "queries.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def record_of(doc):
    from govportal.search.index import DocRecord, signature_of

    meta = (
        ("文号", doc.get("doc_number") or ""),
        ("发布机构", doc.get("organ") or ""),
        ("主题分类", doc.get("topic") or ""),
    )
    day = doc.get("date")
    return DocRecord(
        title=doc.get("title") or "",
        meta=tuple((label, value.strip()) for label, value in meta if value and value.strip()),
        body=doc.get("body") or "",
        attachments=(),
        publish_date=date.fromisoformat(day) if day else None,
        topic=(doc.get("topic") or "").strip(),
        doc_number=(doc.get("doc_number") or "").strip(),
        signature=signature_of((doc.get("id"),)),
    )


def build_index(docs):
    """``(index, {docid: doc id})``; docids are numbers as Substance D oids are."""
    from govportal.search.index import SearchIndex

    index = SearchIndex()
    ids = {}
    for number, doc in enumerate(docs, 1):
        docid = 1_000_000 + number
        ids[docid] = doc["id"]
        index.index_doc(docid, record_of(doc))
    return index, ids


def seed_synonyms():
    """The seed dictionary (``etc/search-synonyms.txt``), as a new site holds it."""
    try:
        from govportal.search import synonyms
    except ImportError:  # before the synonym dictionary existed
        return None
    return synonyms.seed_dictionary()


def run_query(index, q, dictionary):
    from govportal.search.query import parse

    parsed = parse(q) if dictionary is None else parse(q, synonyms=dictionary)
    hits, _mode = index.search(parsed)
    return hits


def dcg(grades):
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranked, judgements, k=10):
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    if ideal == 0:
        return 1.0 if not ranked else 0.0
    return dcg([judgements.get(doc_id, 0) for doc_id in ranked[:k]]) / ideal


def evaluate(docs, queries, dictionary, verbose=False, out=print):
    index, ids = build_index(docs)
    known = {d["id"] for d in docs}
    per_kind = {}
    failures = []
    timings = []
    for query in queries:
        judgements = {str(k): int(v) for k, v in (query.get("judgements") or {}).items()}
        unknown = set(judgements) - known
        if unknown:
            failures.append(f"{query['id']}: judged ids not in the corpus: {sorted(unknown)}")
        started = time.perf_counter()
        hits = run_query(index, query["q"], dictionary)
        timings.append(time.perf_counter() - started)
        ranked = [ids[h.docid] for h in hits]
        kind = query["kind"]
        if kind == "no_hit":
            score = 1.0 if not ranked else 0.0
            if ranked:
                failures.append(f"{query['id']} no_hit {query['q']!r} found {ranked[:3]}")
        else:
            score = ndcg_at(ranked, judgements)
        if kind == "docnum":
            best = [d for d, g in judgements.items() if g == 3]
            if best and (not ranked or ranked[0] not in best):
                top = ranked[0] if ranked else "nothing"
                failures.append(f"{query['id']} docnum {query['q']!r} top-1 {top}, not {best}")
        per_kind.setdefault(kind, []).append(score)
        if verbose or score < 0.5:
            mark = " " if score >= 0.5 else "!"
            out(f"{mark} {query['id']:<6} {kind:<11} {score:5.3f}  {query['q']}  -> {ranked[:5]}")
    return per_kind, failures, timings


def table(per_kind, out=print):
    out(f"{'kind':<12}{'queries':>8}{'nDCG@10':>10}")
    everything = []
    for kind in KINDS + tuple(sorted(set(per_kind) - set(KINDS))):
        scores = per_kind.get(kind)
        if not scores:
            continue
        everything.extend(scores)
        out(f"{kind:<12}{len(scores):>8}{sum(scores) / len(scores):>10.3f}")
    overall = sum(everything) / len(everything) if everything else 0.0
    out(f"{'overall':<12}{len(everything):>8}{overall:>10.3f}")
    return overall


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="every query's top 5")
    parser.add_argument("--no-synonyms", action="store_true", help="without the dictionary")
    parser.add_argument(
        "--set",
        type=Path,
        default=HERE,
        metavar="DIR",
        help="directory of another set in the same format (docs.jsonl, queries.yaml); "
        "default: this directory (e.g. --set tests/search/eval/holdout)",
    )
    args = parser.parse_args(argv)
    docs, queries = load_docs(args.set), load_queries(args.set)
    if not docs or not queries:
        print(f"no corpus or queries in {args.set}", file=sys.stderr)
        return 2
    dictionary = None if args.no_synonyms else seed_synonyms()
    per_kind, failures, timings = evaluate(docs, queries, dictionary, args.verbose)
    print(f"{len(docs)} documents, {len(queries)} queries")
    overall = table(per_kind)
    timings.sort()
    print(
        f"query time: median {1000 * timings[len(timings) // 2]:.1f} ms, "
        f"max {1000 * timings[-1]:.1f} ms"
    )
    colloquial = per_kind.get("colloquial", [])
    colloquial_score = sum(colloquial) / len(colloquial) if colloquial else 0.0
    if overall < TARGET_OVERALL:
        failures.append(f"overall {overall:.3f} < {TARGET_OVERALL}")
    if colloquial_score < TARGET_COLLOQUIAL:
        failures.append(f"colloquial {colloquial_score:.3f} < {TARGET_COLLOQUIAL}")
    for failure in failures:
        print("FAIL", failure)
    print("targets met" if not failures else f"{len(failures)} target(s) missed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
