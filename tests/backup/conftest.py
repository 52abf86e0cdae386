"""Fixtures of the backup tests: the demo site with published documents
that carry attachments (the test suite's template has one document)."""

import shutil

import pytest
import transaction

import govportal
from govportal.bootstrap import site_session
from govportal.demo import files
from govportal.demo.content import publish_item

from ..conftest import close_app, make_settings

DOCUMENTS = 5


def publish_documents(registry, count, prefix="备份测试文件"):
    """Publish ``count`` documents with a PDF attachment each in 通知公告."""
    with site_session(registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        for i in range(count):
            title = f"{prefix}{i + 1}"
            spec = {
                "title": title,
                "lead": f"{title}的导语。",
                "kind": "notice",
                "where": "营山县人民政府办公室",
                "publisher": "营山县人民政府办公室",
                "phone": "0817-8222222",
                "topic": "政务动态",
                "path": "tzgg",
                "days_ago": i + 1,
                "attachment": ("附件1.pdf", files.pdf_bytes(title, [f"attachment {i}"]), title),
            }
            publish_item(
                request, root["tzgg"], spec, users["portal_editor"], users["portal_reviewer"]
            )


@pytest.fixture(scope="session")
def backup_template(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("backup-template") / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **make_settings(directory))
    try:
        publish_documents(app.registry, DOCUMENTS)
    finally:
        transaction.abort()
        close_app(app)
    return directory


@pytest.fixture
def app_settings(backup_template, tmp_path):
    """Settings of a fresh copy of the site with attachments."""
    directory = tmp_path / "site"
    shutil.copytree(backup_template, directory)
    return make_settings(directory)
