"""好差评 appeals (申诉): a department contests a bad rating from its
rectification page, a supervisor decides; an upheld appeal takes the rating
out of the public statistics, a rejected one leaves the answer due."""

import re
import shutil
import threading
from datetime import date

import pytest
import webtest
from pyramid_mailer import get_mailer

from govportal.services import appeals, ratings

from ..browser.conftest import LiveServer
from ..conftest import close_app, make_settings, read_root
from .supervision_support import RESIDENT_ID, Today, add_supervisor, make_case, session
from .test_supervision_a11y import problems, signed_in

ACCEPTED = date(2026, 3, 2)
RATED = date(2026, 3, 10)
WRITERS = 16


def case_of(root, number, site="jyj"):
    return (root[site] if site else root).govportal_service_cases.get(number)


def rated_cases(app, levels, site="jyj"):
    """Concluded cases JY-0.. rated with ``levels``; a supervisor account."""
    with session(app) as (root, request):
        add_supervisor(root, request)
        for n, level in enumerate(levels):
            case = make_case(
                root, request, f"JY-{n}", site=site, accepted_on=ACCEPTED, concluded_on=RATED
            )
            ratings.rate(request, case, level, f"评价{n}")


def token_of(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def appeal(client, number, reason, site="jyj", status=303):
    page = client.get(f"/{site}/@@rectifications", status="*")
    token = token_of(page) if 'name="csrf_token"' in page.text else client.csrf()
    data = {"case": number, "reason": reason, "csrf_token": token}
    return client.post(f"/{site}/@@rectification-appeal", data, status=status)


def decide(client, number, decision, reason="", lead="jyj", status=303):
    page = client.get("/@@supervision-appeals", status=200)
    token = token_of(page) if 'name="csrf_token"' in page.text else client.csrf()
    data = {
        "lead": lead,
        "case": number,
        "decision": decision,
        "reason": reason,
        "csrf_token": token,
    }
    return client.post("/@@supervision-appeals", data, status=status)


def stored(app, number):
    return read_root(
        app,
        lambda root: (
            dict(case_of(root, number).rating),
            dict(case_of(root, number).rectification),
            [s["title"] for s in case_of(root, number).steps],
        ),
    )


def test_appeal_upheld_excludes_the_rating(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, RATED)
    rated_cases(wsgi_app, (1, 2, 5))
    editor = browser("jyj_editor")
    page = editor.get("/jyj/@@rectifications", status=200)
    assert 'id="appeal-JY-0"' in page.text and "提出差评申诉" in page.text
    # another department, an anonymous visitor, a forged POST: refused
    appeal(browser("wjj_editor"), "JY-0", "越权", status=403)
    browser().post("/jyj/@@rectification-appeal", {"case": "JY-0", "reason": "x"}, status="*")
    editor.post("/jyj/@@rectification-appeal", {"case": "JY-0", "reason": "伪造"}, status=400)
    # no reason: 400, the message tied to the field, nothing written
    res = appeal(editor, "JY-0", "  ", status=400)
    assert 'id="appeal-JY-0-error"' in res.text
    assert 'aria-describedby="appeal-JY-0-error"' in res.text and "请填写申诉理由" in res.text
    assert "appeal" not in stored(wsgi_app, "JY-0")[1]
    appeal(editor, "JY-0", "申请人未到窗口办理，评价内容与本事项无关。")
    appeal(editor, "JY-0", "再次申诉", status=409)  # one appeal per rating
    outbox = get_mailer(wsgi_app.registry).outbox
    filed = [m for m in outbox if "差评申诉" in m.subject]
    assert len(filed) == 1 and "dzjc@localhost" in filed[0].recipients
    assert "jyj_editor@localhost" not in filed[0].recipients
    assert "https://www.yingshan.gov.cn/@@supervision-appeals" in filed[0].body
    assert "申诉处理中" in editor.get("/jyj/@@rectifications").text
    rating, rect, steps = stored(wsgi_app, "JY-0")
    assert rect["appeal"]["reason"].startswith("申请人未到窗口") and not rect["appeal"]["decision"]

    # only supervisors decide
    editor.get("/@@supervision-appeals", status=403)
    supervisor = browser("dzjc")
    assert "/@@supervision-appeals" in supervisor.get("/@@supervision", status=200).text
    page = supervisor.get("/@@supervision-appeals", status=200)
    assert "申请人未到窗口办理" in page.text and "张小明" not in page.text
    assert RESIDENT_ID not in page.text
    res = decide(supervisor, "JY-0", "", status=400)
    assert "请选择处理结果" in res.text
    decide(supervisor, "JY-0", "upheld")
    done = [m for m in outbox if "申诉申诉成立" in m.subject]
    assert len(done) == 1 and "jyj_editor@localhost" in done[0].recipients
    assert "张小明" not in done[0].body
    decide(supervisor, "JY-0", "rejected", "重放", status=409)  # a replay
    rating, rect, steps = stored(wsgi_app, "JY-0")
    assert rating["excluded"] and rect["appeal"]["decision"] == "upheld"
    assert steps[-1] == "差评申诉已处理" and "申请人未到窗口" not in str(steps)
    assert ratings.rectification_status(rect) == "appeal_upheld"
    rect_page = editor.get("/jyj/@@rectifications").text
    assert "申诉成立" in rect_page and 'id="answer-JY-0"' not in rect_page
    # nothing left to answer
    token = token_of(editor.get("/jyj/@@rectifications"))
    editor.post(
        "/jyj/@@rectifications", {"case": "JY-0", "answer": "答复", "csrf_token": token}, status=409
    )

    # the public statistics: 2 ratings counted (2 and 5), 1 excluded
    with session(wsgi_app) as (root, request):
        rows, _answers = ratings.rating_stats(root, request.registry)
    jyj = {r["lead"]: r for r in rows}["jyj"]
    assert (jyj["rated"], jyj["satisfied"], jyj["satisfaction"]) == (2, 1, 50.0)
    assert (jyj["bad"], jyj["excluded"]) == (1, 1)
    public = browser().get("/@@ratings", status=200).text
    assert "经核实剔除 1 件" in public and "申请人未到窗口" not in public


def test_appeal_rejected_needs_a_reason_and_leaves_the_answer_due(wsgi_app, browser, monkeypatch):
    today = Today(monkeypatch, RATED)
    rated_cases(wsgi_app, (1,))
    editor = browser("jyj_editor")
    appeal(editor, "JY-0", "恶意评价")
    supervisor = browser("dzjc")
    res = decide(supervisor, "JY-0", "rejected", "  ", status=400)
    assert 'id="decide-jyj-JY-0-error"' in res.text and "请填写申诉不成立的理由" in res.text
    assert stored(wsgi_app, "JY-0")[1]["appeal"]["decision"] is None
    decide(supervisor, "JY-0", "rejected", "评价与办理情况相符")
    rating, rect, _steps = stored(wsgi_app, "JY-0")
    assert "excluded" not in rating and rect["due"] == date(2026, 3, 17)
    today.set(date(2026, 3, 18))
    page = editor.get("/jyj/@@rectifications").text
    assert "申诉不成立" in page and "评价与办理情况相符" in page and "逾期未整改" in page
    token = token_of(editor.get("/jyj/@@rectifications"))
    data = {"case": "JY-0", "answer": "已整改。", "csrf_token": token}
    editor.post("/jyj/@@rectifications", data, status=303)
    assert ratings.rectification_status(stored(wsgi_app, "JY-0")[1]) == "answered_late"
    # an answered rating cannot be appealed
    with session(wsgi_app) as (root, request):
        make_case(root, request, "JY-9", accepted_on=ACCEPTED, concluded_on=RATED)
        ratings.rate(request, case_of(root, "JY-9"), 2)
    token = token_of(editor.get("/jyj/@@rectifications"))
    editor.post("/jyj/@@rectifications", {"case": "JY-9", "answer": "已整改", "csrf_token": token})
    appeal(editor, "JY-9", "迟到的申诉", status=409)


def clones(client, n):
    out = []
    for _n in range(n):
        clone = webtest.TestApp(client.app.app)
        for name, value in client.app.cookies.items():
            clone.set_cookie(name, value)
        out.append(clone)
    return out


def run_concurrently(posts):
    """``posts``: callables; run each in a thread released at once; statuses."""
    barrier = threading.Barrier(len(posts))
    results = [None] * len(posts)

    def run(i):
        barrier.wait()
        results[i] = posts[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_sixteen_concurrent_appeals_and_decisions_and_replays(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, RATED)
    rated_cases(wsgi_app, (1,) * WRITERS)
    editor = browser("jyj_editor")
    token = token_of(editor.get("/jyj/@@rectifications", status=200))
    clients = clones(editor, WRITERS)

    def filing(n):
        data = {"case": f"JY-{n}", "reason": f"申诉{n}", "csrf_token": token}
        return lambda: clients[n].post("/jyj/@@rectification-appeal", data, status="*").status_int

    assert run_concurrently([filing(n) for n in range(WRITERS)]) == [303] * WRITERS
    assert run_concurrently([filing(n) for n in range(WRITERS)]) == [409] * WRITERS

    supervisor = browser("dzjc")
    token = token_of(supervisor.get("/@@supervision-appeals", status=200))
    clients = clones(supervisor, WRITERS)

    def deciding(n):
        data = {
            "lead": "jyj",
            "case": f"JY-{n}",
            "decision": "upheld" if n % 2 else "rejected",
            "reason": f"理由{n}",
            "csrf_token": token,
        }
        return lambda: clients[n].post("/@@supervision-appeals", data, status="*").status_int

    assert run_concurrently([deciding(n) for n in range(WRITERS)]) == [303] * WRITERS
    assert run_concurrently([deciding(n) for n in range(WRITERS)]) == [409] * WRITERS

    def check(root):
        box = root["jyj"].govportal_service_cases
        return [
            (
                box.get(f"JY-{n}").rectification["appeal"]["reason"],
                box.get(f"JY-{n}").rectification["appeal"]["decision"],
                bool(box.get(f"JY-{n}").rating.get("excluded")),
                [s["title"] for s in box.get(f"JY-{n}").steps].count("差评申诉已处理"),
            )
            for n in range(WRITERS)
        ]

    assert read_root(wsgi_app, check) == [
        (f"申诉{n}", "upheld" if n % 2 else "rejected", bool(n % 2), 1) for n in range(WRITERS)
    ]


# -- the appeal forms and the supervisor's page in Chromium (axe-core) ----------

LOOKS = (("1280 px", 1280, False), ("320 px", 320, False), ("长者版", 1280, True))


@pytest.fixture(scope="module")
def live_site(site_template, tmp_path_factory):
    from govportal import main
    from govportal.services import clock

    directory = tmp_path_factory.mktemp("appeals-a11y") / "site"
    shutil.copytree(site_template, directory)
    patch = pytest.MonkeyPatch()
    patch.setattr(clock, "today", lambda: RATED)
    app = main({}, **make_settings(directory))
    rated_cases(app, (1, 2))
    with session(app) as (root, request):
        appeals.file_appeal(request, case_of(root, "JY-0"), "评价内容与本事项无关。")
    server = LiveServer(app).start()
    try:
        yield server.url, app
    finally:
        server.stop()
        close_app(app)
        patch.undo()


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=[look for look, *_ in LOOKS])
def test_appeal_pages_axe(chromium, live_site, axe_source, look, width, elder):
    found = []
    context, page = signed_in(chromium, live_site, "jyj_editor", width, elder)
    page.goto("/jyj/@@rectifications")
    found.extend(problems(page, f"rectifications ({look})", width, axe_source))
    form = page.locator("#rect-JY-1 form.rx-appeal")
    form.locator("textarea").evaluate("t => t.removeAttribute('required')")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("#appeal-JY-1-error").count() == 1
    found.extend(problems(page, f"appeal error ({look})", width, axe_source))
    context.close()
    context, page = signed_in(chromium, live_site, "dzjc", width, elder)
    page.goto("/@@supervision-appeals")
    found.extend(problems(page, f"appeals ({look})", width, axe_source))
    with page.expect_navigation():
        page.locator("#appeal-jyj-JY-0 button[type=submit]").click()
    assert page.locator("#decide-jyj-JY-0-error").count() == 1
    found.extend(problems(page, f"decision error ({look})", width, axe_source))
    context.close()
    assert not found, "\n".join(found)
