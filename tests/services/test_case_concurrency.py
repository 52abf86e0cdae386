"""16 applicants submitting to one guide at the same moment, and a replay.

Each writer is a thread with its own database connection and transaction,
retried on a conflict the way pyramid_retry retries a request; each posts
its own one-time submission token (govportal.submissions) through
``actions.submit_once``.  Every submission is stored exactly once, with its
own number and query code; a replay of a token stores nothing and answers
the first number and the same code.
"""

import threading

import transaction
from pyramid.request import Request, apply_request_extensions
from transaction.interfaces import TransientError

from govportal.bootstrap import site_session
from govportal.services import actions
from govportal.services.cases import find_case_box, find_case_by_code
from govportal.submissions import issue
from tests.conftest import read_root

from .case_helpers import APPLICANT, pdf

WRITERS = 16
ATTEMPTS = 30


def _guide_path(app):
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        root["jyj"]["guide-concurrent"] = app.registry.content.create(
            "ServiceGuide",
            title="民办学校办学许可",
            co_departments=("wjj",),
            promised_days=5,
            legal_days=20,
            online_mode="here",
        )
    return "guide-concurrent"


class Writer:
    """One applicant: a request (and session) kept across retries."""

    def __init__(self, app, n):
        self.app = app
        self.n = n
        self.request = Request.blank("/", POST={"submission_token": "", "n": str(n)})
        self.request.registry = app.registry
        apply_request_extensions(self.request)
        self.attempts = 0
        self.result = None
        self.error = None

    def run(self, replay=False):
        db = self.app.registry._zodb_databases[""]
        for _attempt in range(ATTEMPTS):
            self.attempts += 1
            conn = db.open()
            try:
                transaction.begin()
                root = conn.root()["app_root"]
                request = self.request
                request._primary_zodb_conn = conn
                request.root = request.context = root
                if not request.POST["submission_token"]:
                    request.POST["submission_token"] = issue(request, actions.SUBMISSION_KIND)
                guide = root["jyj"]["guide-concurrent"]
                applicant = dict(APPLICANT, name=f"申请人{self.n}")
                result = actions.submit_once(
                    request, guide, applicant, {"n": self.n}, {"licence": [pdf()]}
                )
                transaction.commit()
                self.result = result
                return result
            except TransientError:
                transaction.abort()
            except Exception as e:  # noqa: BLE001 - reported by the test
                transaction.abort()
                self.error = e
                return None
            finally:
                conn.close()
        self.error = RuntimeError("too many conflicts")
        return None


def test_sixteen_applicants_at_once_and_a_replay(wsgi_app):
    _guide_path(wsgi_app)
    writers = [Writer(wsgi_app, n) for n in range(WRITERS)]
    barrier = threading.Barrier(WRITERS)

    def go(writer):
        barrier.wait()
        writer.run()

    threads = [threading.Thread(target=go, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert [w.error for w in writers if w.error] == []
    numbers = [w.result[0]["number"] for w in writers]
    codes = [w.result[1] for w in writers]
    assert len(set(numbers)) == WRITERS and len(set(codes)) == WRITERS
    assert not any(w.result[2] for w in writers)  # none answered as a replay

    def stored(root):
        box = find_case_box(root["jyj"])
        cases = box.values()
        by_code = {code: find_case_by_code(root, code) for code in codes}
        return (
            sorted(c.__name__ for c in cases),
            {code: (c.__name__, c.values["n"]) for code, c in by_code.items()},
            sorted(c.applicant["name"] for c in cases),
        )

    names, by_code, applicants = read_root(wsgi_app, stored)
    assert names == sorted(numbers)
    assert sorted(applicants) == sorted(f"申请人{n}" for n in range(WRITERS))
    for writer in writers:
        assert by_code[writer.result[1]] == (writer.result[0]["number"], writer.n)
    # consecutive numbers: none skipped, none issued twice
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, WRITERS + 1))

    # a replay of the first writer's POST (same token, same session)
    first = writers[0]
    (result, code, replayed) = first.run(replay=True)
    assert replayed is True
    assert result["number"] == first.result[0]["number"] and code == first.result[1]
    names_after, _by_code, _applicants = read_root(wsgi_app, stored)
    assert names_after == names


CO_DEPARTMENTS = ("wjj", "rsj", "czj", "zwfwj")


def _case_in_co_handling(app):
    from substanced.util import get_oid

    from govportal.bootstrap import request_as

    from .case_helpers import Token

    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        root["jyj"]["guide-parallel"] = app.registry.content.create(
            "ServiceGuide", title="并联事项", co_departments=CO_DEPARTMENTS, promised_days=5
        )
        case, _code = actions.submit(
            request, root["jyj"]["guide-parallel"], dict(APPLICANT), {}, {}, Token()
        )
        editor = request_as(request, get_oid(root["principals"]["users"]["jyj_editor"]))
        actions.accept(editor, case)
        actions.send_co_handling(editor, case)
        return case.__name__


def _sign(app, number, department, barrier, outcomes):
    from substanced.util import get_oid

    from govportal.bootstrap import request_as
    from govportal.workflow.errors import TransitionRefused

    barrier.wait()
    for _attempt in range(ATTEMPTS):
        try:
            with site_session(app.registry) as (zodb_root, request):
                root = zodb_root["app_root"]
                user = root["principals"]["users"][f"{department}_editor"]
                signer = request_as(request, get_oid(user))
                case = find_case_box(root["jyj"]).get(number)
                actions.sign_task(signer, case.tasks[f"1-{department}"], "同意")
            outcomes.append((department, "signed"))
            return
        except TransientError:
            continue
        except TransitionRefused as e:
            outcomes.append((department, e.status))
            return
    outcomes.append((department, "too many conflicts"))


def test_co_handling_departments_sign_at_the_same_moment(wsgi_app):
    """Every department signs at once: the last signature (whichever it is)
    collects the case; replays of the signatures are refused (409) and
    change nothing."""
    from govportal.workflow import get_workflow
    from govportal.workflow.history import get_history

    number = _case_in_co_handling(wsgi_app)
    for phase in ("sign", "replay"):
        outcomes = []
        barrier = threading.Barrier(len(CO_DEPARTMENTS))
        threads = [
            threading.Thread(target=_sign, args=(wsgi_app, number, d, barrier, outcomes))
            for d in CO_DEPARTMENTS
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        want = "signed" if phase == "sign" else 409
        assert sorted(outcomes) == sorted((d, want) for d in CO_DEPARTMENTS)

    def seen(root):
        case = find_case_box(root["jyj"]).get(number)
        workflow = get_workflow(case, wsgi_app.registry)
        return (
            workflow.state_of(case),
            [r.transition for r in get_history(case)],
            sorted(t.outcome for t in case.tasks.values()),
        )

    state, history, task_outcomes = read_root(wsgi_app, seen)
    assert state == "accepted"
    assert history == ["accept", "send_co_handling", "collect"]
    assert task_outcomes == ["agree"] * len(CO_DEPARTMENTS)
