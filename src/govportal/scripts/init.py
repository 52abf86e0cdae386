"""``govportal-init CONFIG.ini``: create the site if absent, else upgrade it.

Run by one process before any server starts.  On first run it prints the
logins of the three administrators (系统管理员 ``sysadmin``, 安全管理员
``secadmin``, 审计管理员 ``auditadmin``) and their new random passwords, once.
"""

import argparse
import sys

from ..bootstrap import close_app, create_site, load_app, site_session


def init_site(ini_path, out=sys.stdout):
    """Create or upgrade the site configured by ``ini_path``; return the app
    and the administrators created now, [(login, password, title)] (None if
    the site existed)."""
    app = load_app(ini_path)
    try:
        with site_session(app.registry) as (zodb_root, request):
            _root, created = create_site(zodb_root, request)
    finally:
        close_app(app)
    if created:
        print("已创建站点和三员管理账号（三员分立，没有默认账号）：", file=out)
        for login, password, title in created:
            print(f"  {title}  账号：{login:<12} 初始密码：{password}", file=out)
        print("（密码只显示这一次，请妥善保存。首次登录须修改密码并设置动态验证码。）", file=out)
        print("登录地址：/@@login", file=out)
    else:
        print("站点已存在，已完成升级检查。", file=out)
    return app, created


def main(argv=None):
    parser = argparse.ArgumentParser(description="Create or upgrade the govportal site.")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    init_site(args.config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
