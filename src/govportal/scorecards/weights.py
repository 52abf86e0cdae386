"""The scorecard's weights (``etc/scorecard-weights.yaml``), validated at start-up.

The file (setting ``govportal.scorecards.weights_file``) names every figure
of :data:`FIGURES` once, each with a ``kind`` (``count``: more is better up
to ``target`` per period; ``penalty``: fewer is better, none left at
``tolerance``; ``ratio``: on time out of all), a ``weight`` ≥ 0 and
optionally ``enabled: false`` (shown as 未启用, never scored).  A bad file
stops the application from starting (:class:`WeightsError`).
"""

from dataclasses import dataclass

import yaml
from pyramid.exceptions import ConfigurationError

from ..settings import SOURCE_ROOT
from .periods import KINDS

SETTING = "govportal.scorecards.weights_file"
DEFAULT_FILE = SOURCE_ROOT / "etc" / "scorecard-weights.yaml"

#: figure key -> its kind (fixed by what the figure measures)
FIGURES = {
    "published": "count",
    "stale_columns": "penalty",
    "empty_columns": "penalty",
    "disclosure_on_time": "ratio",
    "applications_on_time": "ratio",
    "letters_on_time": "ratio",
    "cases_on_time": "ratio",
    "broken_links": "penalty",
    "check_overrides": "penalty",
    "syndication": "ratio",
}


class WeightsError(ConfigurationError):
    """The weights file is missing or malformed."""


@dataclass(frozen=True)
class Weight:
    key: str
    kind: str
    weight: float
    enabled: bool = True
    target: dict | None = None  # count: period kind -> target
    tolerance: float | None = None  # penalty

    def rate(self, value, total, period_kind):
        """The 0–1 rate of a figure (None: not scored)."""
        if not self.enabled or value is None:
            return None
        if self.kind == "count":
            return min(1.0, value / self.target[period_kind])
        if self.kind == "penalty":
            return max(0.0, 1.0 - value / self.tolerance)
        if not total:
            return None
        return value / total


def _number(value, where, positive=False):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WeightsError(f"{where}: a number is needed, not {value!r}")
    if value < 0 or (positive and value == 0):
        raise WeightsError(f"{where}: must be {'> 0' if positive else '≥ 0'}")
    return float(value)


def parse(data):
    """``{key: Weight}`` from the YAML document ``data``; :class:`WeightsError` if bad."""
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        raise WeightsError("the file needs a mapping 'figures'")
    figures = data["figures"]
    unknown = set(figures) - set(FIGURES)
    missing = set(FIGURES) - set(figures)
    if unknown or missing:
        raise WeightsError(f"unknown figures {sorted(unknown)}, missing {sorted(missing)}")
    found = {}
    for key, kind in FIGURES.items():
        entry = figures[key]
        if not isinstance(entry, dict):
            raise WeightsError(f"{key}: a mapping is needed")
        extra = set(entry) - {"kind", "weight", "enabled", "target", "tolerance"}
        if extra:
            raise WeightsError(f"{key}: unknown fields {sorted(extra)}")
        if entry.get("kind") != kind:
            raise WeightsError(f"{key}: kind must be {kind!r}")
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise WeightsError(f"{key}: enabled must be true or false")
        target = tolerance = None
        if kind == "count":
            raw = entry.get("target")
            if not isinstance(raw, dict) or set(raw) != set(KINDS):
                raise WeightsError(f"{key}: target needs week and month")
            target = {k: _number(raw[k], f"{key}.target.{k}", positive=True) for k in KINDS}
        if kind == "penalty":
            tolerance = _number(entry.get("tolerance"), f"{key}.tolerance", positive=True)
        found[key] = Weight(
            key, kind, _number(entry.get("weight"), f"{key}.weight"), enabled, target, tolerance
        )
    if not sum(w.weight for w in found.values() if w.enabled):
        raise WeightsError("the enabled weights add up to 0")
    return found


def load(path):
    """Read and validate the weights file at ``path``."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = yaml.safe_load(stream)
    except (OSError, yaml.YAMLError) as error:
        raise WeightsError(f"{path}: {error}") from error
    try:
        return parse(data)
    except WeightsError as error:
        raise WeightsError(f"{path}: {error}") from error


def configured_path(settings):
    """The weights file named by the settings (default: the source tree's)."""
    return settings.get(SETTING) or str(DEFAULT_FILE)


def weights_of(registry):
    """The weights loaded at start-up."""
    return registry.govportal_scorecard_weights
