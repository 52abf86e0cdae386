"""``govportal-init CONFIG.ini``: create the site if absent, else upgrade it.

Run by one process before any server starts.  On first run it prints the
administrator's login and a new random password, once.
"""

import argparse
import sys

from ..bootstrap import close_app, create_site, load_app, site_session


def init_site(ini_path, out=sys.stdout):
    """Create or upgrade the site configured by ``ini_path``; return the new
    admin password (None if the site existed)."""
    app = load_app(ini_path)
    try:
        with site_session(app.registry) as (zodb_root, request):
            _root, password = create_site(zodb_root, request)
    finally:
        close_app(app)
    login = app.registry.settings["substanced.initial_login"]
    if password:
        print(f"已创建站点。管理员账号：{login}  初始密码：{password}", file=out)
        print("（密码只显示这一次，请妥善保存并在首次登录后修改。）", file=out)
    else:
        print("站点已存在，已完成升级检查。", file=out)
    return app, password


def main(argv=None):
    parser = argparse.ArgumentParser(description="Create or upgrade the govportal site.")
    parser.add_argument("config", help="the .ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    init_site(args.config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
