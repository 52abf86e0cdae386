"""``govportal-audit verify | purge | export CONFIG.ini``."""

import csv
import io

import pytest
from openpyxl import load_workbook
from ZODB import DB
from ZODB.FileStorage import FileStorage

from govportal.audit.script import main
from govportal.audit.store import AuditLog

from .conftest import fields, tamper

INI = """\
[app:main]
use = egg:govportal
zodbconn.uri = file://%(here)s/Data.fs
zodbconn.uri.audit = file://%(here)s/Audit.fs
govportal.audit.retention_days = {days}
"""


@pytest.fixture
def ini(tmp_path):
    path = tmp_path / "site.ini"
    path.write_text(INI.format(days=365), encoding="utf-8")
    db = DB(FileStorage(str(tmp_path / "Audit.fs")))
    log = AuditLog(db)
    for i in range(12):
        log.append(fields(i, action="login.failure" if i % 3 == 0 else "account.update"))
    db.close()
    return path


def test_verify_intact(ini, capsys):
    assert main(["verify", str(ini)]) == 0
    out = capsys.readouterr().out
    assert "审计日志完整" in out and "12" in out and "head hash" in out


def test_verify_runs_beside_a_writer(ini, capsys):
    """verify opens a FileStorage read-only: no lock, the server may run."""
    db = DB(FileStorage(str(ini.parent / "Audit.fs")))
    try:
        assert main(["verify", str(ini)]) == 0
    finally:
        db.close()


def test_verify_reports_the_first_bad_seq(ini, capsys):
    db = DB(FileStorage(str(ini.parent / "Audit.fs")))

    def alter(root):
        data = root.entries[5].as_dict()
        data["address"] = "10.9.9.9"
        root.entries[5].data = data
        del root.entries[9]

    tamper(db, alter)
    db.close()
    assert main(["verify", str(ini)]) == 1
    out = capsys.readouterr().out
    assert "第一条异常记录序号 5" in out and "first bad entry is seq 5" in out
    assert "序号 seq 9" in out


def test_purge_with_nothing_old(ini, capsys):
    assert main(["purge", str(ini)]) == 0
    assert "已删除 0 条" in capsys.readouterr().out


def test_purge_refuses_a_short_retention(ini, capsys):
    ini.write_text(INI.format(days=100), encoding="utf-8")
    assert main(["purge", str(ini)]) == 2
    assert "180" in capsys.readouterr().err


def test_export_csv_and_xlsx(ini, tmp_path, capsys):
    assert main(["export", str(ini), "--since", "2000-01-01", "--format", "csv"]) == 0
    text = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "序号" and len(rows) == 13
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(12, 0, -1)]
    assert {r[6] for r in rows[1:]} == {"登录失败", "修改账号"}
    out = tmp_path / "audit.xlsx"
    assert main(["export", str(ini), "--format", "xlsx", "--output", str(out)]) == 0
    values = list(load_workbook(out).active.values)
    assert len(values) == 13
    assert main(["export", str(ini), "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only
    assert main(["export", str(ini), "--since", "yesterday"]) == 2


def test_control_characters_do_not_break_the_xlsx(tmp_path):
    from govportal.audit.export import xlsx_bytes
    from govportal.audit.query import AuditFilter

    db = DB(FileStorage(str(tmp_path / "Audit.fs")))
    log = AuditLog(db)
    log.append(fields(0, actor="evil\x00\x07login", result="failure"))
    values = list(load_workbook(io.BytesIO(xlsx_bytes(log, AuditFilter(), 10))).active.values)
    db.close()
    assert values[1][3] == "evil\ufffd\ufffdlogin"


def test_spreadsheet_formulas_are_neutralised(tmp_path):
    from govportal.audit.export import row

    entry = dict(fields(0, actor='=HYPERLINK("http://x")', target="+1"), seq=1)
    entry.update(time="2026-01-01T00:00:00.000000Z", prev="0", hash="1")
    cells = row(entry)
    assert cells[3].startswith("'=") and cells[8] == "'+1"
