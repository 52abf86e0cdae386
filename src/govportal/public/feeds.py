"""Machine-readable views: RSS per column and site-wide, sitemap.xml and robots.txt."""

from datetime import datetime, time
from email.utils import format_datetime
from xml.sax.saxutils import escape

from pyramid.response import Response
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IColumn, IDepartment
from ..content.portal import site_setting
from ..sitehosts.hosts import hosted_department
from ..sitetime import site_zone
from .listing import published_page

SITEMAP_LIMIT = 50_000
#: items in a feed, newest first
FEED_LIMIT = 50


def _rfc822(day, registry=None):
    """A 发布日期 (a date in the site's zone) as RSS's RFC 822 date: its
    midnight in the site's zone, with the zone's offset (+0800)."""
    if day is None:
        return ""
    return format_datetime(datetime.combine(day, time(0, 0), site_zone(registry)))


@view_config(context=IColumn, name="rss.xml", permission="view")
def column_rss(context, request):
    items, _total = published_page(context, limit=FEED_LIMIT)
    return rss_response(request, context, items, context.title, context.description)


@view_config(context=IRoot, name="rss.xml", permission="view")
@view_config(context=IDepartment, name="rss.xml", permission="view")
def site_rss(context, request):
    """The site-wide feed: the latest items of every column of the portal
    (or of a department), as the home page advertises it."""
    items, _total = published_page(context, limit=FEED_LIMIT, deep=True)
    if IDepartment.providedBy(context):
        title = context.title
    else:
        title = site_setting(context, "legal_name")
    return rss_response(request, context, items, f"{title} - 最新信息", "")


def rss_response(request, channel, items, title, description):
    """An RSS 2.0 answer for ``items``; each names its column as source."""
    entries = []
    for doc in items:
        url = request.resource_url(doc)
        column = doc.__parent__
        entries.append(
            "<item>"
            f"<title>{escape(doc.title)}</title>"
            f"<link>{escape(url)}</link><guid>{escape(url)}</guid>"
            f"<pubDate>{_rfc822(doc.publish_date, request.registry)}</pubDate>"
            f'<source url="{escape(request.resource_url(column))}">'
            f"{escape(getattr(doc, 'publisher', '') or '')}</source>"
            "</item>"
        )
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title>"
        f"<link>{escape(request.resource_url(channel))}</link>"
        f"<description>{escape(description or title)}</description>"
        "<language>zh-CN</language>" + "".join(entries) + "</channel></rss>"
    )
    return Response(body, content_type="application/rss+xml", charset="utf-8")


@view_config(context=IRoot, name="sitemap.xml", permission="view")
@view_config(context=IDepartment, name="sitemap.xml", permission="view")
def sitemap_xml(context, request):
    """The pages of one host: a department with its own host name lists its
    pages on its host; the portal's leaves those departments out."""
    items, _total = published_page(context, limit=SITEMAP_LIMIT, deep=True)
    own = hosted_department(context)
    urls = [f"<url><loc>{escape(request.resource_url(context))}</loc></url>"]
    for doc in items:
        if hosted_department(doc) is not own:
            continue
        lastmod = f"<lastmod>{doc.publish_date.isoformat()}</lastmod>" if doc.publish_date else ""
        urls.append(f"<url><loc>{escape(request.resource_url(doc))}</loc>{lastmod}</url>")
    body = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(urls) + "</urlset>"
    )
    return Response(body, content_type="application/xml", charset="utf-8")


@view_config(context=IRoot, name="robots.txt", permission="view")
@view_config(context=IDepartment, name="robots.txt", permission="view")
def robots_txt(context, request):
    """Each host's robots.txt names that host's sitemap."""
    body = (
        "User-agent: *\n"
        "Disallow: /manage\n"
        "Disallow: /*@@history\n"
        f"Sitemap: {request.resource_url(context, 'sitemap.xml')}\n"
    )
    return Response(body, content_type="text/plain", charset="utf-8")
