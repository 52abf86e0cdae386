"""Services and database evolution are the installer's, not the SDI's.

``govportal-init`` creates the portal's services (principals, locks,
catalogs) and runs the database evolution steps, in one process before any
server starts (``substanced.autoevolve`` is off).  Substance D's SDI
offers both again: its "add service" forms answer 500 where the service
already exists (every site has them), and its evolve buttons answer 500 or
would mark steps finished that never ran.  Both are refused in Chinese.
Packing the database and flushing caches stay the system administrator's.
"""

from ..i18n import _
from .answers import LINK_WORKSPACE, in_sdi, refuse

#: the evolve actions of the Database tab (request parameters)
EVOLVE_PARAMS = ("show_evolve", "dryrun", "evolve", "evolve_finished", "evolve_unfinished")

MSG_SERVICES = _(
    "sdi-services-installer",
    default="系统服务（用户、锁、目录索引）由安装程序 govportal-init 创建，不能在管理界面中添加。",
)
MSG_EVOLVE = _(
    "sdi-evolve-installer",
    default="数据库升级由安装程序 govportal-init 在启动服务前执行，不能在管理界面中进行。",
)


def sdi_services(event):
    """ContextFound subscriber: refuse adding services and evolving."""
    request = event.request
    if not in_sdi(request):
        return
    name = request.view_name
    if name.startswith("add_") and name.endswith("_service"):
        refuse(request, MSG_SERVICES, links=(LINK_WORKSPACE,), reason="services")
    if name == "database" and any(p in request.params for p in EVOLVE_PARAMS):
        refuse(request, MSG_EVOLVE, links=(LINK_WORKSPACE,), reason="evolve")
