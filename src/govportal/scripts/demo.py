"""``govportal-demo CONFIG.ini``: create the site and the demo content if absent.

Prints the administrator's and every demo user's new random password once,
on the run that creates them.
"""

import argparse
import sys

from ..bootstrap import close_app, create_site, load_app, site_session
from ..demo import build_demo


def main(argv=None, out=sys.stdout):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, administrators = create_site(zodb_root, request)
            created = build_demo(root, request)
    finally:
        close_app(app)
    created = list(administrators or []) + created
    if created:
        print("演示站点已创建。以下账号的密码只显示这一次：", file=out)
        for user, password, groups in created:
            print(f"  {user:<20} {password:<16} {groups}", file=out)
    else:
        print("演示站点已存在。", file=out)
    print("登录：http://127.0.0.1:6543/@@login  门户：http://127.0.0.1:6543/", file=out)
    print("三员和站点管理员（admin）首次登录时设置动态验证码；三员首次登录须修改密码。", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
