"""政府网站工作年度报表 (the yearly report every government website publishes).

For one site — the portal or a department — and one year, the report in
the layout of the 国办 template (checklist A18), built like the disclosure
annual report (:mod:`govportal.annualreport`, whose generic pieces it reuses):

* :mod:`.official` — the template's sections and rows, as data;
* :mod:`.sources` — the figures the system knows, each with its source;
* :mod:`.store` — what the officer entered and the overrides (with reasons);
* :mod:`.report` — :func:`~.report.compose` assembles a :class:`~.report.SiteReport`;
* :mod:`.grids`, :mod:`.render`, :mod:`.xlsx` — the table as HTML and XLSX;
* :mod:`.draft` — the draft Document in the site's 年报 column (document workflow);
* :mod:`.job` — the January job drafting last year's report once per site;
* :mod:`.views` — ``@@site-report``, ``@@site-report-print``, ``@@site-report.xlsx``.

Settings (listed with their defaults in :mod:`govportal.settings`):
``govportal.sitereport.column_names`` (URL names of the report column; else
the 年报 column of the disclosure report) and
``govportal.sitereport.january_days`` (the January job's window).
"""

from .report import SiteReport, compose  # noqa: F401


def includeme(config):
    from .job import january_job

    config.include(".views")
    config.add_periodic_job("sitereport.january", january_job)
