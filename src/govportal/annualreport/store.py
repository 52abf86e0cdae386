"""What the officer entered for a report, kept with the organ per year.

An organ (the portal root or a department) carries a ``BTrees`` mapping
year → :class:`ReportRecord` in the attribute :data:`RECORDS_ATTR`.  A
record holds the figures and texts entered in the form (table 二's figures
that are not derived from documents, table 四, sections 一/五/六), who saved
them and when, and the oid of the draft document generated from them, so
that generating again updates that draft instead of adding another.
"""

from datetime import UTC, datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from persistent.mapping import PersistentMapping

RECORDS_ATTR = "govportal_annual_reports"


class ReportRecord(Persistent):
    """The officer's input for one organ and year."""

    def __init__(self, year):
        self.year = year
        self.values = PersistentMapping()
        self.saved_at = None
        self.saved_by = None
        self.draft_oid = None

    def update(self, values, userid=None):
        """Replace the stored values with ``values`` (a plain mapping)."""
        self.values.clear()
        self.values.update(values)
        self.saved_at = datetime.now(UTC)
        self.saved_by = userid


def year_record(organ, attr, factory, year, create=False):
    """The record for ``year`` in the year mapping ``attr`` of ``organ``.

    Shared by every per-year report store (this one and
    :mod:`govportal.sitereport.store`): None when nothing was saved yet,
    unless ``create`` is true, which makes the mapping and a
    ``factory(year)`` record as needed.
    """
    records = getattr(organ, attr, None)
    if records is None:
        if not create:
            return None
        records = IOBTree()
        setattr(organ, attr, records)
    record = records.get(year)
    if record is None and create:
        record = records[year] = factory(year)
    return record


def get_record(organ, year, create=False):
    """The :class:`ReportRecord` of ``organ`` for ``year``.

    Returns None when nothing was saved yet, unless ``create`` is true.
    """
    return year_record(organ, RECORDS_ATTR, ReportRecord, year, create)


def saved_years(organ):
    """The years for which ``organ`` has saved input, newest first."""
    records = getattr(organ, RECORDS_ATTR, None)
    return sorted(records.keys(), reverse=True) if records is not None else []
