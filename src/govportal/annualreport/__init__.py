"""政府信息公开工作年度报告 (annual report on government information disclosure).

For one organ — the county government (the portal) or a department — and
one year, the report in the layout of 国办公开办函〔2021〕30号 (checklist
C11–C13), generated from the data:

* :mod:`.official` — the template's sections, rows and columns, as data;
* :mod:`.aggregate` — table 三 counted from plain application records, with
  the 一 + 二 = 三 + 四 check (:class:`~.aggregate.InconsistentTable`);
* :mod:`.sources` — the organ, table 二's figures derived from documents and
  the adapter to ``govportal.applications``;
* :mod:`.store` — what the officer entered, kept with the organ per year;
* :mod:`.report` — :func:`~.report.compose` assembles an
  :class:`~.report.AnnualReport`;
* :mod:`.grids` — the tables cell by cell (merged headers included), drawn
  by :mod:`.render` (HTML: printable page, document body) and :mod:`.xlsx`;
* :mod:`.draft` — the report as a draft Document in the organ's
  政府信息公开年报 column, then reviewed through the document workflow;
* :mod:`.views` — ``@@annual-report`` (form and preview),
  ``@@annual-report-print`` and ``@@annual-report.xlsx`` in the management
  interface of the portal and of each department;
* :mod:`.viewhelpers` — the view plumbing (access, year, form handling,
  print and XLSX views) shared with :mod:`govportal.sitereport.views`.

Settings (see :mod:`govportal.settings`): ``govportal.annualreport.column_titles``
and ``column_names`` find the report column; ``normative_markers`` and
``rule_markers`` say which columns and topics hold 行政规范性文件 and 规章.
"""

from .aggregate import (  # noqa: F401
    ApplicationRecord,
    ApplicationTable,
    InconsistentTable,
    aggregate,
)
from .report import AnnualReport, compose  # noqa: F401


def includeme(config):
    config.include(".views")
