"""The way from Substance D's management interface into the workspace.

Everyone signs in at ``/@@login`` (govportal.accounts); where a user lands
afterwards is :func:`govportal.accounts.signin.landing`: the page asked for,
except the SDI for users who may not use it (they land in the workspace),
and by default the SDI for system administrators, the workspace for
everyone else.  System administrators find the workspace in a tab 编辑工作台.
"""

from pyramid.httpexceptions import HTTPFound
from substanced.interfaces import IFolder
from substanced.sdi import RIGHT, mgmt_view


@mgmt_view(
    context=IFolder,
    name="workspace",
    tab_title="编辑工作台",
    tab_near=RIGHT,
    permission="sdi.view",
)
def to_workspace(context, request):
    return HTTPFound(request.application_url + "/@@workspace")


def includeme(config):
    pass
