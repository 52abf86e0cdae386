"""Words of how citizens ask, never counted against documents (see :mod:`.query`).

Question words make a query a question and are removed from what is searched;
fillers of spoken requests (我想, 现在, 能领 …) are removed from every query's
fragments; single-character particles and pronouns from questions only.
Content words stay: 材料, 条件, 流程 and 手续 are what people ask about.
"""

#: Question words: a query holding one is a question; removed from fragments.
QUESTION_WORDS = (
    "为什么", "怎么办", "怎么样", "怎么弄", "怎么搞", "怎么", "怎样", "如何", "哪里",
    "哪儿", "哪些", "哪个", "在哪里", "在哪儿", "去哪里", "到哪里", "在哪", "什么",
    "多少", "是否", "能否", "可否", "可不可以", "能不能", "是不是", "有没有", "请问",
    "要不要", "会不会", "行不行", "可以吗", "咋办", "咋样", "咋", "啥", "多长时间", "多久",
    "几天", "谁",
)  # fmt: skip
#: Fillers of spoken requests, removed from fragments.
FILLERS = (
    "我要", "我想", "我们", "我家", "家里", "想要", "需要", "应该", "可以", "一下", "还能",
    "还要", "现在", "才能", "能够", "每个月", "不给", "给我", "算不算", "能领", "能用", "能拿",
    "能办", "能取", "能换", "能退",
)  # fmt: skip
#: Single-character particles and pronouns, removed from questions only.
PARTICLES = "吗呢吧啊呀嘛呗哦的了我要想你您是"
