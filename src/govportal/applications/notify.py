"""Mail about applications: to the applicant, and to the site's handlers.

Applicants are mailed only when they gave an address; the messages carry
no personal data beyond what the applicant wrote.  Handlers are the users
who hold, on the receiving site, a role that handles applications in
``workflows/application.yaml`` (``handle_application``: a department's
groups there, the portal groups on the portal), through
:func:`govportal.mail.send_to_users` under the topic :data:`TOPIC`, so a
user may switch these mails off.  Everything is sent when the transaction
commits.
"""

from pyramid.traversal import find_root

from ..mail import send, send_to_users
from ..security.people import users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts

#: The notification topic of application mails (see govportal.mail.wants).
TOPIC = "applications"
#: The permission whose holders on a site handle its applications.
HANDLER_PERMISSION = "handle_application"


def site_title(site):
    return getattr(site, "title", "") or getattr(find_root(site), "legal_name", "") or "本机关"


def staff_url(request, site, application):
    """The handlers' page of ``application``, from the configured public URL
    (a mail never links to the Host header or a job's http://localhost)."""
    return public_resource_url(request.registry, site, "@@applications", application.__name__)


def mail_applicant(request, application, subject, body):
    """Mail the applicant if an address was given; returns True if sent."""
    email = (application.applicant or {}).get("email")
    if not email:
        return False
    send(request, [email], subject, body)
    return True


def handlers(site, registry):
    """Users who hold a handler role on ``site`` (through a group or directly)."""
    roles = facts.roles_granted(registry, HANDLER_PERMISSION, "Application")
    return users_with_roles(site, roles, registry)


def mail_handlers(request, site, subject, body):
    """Mail the handlers of ``site``; returns the addresses mailed."""
    return send_to_users(request, handlers(site, request.registry), subject, body, TOPIC)
