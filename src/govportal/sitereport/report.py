"""One site's 政府网站工作年度报表 for one year, assembled from its sources.

:func:`compose` joins the generated figures (:mod:`.sources`) with what the
officer saved (:mod:`.store`): an entered value, or an override of a
generated figure (with its reason).  Every output — page, document body,
XLSX — draws the resulting :class:`SiteReport`'s :class:`Row` list.
"""

from dataclasses import dataclass, field

from .official import SECTIONS, report_title
from .sources import generated
from .store import get_record


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str
    value: object
    source: str = ""  # where a generated figure comes from ("" when entered)
    computed: object = None  # the generated figure (also when overridden)
    reason: str = ""  # why a generated figure was overridden ("" otherwise)

    @property
    def overridden(self):
        return bool(self.reason)

    @property
    def text(self):
        return "" if self.value is None else str(self.value)


@dataclass
class SiteReport:
    site_name: str
    year: int
    sections: list = field(default_factory=list)  # [(title, [Row, ...]), ...]
    saved: bool = False

    @property
    def title(self):
        return report_title(self.site_name, self.year)

    def row(self, key):
        for _title, rows in self.sections:
            for row in rows:
                if row.key == key:
                    return row
        raise KeyError(key)

    def values(self):
        return {row.key: row.value for _t, rows in self.sections for row in rows}


def compose(site, year, registry, values=None, overrides=None):
    """The report of ``site`` for ``year``: with the saved input, or with
    ``values``/``overrides`` when given (a form just sent)."""
    figures = generated(site, year, registry)
    record = get_record(site, year)
    if values is None:
        values = dict(record.values) if record is not None else {}
        overrides = dict(record.overrides) if record is not None else {}
    overrides = overrides or {}
    sections = []
    for title, fields in SECTIONS:
        rows = []
        for f in fields:
            if not f.generated:
                rows.append(Row(f.key, f.label, f.kind, values.get(f.key)))
                continue
            figure = figures.get(f.key)
            computed = figure.value if figure is not None else None
            source = figure.source if figure is not None else ""
            over = overrides.get(f.key)
            if over:
                rows.append(
                    Row(f.key, f.label, f.kind, over["value"], source, computed, over["reason"])
                )
            else:
                rows.append(Row(f.key, f.label, f.kind, computed, source, computed))
        sections.append((title, rows))
    name = figures["site_name"].value
    return SiteReport(name, year, sections, saved=record is not None)
