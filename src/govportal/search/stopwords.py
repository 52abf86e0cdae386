"""Words of how citizens ask, never counted against documents (see :mod:`.query`).

Question words make a query a question and are removed from what is searched;
fillers of spoken requests (我想, 现在, 能领, 有几天, 行不行, 会怎么样 …) are
removed from every query's fragments; single-character particles and pronouns
from questions only.  Content words stay: 材料, 条件, 流程 and 手续 are what
people ask about.

:data:`FUNCTION_CHARS` are the characters of spoken glue — prepositions,
localizers, aspect markers, modal verbs and the commonest everyday verbs
(在, 里, 了, 过, 能, 要, 给, 买 …).  They are *not* cut out of queries (they
are parts of words: 社会, 要求, 上学), but a bigram holding one weighs little in
the coverage count, and one no document holds does not count at all: it
straddles a word boundary (买|拖拉机, 在|楼道|里) rather than naming something
the site lacks (see :mod:`.ranking`).
"""

#: Question words: a query holding one is a question; removed from fragments.
QUESTION_WORDS = (
    "为什么", "怎么办", "怎么样", "怎么弄", "怎么搞", "怎么", "怎样", "如何", "哪里",
    "哪儿", "哪些", "哪个", "在哪里", "在哪儿", "去哪里", "到哪里", "在哪", "什么",
    "多少", "是否", "能否", "可否", "可不可以", "能不能", "是不是", "有没有", "请问",
    "要不要", "会不会", "行不行", "可以吗", "咋办", "咋样", "咋", "啥", "多长时间", "多久",
    "几天", "谁", "几个月", "几年", "几岁", "几次", "几号", "多长", "多大", "多远", "多高",
    "好不好", "对不对", "用不用", "给不给", "管不管", "让不让", "准不准", "算不算",
    "需不需要", "该不该", "得不得", "有无",
)  # fmt: skip
#: Fillers of spoken requests, removed from fragments.
FILLERS = (
    "我要", "我想", "我们", "我家", "家里人", "家里", "想要", "需要", "应该", "可以", "一下",
    "还能", "还要", "现在", "才能", "能够", "每个月", "不给", "给我", "能领", "能用", "能拿",
    "能办", "能取", "能换", "能退", "有几天", "会怎么样", "会咋样", "国家给", "政府给",
    "上面给", "忘了", "忘记了", "在这边", "在这里", "我们这", "这边",
    "那边", "这里", "那里", "这个", "那个", "这种", "那种", "大概", "到底", "还是",
    "的话", "麻烦", "帮忙", "谢谢", "你好", "您好", "老百姓", "咱们", "他们", "她们", "别人",
    "自己", "有人", "一个", "不起", "不了", "不到", "得了", "一直", "已经",
    "马上", "赶紧", "打算", "听说", "据说", "怎么个", "有关部门", "相关部门",
)  # fmt: skip
#: Single-character particles and pronouns, removed from questions only.
PARTICLES = "吗呢吧啊呀嘛呗哦的了我要想你您是"
#: Characters of spoken glue (see the module documentation).
FUNCTION_CHARS = frozenset(
    "在给从对向把被跟和与让里内中了过着得地能要会想去来到用有没不都也还就才又再很太这那"
    "个些点吗呢吧啊呀嘛哪谁几多买卖办交领请找问拿带看说叫该可以打弄搞签上下"
    "一二两三四五六七八九十百千万每"
)
#: The purest glue (prepositions, aspect markers, particles, numerals, measure
#: words): a bigram holding one weighs half in the coverage count even where documents hold it.
GLUE_CHARS = frozenset(
    "在给从向把被跟让里了过着吗呢吧啊呀嘛这那些也又很太个一二两三四五六七八九十几每"
)
