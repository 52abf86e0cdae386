"""Multi-process mode: several server processes, one set of metrics.

Behind a proxy, govportal runs several ``pserve`` processes (ZEO or
RelStorage clients); Prometheus scrapes one of them.  When a directory is
given — the ``PROMETHEUS_MULTIPROC_DIR`` environment variable, or
``govportal.monitoring.metrics_dir`` — every process writes its counters to
memory-mapped files there (prometheus_client's multi-process mode) and a
scrape of any process merges the files of all of them: counters and
histograms are summed, gauges as their ``multiprocess_mode`` says
(queue lengths summed over live processes, lags the worst, …).

The directory must be empty when the processes start (e.g. systemd
``ExecStartPre=/bin/rm -rf /run/govportal-metrics`` then
``RuntimeDirectory=govportal-metrics``) and shared by the processes of one
deployment only.  Counters of processes that ended stay in it (totals
never go down); live gauges of a dead process are dropped when
``prometheus_client.multiprocess.mark_process_dead(pid)`` is called (a
gunicorn ``child_exit`` hook; with plain ``pserve`` restart them together).
"""

import os

from prometheus_client import values

ENV = "PROMETHEUS_MULTIPROC_DIR"
SETTING = "govportal.monitoring.metrics_dir"


def configured_dir(settings):
    """The multi-process directory, or None for single-process mode."""
    directory = (settings.get(SETTING) or "").strip() or os.environ.get(ENV, "").strip()
    return directory or None


def enable(directory):
    """Switch this process's new metrics to files in ``directory``.

    prometheus_client reads the environment variable when it is first
    imported; the setting comes later, so the value class is replaced here
    (before any of our metrics exists).  Idempotent."""
    os.makedirs(directory, exist_ok=True)
    if os.environ.get(ENV) != directory:
        os.environ[ENV] = directory
    if not getattr(values.ValueClass, "_multiprocess", False):
        values.ValueClass = values.MultiProcessValue()
