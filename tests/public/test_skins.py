"""A site selects a skin and overrides single templates; the rest fall back."""

import shutil

import webtest

from govportal import main
from govportal.settings import SOURCE_ROOT

from ..conftest import Browser, close_app


def test_site_skin_overrides_one_template_and_falls_back(app_settings, tmp_path):
    skins = tmp_path / "skins"
    shutil.copytree(SOURCE_ROOT / "skins" / "default", skins / "default")
    (skins / "county").mkdir()
    about = (skins / "default" / "about.pt").read_text(encoding="utf-8")
    (skins / "county" / "about.pt").write_text(
        about.replace("<h1>关于本站</h1>", "<h1>关于我们（县级皮肤）</h1>"), encoding="utf-8"
    )
    app = main({}, **dict(app_settings, **{"govportal.skins_dir": str(skins)}))
    try:
        client = webtest.TestApp(app)
        assert "县级皮肤" not in client.get("/@@about").text
        admin = Browser(app).login("admin")
        form = admin.get("/@@admin-settings").forms["settings"]
        assert sorted(o[0] for o in form["skin"].options) == ["county", "default"]
        form["skin"] = "county"
        assert form.submit("save").status_int == 303
        assert "关于我们（县级皮肤）" in client.get("/@@about").text
        assert "网站地图" in client.get("/@@sitemap").text  # not overridden: default skin
    finally:
        close_app(app)
