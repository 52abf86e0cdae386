"""失效链接检查: the broken-link crawler (checklist B15, B19).

Every public item's rich text and attachments are read (:mod:`.extract`),
internal links checked in-process as an anonymous visitor (:mod:`.internal`),
external ones over HTTP, rate-bounded and SSRF-guarded (:mod:`.external`),
by a resumable, time-bounded run holding a lease in the monitor database
(:mod:`.crawl`, :mod:`.store`).  The scheduler runs it every
``links_every_hours`` and raises or clears each site's ``links`` alarm
(:mod:`.jobs`); the dashboard, the county overview and the editor's
workspace show the findings (:mod:`.views`).
"""


def includeme(config):
    from .jobs import links_job, links_task
    from .views import links_panel, links_summary, my_broken_count

    config.add_monitoring_panel("links", links_panel, order=50)
    config.add_monitoring_summary("links", links_summary, order=50)
    config.add_monitoring_task("links", links_task, "失效链接检查")
    config.add_periodic_job("monitoring.links", links_job)
    config.add_request_method(my_broken_count, "govportal_my_broken_links", reify=True)
    config.scan(".views")
