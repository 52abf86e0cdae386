"""在线调查 (regulation 第二十六条, checklist D5).

* :mod:`.model` — the Survey content, its private answer box and counters;
* :mod:`.questions` — questions as data: checks, answers read from a form;
* :mod:`.voters` — one answer per person: the voter cookie and its HMAC;
* :mod:`.actions` — storing an answer (once, limited per address);
* :mod:`.results`, :mod:`.chart`, :mod:`.xlsx` — tables, SVG charts, export;
* :mod:`.builder` — what the question builder's posts do;
* views: :mod:`.views_public` (survey page, results, site listing),
  :mod:`.views_workspace` (add, edit, item page), :mod:`.views_builder`.
"""


def includeme(config):
    config.scan(".model")
    config.scan(".views_public")
    config.scan(".views_builder")
    config.include(".views_workspace")
