"""The snapshot job: 16 scheduler runs at once, then replayed — one snapshot
per period (week and month), the next run stored; the cards then read it."""

from datetime import timedelta

from govportal import sitetime
from govportal.schedule.runner import run_in_transaction
from govportal.scorecards.periods import MONTH, WEEK, period_of
from govportal.scorecards.snapshots import scorecard_section, snapshot_job
from tests.concurrency.writers import WRITERS, at_once
from tests.conftest import read_root


def _state(root):
    store = scorecard_section(root, create=False)
    if store is None:
        return [], {}
    return list(store.snapshots.keys()), dict(store.next_run.items())


def test_sixteen_runs_at_once_and_replayed_keep_one_snapshot_per_period(wsgi_app):
    registry = wsgi_app.registry

    def send(i, _prepared):
        for attempt in range(2):  # the second round replays the first
            try:
                outcome = run_in_transaction(registry, snapshot_job, f"scorecards {i}", attempts=6)
            except Exception as error:  # counted, shown by the assertion
                outcome = repr(error)
            yield attempt, outcome

    answers = at_once(WRITERS, send)
    errors = [a for a in answers[0] + answers[1] if isinstance(a, str)]
    assert not errors, errors
    assert answers[1] == [False] * WRITERS  # the replay finds nothing due
    keys, next_run = read_root(wsgi_app, _state)
    today = sitetime.today(registry)
    assert sorted(keys) == sorted(
        [(MONTH, period_of(MONTH, today).key), (WEEK, period_of(WEEK, today).key)]
    )
    week = period_of(WEEK, today)
    assert sitetime.local(next_run[WEEK], registry).date() == week.end + timedelta(days=1)
    assert sitetime.local(next_run[WEEK], registry).hour == 0

    def snapshot(root):
        store = scorecard_section(root)
        return dict(store.snapshots[(WEEK, week.key)]["sites"])

    counts = read_root(wsgi_app, snapshot)
    assert {"/", "/jyj", "/wjj"} <= set(counts)
    assert set(counts["/jyj"]) == {"stale", "empty", "broken"}


def test_a_run_once_due_again_in_the_same_period_adds_nothing(wsgi_app):
    registry = wsgi_app.registry
    assert run_in_transaction(registry, snapshot_job, "first") is True

    def make_due(root, request):
        store = scorecard_section(root)
        for kind in list(store.next_run.keys()):
            store.next_run[kind] = sitetime.now_utc() - timedelta(minutes=1)
        return True

    run_in_transaction(registry, make_due, "due")
    assert run_in_transaction(registry, snapshot_job, "again") is True  # next run moved on
    keys, next_run = read_root(wsgi_app, _state)
    assert len(keys) == 2
    assert all(when > sitetime.now_utc() for when in next_run.values())


def test_the_card_reads_the_snapshot(wsgi_app, browser):
    admin = browser("admin")
    assert "无快照" in admin.get("/jyj/@@scorecards").text
    run_in_transaction(wsgi_app.registry, snapshot_job, "snapshot")
    page = admin.get("/jyj/@@scorecards").text
    assert "无快照" not in page.split("最近 12")[0]


def test_the_monitor_task_takes_the_snapshot(wsgi_app):
    from govportal.monitoring.panels import tasks

    task, _title = dict(tasks(wsgi_app.registry))["scorecards"]
    reports = []

    def job(root, request):
        reports.append(task(root, request, []))
        return True

    run_in_transaction(wsgi_app.registry, job, "task")
    run_in_transaction(wsgi_app.registry, job, "task again")
    assert reports == ["scorecards: snapshot taken", "scorecards: nothing due"]
    assert len(read_root(wsgi_app, _state)[0]) == 2
