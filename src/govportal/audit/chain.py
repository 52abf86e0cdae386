"""The hash chain of audit entries: canonical form, hashing, verification.

Every entry is a flat dict of :data:`FIELDS`.  Its ``hash`` is the SHA-256 of
the canonical JSON (sorted keys, no spaces, UTF-8) of every field but
``hash`` itself; ``prev`` is the hash of the entry before it (or of the
anchor left by a purge, or :data:`GENESIS` for the first entry).  Changing,
removing or reordering any entry breaks the chain at that point:

- an altered entry no longer matches its own hash;
- a removed entry leaves a gap in the sequence numbers, and the next entry's
  ``prev`` names a hash that is not the one before it;
- two swapped entries carry each other's sequence numbers (which are hashed),
  so both hashes and the ``prev`` links fail.

These functions are pure: they know nothing of ZODB (:mod:`.store`).
"""

import hashlib
import json
from dataclasses import dataclass, field

#: The fields of an entry, in display order; ``hash`` covers all the others.
FIELDS = (
    "seq",
    "time",
    "actor",
    "actor_id",
    "address",
    "action",
    "target",
    "result",
    "details",
    "prev",
    "hash",
)
#: ``prev`` of the very first entry of a log.
GENESIS = "0" * 64


def canonical(entry):
    """The canonical JSON bytes of ``entry`` without its ``hash``."""
    body = {k: entry.get(k) for k in FIELDS if k != "hash"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def entry_hash(entry):
    """The SHA-256 (hex) that ``entry`` must carry as its ``hash``."""
    return hashlib.sha256(canonical(entry)).hexdigest()


def seal(entry):
    """Return ``entry`` with its ``hash`` computed (a new dict)."""
    sealed = {k: entry.get(k) for k in FIELDS if k != "hash"}
    sealed["hash"] = entry_hash(sealed)
    return sealed


@dataclass
class Report:
    """The result of :func:`verify_entries`."""

    checked: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str | None = None
    #: ``(seq, code, message_zh, message_en)`` of every problem, in order
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def first_bad_seq(self):
        return self.problems[0][0] if self.problems else None

    def add(self, seq, code, zh, en):
        self.problems.append((seq, code, zh, en))

    def lines(self):
        """A readable report, Chinese then English on each line."""
        out = []
        if self.ok:
            out.append(
                f"审计日志完整：已校验 {self.checked} 条记录"
                f"（序号 {self.first_seq}–{self.last_seq}），哈希链无断裂。 / "
                f"Audit log intact: {self.checked} entries checked "
                f"(seq {self.first_seq}-{self.last_seq}), hash chain unbroken."
            )
            if self.last_hash:
                out.append(f"最新哈希 / head hash: {self.last_seq} {self.last_hash}")
            return out
        out.append(
            f"审计日志已被篡改或删除：第一条异常记录序号 {self.first_bad_seq}。 / "
            f"Audit log tampered with: first bad entry is seq {self.first_bad_seq}."
        )
        for seq, code, zh, en in self.problems[:50]:
            out.append(f"  序号 seq {seq} [{code}]: {zh} / {en}")
        if len(self.problems) > 50:
            out.append(f"  …… 另有 {len(self.problems) - 50} 处 / {len(self.problems) - 50} more")
        out.append(f"已校验 {self.checked} 条记录 / {self.checked} entries checked.")
        return out


def verify_entries(items, anchor_seq=0, anchor_hash=GENESIS, head=None):
    """Check a chain.

    :param items: ``(key, entry)`` pairs in key order (the B-tree's items);
    :param anchor_seq: the last sequence number removed by purges (0: none);
    :param anchor_hash: that entry's hash (:data:`GENESIS` when none);
    :param head: ``(seq, hash)`` the log says it ends with, or None.
    Returns a :class:`Report`.
    """
    report = Report()
    expected_seq, expected_prev = anchor_seq + 1, anchor_hash
    for key, entry in items:
        seq = entry.get("seq")
        report.checked += 1
        if report.first_seq is None:
            report.first_seq = key
        if seq != key:
            report.add(
                key,
                "moved",
                f"记录内的序号为 {seq}，与存放位置不符（记录被移动或调换）",
                f"entry says seq {seq}: moved or swapped",
            )
        if key != expected_seq:
            if key > expected_seq:
                report.add(
                    expected_seq,
                    "missing",
                    f"缺少序号 {expected_seq}–{key - 1} 的记录（记录被删除）",
                    f"entries {expected_seq}-{key - 1} are missing (removed)",
                )
            else:
                report.add(key, "order", "序号重复或倒序", "duplicate or out-of-order seq")
        if entry.get("prev") != expected_prev:
            report.add(
                key,
                "link",
                "前序哈希与上一条记录不符（前面的记录被删除、替换或调换）",
                "prev hash does not match the entry before (removed, replaced or reordered)",
            )
        if entry.get("hash") != entry_hash(entry):
            report.add(
                key,
                "altered",
                "记录内容与其哈希不符（记录被修改）",
                "content does not match its hash (altered)",
            )
        expected_seq, expected_prev = key + 1, entry.get("hash")
        report.last_seq, report.last_hash = key, entry.get("hash")
    if head is not None:
        head_seq, head_hash = head
        if head_seq and (head_seq != (report.last_seq or anchor_seq)):
            report.add(
                (report.last_seq or anchor_seq) + 1,
                "tail",
                f"日志头记录序号为 {head_seq}，"
                f"但最后一条记录序号为 {report.last_seq}（末尾记录被删除）",
                f"log head says seq {head_seq}, last entry is {report.last_seq} (tail removed)",
            )
        elif head_seq and head_hash != (report.last_hash or anchor_hash):
            report.add(
                head_seq,
                "head",
                "日志头哈希与最后一条记录不符",
                "head hash does not match the last entry",
            )
    return report
