"""Multi-process mode: two server processes count into one directory, and a
scrape of either one sums both."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from govportal.settings import SOURCE_ROOT
from tests.conftest import make_settings

from .helpers import samples, value

pytestmark = pytest.mark.slow


def _settings_file(tmp_path, site_template, name, metrics_dir):
    directory = tmp_path / name
    shutil.copytree(site_template, directory)
    settings = make_settings(directory, **{"govportal.monitoring.metrics_dir": str(metrics_dir)})
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(settings))
    return path


def test_two_processes_one_directory_summed(site_template, tmp_path):
    metrics_dir = tmp_path / "metrics"
    first = _settings_file(tmp_path, site_template, "one", metrics_dir)
    second = _settings_file(tmp_path, site_template, "two", metrics_dir)
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env["TZ"] = "UTC"
    command = [sys.executable, "-m", "tests.monitoring.metrics.mp_worker"]
    done_one, done_two = tmp_path / "one.done", tmp_path / "two.done"
    one = subprocess.Popen([*command, str(first), "3", str(done_one)], cwd=SOURCE_ROOT, env=env)
    two = subprocess.Popen(
        [*command, str(second), "4", str(done_two), str(done_one)],
        cwd=SOURCE_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    out, _err = two.communicate(timeout=300)
    assert one.wait(timeout=300) == 0
    assert two.returncode == 0
    found = samples(out)
    name = "govportal_http_requests_total"
    assert value(found, name, view="Root@@robots.txt", status="2xx") == 7
    hist = "govportal_http_request_duration_seconds_count"
    assert value(found, hist, view="Root@@robots.txt") == 7
    # both processes wrote their own files
    files = sorted(p.name for p in metrics_dir.iterdir())
    assert len([f for f in files if f.startswith("counter_")]) == 2, files
    # the database facts come once, from the scraping process
    assert value(found, "govportal_database_facts_up") == 1
