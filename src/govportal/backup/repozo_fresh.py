"""Run ``repozo`` once the current second names no file of its repository.

repozo names what it writes by the UTC second it starts in
(``YYYY-MM-DD-hh-mm-ss.deltafsz`` / ``.index``).  The staging repository of
:mod:`.filestorage` *links* the chain's earlier files, so a backup started in
the same second as the previous one would open one of those links for
writing and overwrite the earlier backup's file (its SHA-256 in the manifest
then no longer matches, and the chain cannot be restored).  The wait happens
here, in the process that names the files, on the clock repozo reads.

Run as ``python -m govportal.backup.repozo_fresh <repozo arguments>``.
"""

import sys
import time
from pathlib import Path

POLL = 0.05


def taken_stems(repository):
    """The name stems (``YYYY-MM-DD-hh-mm-ss``) already in ``repository``."""
    return {path.name.split(".", 1)[0] for path in Path(repository).iterdir()}


def wait_for_fresh_second(repository):
    taken = taken_stems(repository)
    while time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime()) in taken:
        time.sleep(POLL)


def main(argv):
    from ZODB.scripts import repozo

    if "-r" in argv:
        wait_for_fresh_second(argv[argv.index("-r") + 1])
    repozo.main(argv)


if __name__ == "__main__":  # pragma: no cover (run as a subprocess)
    main(sys.argv[1:])
