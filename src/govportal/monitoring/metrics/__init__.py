"""Prometheus metrics at ``/metrics`` (issue 13, prometheus_client).

Who may scrape: :mod:`.access` (``govportal.monitoring.metrics_allow``
addresses, or ``Authorization: Bearer`` with
``govportal.monitoring.metrics_token``; else 404).  Text exposition format.

What (names without the ``_total`` of counters):

* ``govportal_http_requests{view,status}`` and
  ``govportal_http_request_duration_seconds{view}`` — every answer, by a
  bounded view label (:func:`.tween.view_label`; ``render_cache`` for cache
  hits) and status class (``2xx`` …), timed by an execution policy
  (:mod:`.policy`) that also sees the cache hits no tween sees;
* ``govportal_render_cache{result}`` — hit / miss / pass (the cache's
  ``X-Govportal-Cache`` marker);
* ``govportal_transaction_conflicts{kind}`` and
  ``govportal_transaction_retries{kind}`` — transient errors that ended an
  attempt, and attempts ``pyramid_retry`` started again;
* ``govportal_login_failures`` — audit action ``login.failure``;
* ``govportal_scheduler_rounds``, ``govportal_scheduler_last_round_timestamp_seconds``;
* ``govportal_search_queue_length``, ``govportal_search_lag_seconds``,
  ``govportal_search_indexer_up``;
* ``govportal_open_deadlines{source,state,level}``,
  ``govportal_monitoring_open_alarms{kind,level}`` and
  ``govportal_database_facts_up`` — read from the database at scrape time,
  reused for a minute (:mod:`.scrape`).

Several processes: :mod:`.multiproc` (``PROMETHEUS_MULTIPROC_DIR`` or
``govportal.monitoring.metrics_dir``).  A scrape never writes to any
database.
"""

from pyramid.interfaces import PHASE3_CONFIG
from pyramid.threadlocal import get_current_registry
from pyramid.tweens import INGRESS
from pyramid_retry import IBeforeRetry

from ...security.events import ActionRecorded
from . import multiproc
from .definitions import Metrics

#: Outside the health policy (PHASE3_CONFIG + 150), inside the hardening
#: policy (+ 200), which must stay the outermost.
_POLICY_ORDER = PHASE3_CONFIG + 170
LOGIN_FAILURE = "login.failure"


def count_login_failure(event):
    if event.action == LOGIN_FAILURE:
        request = event.request
        registry = request.registry if request is not None else get_current_registry()
        metrics = getattr(registry, "govportal_metrics", None)
        if metrics is not None:
            metrics.login_failures.inc()


def count_retry(event):
    from .tween import conflict_kind

    metrics = getattr(event.request.registry, "govportal_metrics", None)
    if metrics is not None:
        metrics.retries.labels(conflict_kind(event.exception)).inc()


def make_round_job(metrics):
    """The periodic job: a scheduler round counted, this process's gauges
    refreshed (in multi-process mode each process writes its own)."""
    from .scrape import update_process_gauges

    def count_round(root, request):
        metrics.scheduler_rounds.inc()
        update_process_gauges(request.registry, metrics)
        return None  # nothing to commit

    return count_round


def includeme(config):
    from ...schedule.worker import add_periodic_job
    from .access import Access
    from .policy import install
    from .scrape import DatabaseFacts, update_process_gauges

    registry = config.registry
    directory = multiproc.configured_dir(registry.settings)
    if directory:
        multiproc.enable(directory)
    metrics = registry.govportal_metrics = Metrics(directory)
    facts_registry = _facts_registry(DatabaseFacts(registry))

    def scrape():
        update_process_gauges(registry, metrics)
        return metrics.exposition(facts_registry)

    config.action(
        ("govportal.monitoring.metrics", "execution-policy"),
        install,
        args=(config, metrics, Access(registry.settings), scrape),
        order=_POLICY_ORDER,
    )
    config.add_tween(
        "govportal.monitoring.metrics.tween.metrics_tween_factory",
        under=INGRESS,
        over="govportal.cache.serve.cache_tween_factory",
    )
    config.add_subscriber(count_login_failure, ActionRecorded)
    config.add_subscriber(count_retry, IBeforeRetry)
    add_periodic_job(config, "monitoring.metrics", make_round_job(metrics))


def _facts_registry(collector):
    from prometheus_client import CollectorRegistry

    extra = CollectorRegistry(auto_describe=False)
    extra.register(collector)
    return extra
