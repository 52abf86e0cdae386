"""One organ's annual report for one year, assembled from its sources.

:func:`compose` brings together what the officer saved (:mod:`.store`), the
figures derived from documents and the application table counted from the
organ's applications (:mod:`.sources`, :mod:`.aggregate`).  The resulting
:class:`AnnualReport` is what every output draws: the printable page and
the report document (:mod:`.render`) and the spreadsheet (:mod:`.xlsx`).
"""

from dataclasses import dataclass, field

from .aggregate import ApplicationTable, aggregate
from .grids import applications_grid, litigation_grid, proactive_grid
from .official import PROACTIVE_FIELDS, SECTIONS, TEXT_FIELDS, report_title
from .sources import application_records, derive_proactive, organ_title
from .store import get_record


@dataclass
class AnnualReport:
    """Everything a report shows.

    ``values`` maps the form's fields (table 二 and 四 figures, the texts of
    sections 一/五/六) to what the officer saved — a figure never saved is
    None and shows as an empty cell.  ``derived`` holds the table 二 figures
    counted from documents; ``table`` is table 三.  ``saved`` says whether
    the officer saved input for this year.
    """

    organ_title: str
    year: int
    values: dict
    table: ApplicationTable
    derived: dict = field(default_factory=dict)
    saved: bool = False
    notices: list = field(default_factory=list)

    @property
    def title(self):
        return report_title(self.organ_title, self.year)

    @property
    def sections(self):
        return dict(SECTIONS)

    def heading(self, number):
        """A section heading as the template words it, e.g. 一、总体情况."""
        return f"{number}、{self.sections[number]}"

    def paragraphs(self, name):
        """The officer's text ``name`` as a list of non-empty paragraphs."""
        text = (self.values.get(name) if name else None) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def text_of(self, number):
        """The text field that holds section ``number`` (一, 五 or 六; else None)."""
        return {n: f for f, n in TEXT_FIELDS}.get(number)

    def grids(self):
        """The three tables, keyed by section number."""
        return {
            "二": proactive_grid(self.values),
            "三": applications_grid(self.table),
            "四": litigation_grid(self.values),
        }


def default_values(derived):
    """The values a report starts from before anything is saved: the
    figures derived from documents, everything else empty."""
    return {name: derived.get(name) for name in PROACTIVE_FIELDS if name in derived}


def compose(organ, year, registry, values=None):
    """The :class:`AnnualReport` of ``organ`` for ``year``: with the
    officer's saved input, or with ``values`` when given (a form just sent)."""
    derived = derive_proactive(organ, year, registry)
    record = get_record(organ, year)
    if values is None:
        values = dict(record.values) if record is not None else default_values(derived)
    records, notices = application_records(organ, year, registry)
    return AnnualReport(
        organ_title=organ_title(organ),
        year=year,
        values=values,
        table=aggregate(records, year),
        derived=derived,
        saved=record is not None,
        notices=notices,
    )
