"""Backups, restore, restore drills and packing (issue #13, checklist F12).

* :mod:`.run` — ``govportal-backup``: every database of the site (content
  with blobs, audit, monitor; :mod:`.targets`) by its storage's own tool
  (:mod:`.filestorage`: repozo + blob copy; :mod:`.postgres`: pg_dump),
  full or incremental, with a manifest (:mod:`.manifest`) and retention;
* :mod:`.restore` — ``govportal-restore``: into a new place, with a ready
  ``.ini``;
* :mod:`.drill` — ``govportal-restore-drill``: restore the newest backup and
  compare it with the live site (:mod:`.snapshot`);
* :mod:`.pack` — the scheduled pack of the content database;
* :mod:`.status` — the backups' line of the monitoring overview;
* :mod:`.inbox` — audit entries of the scripts, recorded by the server
  when it holds a FileStorage ``Audit.fs``.

The command lines are :mod:`.script` and :mod:`.drill`; operators' guide:
``docs/operations.md`` (备份与恢复).
"""


def includeme(config):
    from .inbox import inbox_job
    from .pack import pack_job

    config.add_periodic_job("backup.pack", pack_job)
    config.add_periodic_job("backup.audit_inbox", inbox_job)
    config.add_monitoring_summary("backup", "govportal.backup.status.summary", order=90)
