"""The benchmark corpus: the demo site plus N published documents.

    python -m benchmarks.corpus [--documents 10000] [--directory var/bench]

Documents are written straight into the database through the bootstrap
helpers (``site_session``), in batches of one transaction each, and
published through the real workflow (submit by an editor, approve by a
reviewer of the column's department), so catalogs, ACLs and history are
those of real use.  The corpus is kept under ``var/bench/`` and reused: a
second run adds only what is missing.  ``doc-paths.txt`` lists the public
path of every benchmark document.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import transaction
from substanced.util import get_oid

from govportal import main
from govportal.bootstrap import close_app, create_site, request_as, site_session
from govportal.demo import REGULATION_FILE, build_demo, data
from govportal.settings import SOURCE_ROOT
from govportal.workflow import get_workflow

DEFAULT_DIRECTORY = SOURCE_ROOT / "var" / "bench"
DEFAULT_DOCUMENTS = 10_000
BATCH = 500
MARKER = "govportal_bench_documents"
PATHS_FILE = "doc-paths.txt"

TOPICS = ("综合政务", "教育", "卫生健康", "财政", "社会保障", "城乡建设", "农业农村", "交通")
SUBJECTS = (
    "关于做好{year}年春季农业生产工作的通知",
    "{year}年县级预算执行情况的公告",
    "关于进一步优化营商环境的实施意见",
    "关于开展城乡环境综合整治行动的通知",
    "关于公布{year}年义务教育阶段招生政策的通告",
    "关于加强基层医疗卫生服务能力建设的意见",
    "关于做好城乡居民基本养老保险参保缴费工作的通知",
    "关于印发营山县防汛应急预案的通知",
)


def settings_for(directory):
    """Application settings for the corpus in ``directory``."""
    directory = Path(directory)
    return {
        "zodbconn.uri": (
            f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs"
            "&connection_cache_size=50000"
        ),
        "govportal.secret_file": str(directory / "secret.key"),
        "govportal.workflows_dir": str(SOURCE_ROOT / "workflows"),
        "govportal.skins_dir": str(SOURCE_ROOT / "skins"),
        "substanced.uploads_tempdir": str(directory / "tmp"),
        "pyramid.reload_templates": "false",
        # The corpus is indexed below; the servers need not check it again.
        "govportal.search.check_at_start": "false",
        # Publishing 10,000 documents would mail their reviewers and editors.
        "govportal.mail.delivery": "memory",
    }


def paragraphs():
    text = REGULATION_FILE.read_text(encoding="utf-8") if REGULATION_FILE.exists() else ""
    html = data.regulation_html(text)
    found = [p for p in html.split("\n") if p.startswith("<p>")]
    return found or ["<p>营山县人民政府办公室发布的政务信息。</p>"]


def columns_with_people(root):
    """[(column, editor login, reviewer login)] of every demo column."""
    result = []
    for name, _title, _kind in data.PORTAL_COLUMNS:
        result.append((root[name], "portal_editor", "portal_reviewer"))
    for dept in data.DEPARTMENTS:
        for cname, _title, _kind in data.DEPARTMENT_COLUMNS:
            dname = dept["name"]
            result.append((root[dname][cname], f"{dname}_editor", f"{dname}_reviewer"))
    return result


def document_fields(number, rng, texts):
    year = 2015 + number % 12
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    title = SUBJECTS[number % len(SUBJECTS)].format(year=year) + f"（第{number}号）"
    body = "\n".join(rng.sample(texts, min(len(texts), 12)))
    return {
        "title": title,
        "body": body,
        "source": "营山县人民政府办公室",
        "author": "",
        "index_number": f"008000000/{year}-{number:05d}",
        "topic": TOPICS[number % len(TOPICS)],
        "publisher": "营山县人民政府办公室",
        "written_date": day - timedelta(days=3),
        "publish_date": day,
        "doc_number": f"营府办发〔{year}〕{number % 200 + 1}号",
        "validity": "valid",
    }


def build(directory=DEFAULT_DIRECTORY, documents=DEFAULT_DOCUMENTS, out=sys.stdout):
    """Create or complete the corpus; returns the list of document paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    app = main({}, **settings_for(directory))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request)
            done = getattr(root, MARKER, 0)
        texts = paragraphs()
        started = time.monotonic()
        added = done < documents
        while done < documents:
            end = min(done + BATCH, documents)
            with site_session(app.registry) as (zodb_root, request):
                root = zodb_root["app_root"]
                add_documents(root, request, range(done, end), texts)
                setattr(root, MARKER, end)
            done = end
            rate = done / max(time.monotonic() - started, 1e-6)
            print(f"  {done} documents ({rate:.0f}/s)", file=out, flush=True)
        index_for_search(app)
        if added:
            # Batches and reindexing leave many old revisions behind: pack
            # them away (1.5 GB -> a few hundred MB for 10,000 documents).
            print("  packing the database …", file=out, flush=True)
            app.registry._zodb_databases[""].pack()
            (directory / "Data.fs.old").unlink(missing_ok=True)
        with site_session(app.registry, commit=False) as (zodb_root, _request):
            paths = document_paths(zodb_root["app_root"], documents)
        (directory / PATHS_FILE).write_text("\n".join(paths) + "\n", encoding="utf-8")
        return paths
    finally:
        transaction.abort()
        close_app(app)


def add_documents(root, request, numbers, texts):
    registry = request.registry
    users = root["principals"]["users"]
    targets = columns_with_people(root)
    people = {}
    for number in numbers:
        column, editor, reviewer = targets[number % len(targets)]
        if editor not in people:
            people[editor] = request_as(request, get_oid(users[editor]))
            people[reviewer] = request_as(request, get_oid(users[reviewer]))
        rng = random.Random(number)
        fields = document_fields(number, rng, texts)
        doc = registry.content.create("Document", last_editor=get_oid(users[editor]), **fields)
        column[f"bench-{number:05d}"] = doc
        workflow = get_workflow(doc, registry)
        workflow.transition(doc, people[editor], "submit")
        workflow.transition(doc, people[reviewer], "approve")


def document_paths(root, documents):
    paths = []
    targets = columns_with_people(root)
    for number in range(documents):
        column = targets[number % len(targets)][0]
        names = [column.__name__]
        parent = column.__parent__
        while parent is not None and parent.__parent__ is not None:
            names.insert(0, parent.__name__)
            parent = parent.__parent__
        paths.append("/" + "/".join(names) + f"/bench-{number:05d}/")
    return paths


def index_for_search(app):
    """Let the site-wide search index every document now, if search is
    installed, so that servers do not build the index during a benchmark."""
    try:
        from govportal.search import get_indexer
    except ImportError:
        return
    indexer = get_indexer(app.registry)
    if indexer is None or not hasattr(indexer, "wait_idle"):
        return
    indexer.activate()
    indexer.wait_idle(timeout=3600)


def main_cli(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--directory", default=str(DEFAULT_DIRECTORY))
    parser.add_argument("--documents", type=int, default=DEFAULT_DOCUMENTS)
    args = parser.parse_args(argv)
    paths = build(args.directory, args.documents)
    print(f"corpus: {len(paths)} benchmark documents in {args.directory}")


if __name__ == "__main__":
    main_cli()
