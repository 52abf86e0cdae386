"""``govportal-demo CONFIG.ini``: create the site and the demo content if absent.

Prints the administrator's and every demo user's new random password once,
on the run that creates them, and where the server of ``CONFIG.ini`` will
listen (its ``[server:main]`` section, not a fixed port).
"""

import argparse
import sys

from ..bootstrap import close_app, create_site, load_app, site_session
from ..demo import build_demo
from ..search.script import update_index

DEFAULT_ADDRESS = ("127.0.0.1", "6543")


#: listen addresses meaning "every interface": shown as the loopback address
ANY_INTERFACE = frozenset({"*", "0.0.0.0", "::"})  # noqa: S104 (compared, never bound)


def server_address(config_uri, section="main"):
    """``(host, port)`` where waitress serves ``config_uri``: the first
    address of ``listen`` (``host:port`` …), else ``host`` and ``port``."""
    from plaster import get_settings

    try:
        settings = get_settings(config_uri, f"server:{section}")
    except Exception:  # no server section: waitress's defaults
        settings = {}
    listen = (settings.get("listen") or "").split()
    if listen:
        host, _sep, port = listen[0].rpartition(":")
        host, port = host.strip("[]"), port
    else:
        host, port = settings.get("host"), settings.get("port")
    host = host or DEFAULT_ADDRESS[0]
    if host in ANY_INTERFACE:
        host = DEFAULT_ADDRESS[0]
    return host, str(port or DEFAULT_ADDRESS[1])


def base_url(config_uri):
    host, port = server_address(config_uri)
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"http://{host}:{port}"


def main(argv=None, out=sys.stdout):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    parser.add_argument(
        "--minimal",
        action="store_true",
        help="only the sites, columns and users (no demo articles), as the tests use it",
    )
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, administrators = create_site(zodb_root, request)
            created = build_demo(root, request, full=not args.minimal)
        # a script's commits queue no indexing: index the new items now, so
        # that search finds them from the first request
        update_index(app.registry, out=out)
    finally:
        close_app(app)
    created = list(administrators or []) + created
    if created:
        print("演示站点已创建。以下账号的密码只显示这一次：", file=out)
        for user, password, groups in created:
            print(f"  {user:<20} {password:<16} {groups}", file=out)
    else:
        print("演示站点已存在。", file=out)
    url = base_url(args.config)
    print(f"工作人员登录：{url}/@@login  门户：{url}/  管理界面：{url}/manage", file=out)
    print("三员和站点管理员（admin）首次登录时设置动态验证码；三员首次登录须修改密码。", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
