"""Personal data in plain text (checklist G3, G5) and its masking (G7).

Detectors, all pure functions of a string:

- resident ID numbers (居民身份证号码, GB 11643): 18 characters, a known
  province code, a real birth date not in the future, and the ISO 7064
  MOD 11-2 check character (``X`` for 10); written whole or in groups
  (6-8-4, 4-4-4-4-2, 6-4-4-4, 3-3-4-4-4);
- mobile numbers ``1[3-9]\\d{9}``, whole or written ``138 1234 5678`` /
  ``138-1234-5678``, or after ``+86``, never inside a longer run of digits;
- bank card numbers: 16 to 19 digits (whole or in groups of four) passing
  the Luhn check and starting like a card (3–6, or ``95`` for 19-digit
  domestic cards);
- names where a form labels a private person (``姓名：张三``,
  ``联系人：李四``, ``申请人：…``, see :data:`NAME_LABELS`) and addresses
  below the township level where a form labels a residence (``住址：``,
  ``家庭住址：``…; a bare ``地址：`` only next to other personal data of the
  same paragraph, so that an office's address is not reported).

What is read is normalised first (:func:`normalise`): full-width digits,
letters and signs (``１３８``, ``ＸｘＸ``, ``：``) become ASCII, every kind of
space (no-break, ideographic, thin, narrow…) a space, every kind of dash a
hyphen, and zero-width characters are dropped; offsets are mapped back to
the original text, and masks keep the original's characters outside the
masked digits.

Numbers that are amounts are not personal data: followed by ``元``,
``万元``, ``亿元``, ``美元`` … or preceded by ``金额``, ``人民币``, ``￥``, ``¥``
(:func:`is_amount`).

Public officials' names are not looked for: only the labels of
:data:`NAME_LABELS`, which in government forms name private persons (the
applicant, the party, the contact of a notice …), and only a value that looks
like a person's name (a common surname, two to four characters, not a title
such as ``王老师`` or ``李科长``, not already masked like ``张某``).
``法定代表人`` is not among the labels: legal representatives are published
by rule (行政许可和行政处罚“双公示”).  A ``联系人`` followed in the same clause
by an office landline (and no mobile number) is an official named as a
notice's contact (``联系人：张伟，联系电话：0817-8222222``): not reported;
any other labelled contact is, and the reviewer lets it through once with a
reason (the override is remembered by its text).

:func:`find_personal_data` runs all detectors and never reports one span
twice.  Masks keep the length of the match: ID ``510123********1234``,
mobile ``138****1234``, card first six and last four digits, name ``张*``,
address kept to the county or township (``营山县朗池镇******``).
"""

import re

from ..sitetime import today
from .findings import ADDRESS, BANK_CARD, ID_NUMBER, MOBILE, NAME

# -- normalisation ----------------------------------------------------------------

#: Characters that are dropped before reading (zero-width, soft hyphen, BOM).
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
#: Every kind of space, read as " ".
SPACES = frozenset(" \t\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
#: Every kind of dash, read as "-".
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


def fold_char(c):
    """One character as the detectors read it ("" for a zero-width one)."""
    if c in ZERO_WIDTH:
        return ""
    code = ord(c)
    if 0xFF01 <= code <= 0xFF5E and c != "\uff0d":
        c = chr(code - 0xFEE0)
    if c in SPACES:
        return " "
    if c in DASHES:
        return "-"
    return c


def normalise(text):
    """``(folded, index)``: ``text`` as the detectors read it, and for each
    character of ``folded`` its offset in ``text``."""
    chars = []
    index = []
    for i, c in enumerate(text):
        folded = fold_char(c)
        if folded:
            chars.append(folded)
            index.append(i)
    return "".join(chars), index


# -- resident ID numbers -------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: Province-level codes of GB/T 2260 (and 71 台湾, 81 香港, 82 澳门; 83 is
#: the prefix of Taiwan residents' residence permits, 830000).
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

#: What may separate the groups of a number (after normalisation): one or
#: two spaces, or a hyphen with a space either side or none.
_SEP = r"(?: {1,2}| ?- ?)"


def _grouped(groups, last=r"[0-9]"):
    """A pattern of digit groups of the given lengths with one separator
    repeated between them (the same one each time), not inside a longer
    run of digits or groups.  The last character matches ``last``."""
    parts = []
    for n, size in enumerate(groups):
        digits = f"[0-9]{{{size - 1}}}" + (last if n == len(groups) - 1 else "[0-9]")
        if n == 0:
            parts.append(digits)
        elif n == 1:
            parts.append(f"(?P<sep>{_SEP}){digits}")
        else:
            parts.append(f"(?P=sep){digits}")
    return re.compile(r"(?<![0-9])(?<![0-9][ -])" + "".join(parts) + rf"(?![0-9Xx])(?!{_SEP}[0-9])")


_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
_ID_GROUPED = [
    _grouped(groups, r"[0-9Xx]")
    for groups in ((6, 8, 4), (4, 4, 4, 4, 2), (6, 4, 4, 4), (3, 3, 4, 4, 4))
]


def id_check_char(first17):
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def birth_date(number):
    """The birth date encoded in an 18-digit ID number, or None if impossible."""
    from datetime import date

    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or born > today():
        return None
    return born


def is_resident_id(number):
    """True if ``number`` is a well-formed 18-character resident ID number."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    if number[:2] not in _PROVINCES or birth_date(number) is None:
        return False
    return id_check_char(number[:17]) == number[17].upper()


# -- bank cards ------------------------------------------------------------------------

_CARD_RE = re.compile(
    rf"(?<![0-9])(?:[0-9]{{16,19}}(?![0-9])|[0-9]{{4}}(?P<sep>{_SEP})[0-9]{{4}}"
    rf"(?:(?P=sep)[0-9]{{4}}){{2}}(?:(?:(?P=sep))?[0-9]{{1,3}})?(?!{_SEP}?[0-9]))"
)


def luhn_ok(digits):
    """True if the digit string passes the Luhn (mod 10) check."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def is_bank_card(digits):
    """True for 16–19 digits that start like a payment card and pass Luhn."""
    if not (16 <= len(digits) <= 19 and digits.isascii() and digits.isdigit()):
        return False
    if digits[0] not in "3456" and not (len(digits) == 19 and digits.startswith("95")):
        return False
    return luhn_ok(digits)


# -- mobile numbers ------------------------------------------------------------------------

_MOBILE_RE = re.compile(
    rf"(?:(?<![0-9])|(?<=\+86))1[3-9][0-9](?P<sep>{_SEP})?[0-9]{{4}}(?(sep)(?P=sep))[0-9]{{4}}"
    r"(?![0-9])"
)


def _digits(text):
    return "".join(c for c in text if "0" <= c <= "9" or c in "Xx")


# -- amounts -----------------------------------------------------------------------------------

_AMOUNT_BEFORE = re.compile(
    r"(?:[￥¥$]|人民币|金额|资金|款项|价款|总价|合计|共计|投资|RMB|CNY|USD)"
    r"[^0-9,，。；;\n\u2029电话机号码]{0,5}$",
    re.I,
)
_AMOUNT_AFTER = re.compile(r"^ ?(?:元|圆|万|亿|美元|港元|欧元|块|千元|百元|[.][0-9])")


def is_amount(folded, start, end):
    """True if the number at ``folded[start:end]`` is written as an amount of
    money (``13000000000元``, ``￥13912345678``, ``金额：…``)."""
    if _AMOUNT_AFTER.match(folded[end : end + 3]):
        return True
    return bool(_AMOUNT_BEFORE.search(folded[max(0, start - 12) : start]))


# -- names and addresses where a form labels them -----------------------------------------------

#: Labels that, in a form or a notice, name a private person.
NAME_LABELS = (
    "姓名",
    "联系人",
    "申请人",
    "被申请人",
    "当事人",
    "举报人",
    "投诉人",
    "被投诉人",
    "监护人",
    "户主",
    "收件人",
    "受助人",
    "患者",
    "代理人",
)
#: Labels of a residence: its detail below the township is personal data.
ADDRESS_LABELS = (
    "家庭住址",
    "现住址",
    "住址",
    "居住地址",
    "户籍地址",
    "户籍所在地",
    "家庭地址",
)
#: Labels that may be an office's or a company's address (a company's
#: registered 住所 is public): reported only next to other personal data in
#: the same paragraph.
WEAK_ADDRESS_LABELS = ("联系地址", "通讯地址", "住所地", "住所", "地址")

#: What makes a bare ``地址`` an office's (办公地址, 单位地址 …): never personal.
OFFICE_PREFIXES = frozenset(
    (
        "办公 单位 机关 公司 中心 窗口 服务 受理 办理 报名 咨询 邮寄 办事 场所 项目 企业 学校 医院"
    ).split()
)

#: Common Chinese surnames (single and compound): a labelled value that does
#: not start with one is not taken for a name (``姓名：不详``, ``申请人：本人``).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "令狐",
    "慕容",
    "夏侯",
    "司徒",
    "长孙",
    "宇文",
    "端木",
    "独孤",
)
#: Endings that make a labelled value a title or a role, not a full name.
TITLE_ENDINGS = (
    "老师",
    "先生",
    "女士",
    "同志",
    "师傅",
    "小姐",
    "科长",
    "主任",
    "局长",
    "书记",
    "经理",
    "医生",
    "警官",
    "干部",
    "校长",
    "所长",
    "站长",
    "股长",
    "部长",
    "处长",
    "县长",
    "镇长",
    "乡长",
    "村长",
    "秘书",
    "会计",
    "律师",
    "委员",
    "院长",
    "队长",
    "组长",
    "馆长",
    "总",
    "工",
    "某",
)
#: Words that end a labelled name glued to the next field (``姓名：张三性别：男``).
_NEXT_FIELD = "性别|电话|手机|身份证|证件|住址|地址|联系|年龄|民族|出生|籍贯|职业|单位|邮编|工作"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME_VALUE = rf"(?P<name>[{_CJK}·]{{2,5}}?)(?=[^{_CJK}·]|$|(?:{_NEXT_FIELD}))"
_NAME_CHARS = re.compile(rf"[{_CJK}·]{{2,5}}")
_NAME_RE = re.compile(
    rf"(?P<label>{'|'.join(sorted(NAME_LABELS, key=len, reverse=True))}) ?[:：] ?" + _NAME_VALUE
)
#: An office's landline (0817-8222222, (0817)8222222, 0817 8222222).
_LANDLINE = re.compile(r"(?<![0-9])(?:0[0-9]{2,3}[ -]?|\(0[0-9]{2,3}\) ?)[0-9]{7,8}(?![0-9])")
_ADDRESS_RE = re.compile(
    rf"(?P<label>{'|'.join(sorted(ADDRESS_LABELS + WEAK_ADDRESS_LABELS, key=len, reverse=True))})"
    rf" ?[:：] ?(?P<address>[^,，。；;:：\n\u2029]{{4,60}})"
)
#: Where an address's public part ends: the township, else the county.
_TOWNSHIP = re.compile(r"(?:街道办事处|街道|乡|镇)")
_COUNTY = re.compile(r"(?:自治县|自治旗|县|区|市|旗)")
#: An address is personal only with something below the township.
_DETAIL = re.compile(r"[0-9]|村|社区|组|号|路|街|巷|弄|栋|幢|单元|室|楼|院|小区|屯|队")
_ADDRESS_END = re.compile(rf"(?:{_NEXT_FIELD}|身份|手机)")


def is_private_name(value):
    """True if a labelled value looks like a private person's full name."""
    if not _NAME_CHARS.fullmatch(value) or "某" in value:
        return False
    if any(value.endswith(ending) for ending in TITLE_ENDINGS):
        return False
    if value.startswith(COMPOUND_SURNAMES):
        return len(value) >= 3
    return value[0] in SURNAMES and len(value) <= 4


def address_public_end(value):
    """Length of the public part of an address (up to the township, else the
    county), or None if nothing below it identifies a residence."""
    county = _COUNTY.search(value)
    town = _TOWNSHIP.search(value, county.end() if county else 0)
    end = town.end() if town else (county.end() if county else 0)
    if not _DETAIL.search(value, end):
        return None
    return end


def _names(folded):
    for m in _NAME_RE.finditer(folded):
        if not is_private_name(m.group("name")):
            continue
        if m.group("label") == "联系人" and _office_contact(folded, m.end()):
            continue
        yield NAME, m.start("name"), m.end("name")


def _office_contact(folded, position):
    """True if a 联系人 is followed in the same clause by an office landline
    and no mobile number: an official named as a notice's contact."""
    clause = re.split(r"[。;\n\u2029]", folded[position : position + 40], maxsplit=1)[0]
    return bool(_LANDLINE.search(clause)) and not _MOBILE_RE.search(clause)


def _addresses(folded, personal_spans):
    for m in _ADDRESS_RE.finditer(folded):
        value = m.group("address")
        cut = _ADDRESS_END.search(value)
        if cut and cut.start() >= 4:
            value = value[: cut.start()]
        value = value.rstrip()
        if address_public_end(value) is None:
            continue
        start, end = m.start("address"), m.start("address") + len(value)
        if m.group("label") in WEAK_ADDRESS_LABELS and (
            folded[max(0, m.start() - 2) : m.start()] in OFFICE_PREFIXES
            or not (
                _same_paragraph(folded, start, personal_spans)
                or _PERSON.search(_paragraph(folded, start))
            )
        ):
            continue
        yield ADDRESS, start, end


#: What says a paragraph is about a natural person (an anonymised party:
#: ``当事人：周某某，男，1975年出生，住所：…``).
_PERSON = re.compile(
    r"(?:^|[,，:： ])[男女](?=[,，。 ]|$)|出生|身份证|公民|村民|居民|农户"
    r"|[\u4e00-\u9fff]某某?(?=[,，。 ]|$)"
)


def _bounds(folded, position):
    begin = max(folded.rfind("\n", 0, position), folded.rfind("\u2029", 0, position)) + 1
    ends = [i for i in (folded.find("\n", position), folded.find("\u2029", position)) if i >= 0]
    return begin, min(ends) if ends else len(folded)


def _paragraph(folded, position):
    begin, finish = _bounds(folded, position)
    return folded[begin:finish]


def _same_paragraph(folded, position, spans):
    begin, finish = _bounds(folded, position)
    return any(begin <= s < finish for _k, s, _e in spans)


def labelled_cells(rows):
    """Names and addresses in table rows whose header cell is a label.

    ``rows`` is a list of rows, each a list of ``(text, start, end)`` cells
    (offsets in the text the caller reads).  A row whose cells include a
    label of :data:`NAME_LABELS` or :data:`ADDRESS_LABELS` is a header; the
    cells below it in that column are read as its values.  Returns
    ``(kind, start, end)`` spans.
    """
    found = []
    columns = {}
    for row in rows:
        labels = {}
        for column, (text, _s, _e) in enumerate(row):
            label = normalise(text)[0].strip().rstrip(":")
            if label in NAME_LABELS or label.endswith("姓名"):
                labels[column] = NAME
            elif label in ADDRESS_LABELS or label in WEAK_ADDRESS_LABELS:
                labels[column] = ADDRESS
        if labels:
            columns = labels
            continue
        for column, kind in columns.items():
            if column >= len(row):
                continue
            text, start, _end = row[column]
            folded, index = normalise(text)
            value = folded.strip()
            offset = folded.index(value) if value else 0
            if kind == NAME and is_private_name(value):
                found.append(
                    (NAME, start + index[offset], start + index[offset + len(value) - 1] + 1)
                )
            elif kind == ADDRESS and value and address_public_end(value) is not None:
                found.append(
                    (ADDRESS, start + index[offset], start + index[offset + len(value) - 1] + 1)
                )
    return found


# -- masking ----------------------------------------------------------------------------------


def _mask_digits(text, keep_first, keep_last):
    """Replace the digits of ``text`` by ``*`` except the first and last few;
    other characters (separators, spaces of any kind) are kept, so the result
    has the length of ``text``.  Full-width digits count as digits."""
    positions = [i for i, c in enumerate(text) if fold_char(c) and fold_char(c) in "0123456789Xx"]
    masked = set(positions[keep_first : len(positions) - keep_last])
    return "".join("*" if i in masked else c for i, c in enumerate(text))


def _mask_after(text, keep):
    """Keep the first ``keep`` characters, ``*`` for every visible one after."""
    return text[:keep] + "".join(c if fold_char(c) in ("", " ") else "*" for c in text[keep:])


def mask(kind, text):
    """The G7 masked form of personal data ``text`` of ``kind``."""
    if kind == ID_NUMBER:
        return _mask_digits(text, 6, 4)
    if kind == MOBILE:
        return _mask_digits(text, 3, 4)
    if kind == BANK_CARD:
        return _mask_digits(text, 6, 4)
    if kind == NAME:
        return _mask_after(text, 2 if text.startswith(COMPOUND_SURNAMES) else 1)
    if kind == ADDRESS:
        folded, index = normalise(text)
        end = address_public_end(folded)
        keep = index[end - 1] + 1 if end else 0
        return _mask_after(text, keep)
    raise ValueError(f"not a kind of personal data: {kind!r}")


# -- the detector ------------------------------------------------------------------------------


def find_personal_data(text, extra=()):
    """Personal data in ``text``: a sorted list of ``(kind, start, end)``.

    IDs are looked for first, then cards, then mobile numbers, then labelled
    names and addresses; a span that overlaps one already found is not
    reported again.  ``extra`` are spans found by the caller (table cells
    under a label header) that take part in the same rule.
    """
    folded, index = normalise(text)
    found = []

    def free(start, end):
        return all(end <= s or start >= e for _k, s, e in found)

    def add(kind, start, end):
        if free(start, end):
            found.append((kind, start, end))

    for pattern in (_ID_RE, *_ID_GROUPED):
        for m in pattern.finditer(folded):
            if is_resident_id(_digits(m.group())):
                add(ID_NUMBER, m.start(), m.end())
    for m in _CARD_RE.finditer(folded):
        if is_bank_card(_digits(m.group())) and not is_amount(folded, m.start(), m.end()):
            add(BANK_CARD, m.start(), m.end())
    for m in _MOBILE_RE.finditer(folded):
        if not is_amount(folded, m.start(), m.end()):
            add(MOBILE, m.start(), m.end())
    for kind, start, end in _names(folded):
        add(kind, start, end)
    for kind, start, end in list(_addresses(folded, list(found))):
        add(kind, start, end)
    # back to the offsets of the original text
    spans = [(kind, index[start], index[end - 1] + 1) for kind, start, end in found]
    for kind, start, end in extra:
        if all(end <= s or start >= e for _k, s, e in spans):
            spans.append((kind, start, end))
    spans.sort(key=lambda item: item[1])
    return spans


def mask_text(text):
    """``(masked_text, count)``: every piece of personal data in ``text`` masked."""
    spans = find_personal_data(text)
    if not spans:
        return text, 0
    parts = []
    last = 0
    for kind, start, end in spans:
        parts.append(text[last:start])
        parts.append(mask(kind, text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts), len(spans)
