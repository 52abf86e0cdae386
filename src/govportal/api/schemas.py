"""The API's resources and parameters, defined once.

:data:`RESOURCES` gives each resource's JSON Schema (property name → type
and Chinese description); the serializers of :mod:`.serialize` fill exactly
these properties (a test holds them to it) and :mod:`.openapi` builds the
OpenAPI 3.1 description from them and from :data:`PARAMETERS` and
:data:`ENDPOINTS`, which the views' parameter parsing (:mod:`.params`) also
reads.  Descriptions are for partner developers: Chinese, as every text
users read.
"""


def _p(kind, description, nullable=False, **extra):
    schema = {"type": [kind, "null"] if nullable else kind, "description": description}
    schema.update(extra)
    return schema


STR, INT, BOOL, ARR, OBJ = "string", "integer", "boolean", "array", "object"
DATE = {"format": "date"}
DATETIME = {"format": "date-time"}
URL = {"format": "uri"}

SITE = {
    "id": _p(STR, "站点标识：门户为 portal，部门为其网址名"),
    "kind": _p(STR, "站点类型", enum=["portal", "department"]),
    "title": _p(STR, "站点名称"),
    "url": _p(STR, "站点首页地址", **URL),
}

COLUMN = {
    "id": _p(INT, "栏目编号"),
    "path": _p(STR, "栏目路径，用作 column 过滤参数"),
    "title": _p(STR, "栏目名称"),
    "kind": _p(STR, "栏目类型", nullable=True),
    "site": _p(STR, "所属站点标识"),
    "url": _p(STR, "栏目页面地址", **URL),
    "children": {
        "type": ARR,
        "description": "下级栏目",
        "items": {"$ref": "#/components/schemas/Column"},
    },
}

ATTACHMENT = {
    "name": _p(STR, "附件名称"),
    "filename": _p(STR, "文件名"),
    "size": _p(INT, "文件大小（字节）", nullable=True),
    "type": _p(STR, "文件类型（扩展名）"),
    "mimetype": _p(STR, "MIME 类型"),
    "url": _p(STR, "下载地址", **URL),
}

DOCUMENT = {
    "id": _p(INT, "信息编号"),
    "type": _p(STR, "内容类型（Document 为文稿）"),
    "title": _p(STR, "标题"),
    "url": _p(STR, "页面地址", **URL),
    "api_url": _p(STR, "本接口中的详情地址（仅文稿）", nullable=True, **URL),
    "site": _p(STR, "所属站点标识"),
    "column": _p(STR, "所在栏目路径"),
    "publish_date": _p(STR, "发布日期", nullable=True, **DATE),
    "index_number": _p(STR, "索引号"),
    "topic": _p(STR, "主题分类"),
    "publisher": _p(STR, "发布机构（发文机关）"),
    "written_date": _p(STR, "成文日期", nullable=True, **DATE),
    "doc_number": _p(STR, "文号"),
    "validity": _p(STR, "有效性代码", enum=["valid", "amended", "repealed", "expired", ""]),
    "validity_title": _p(STR, "有效性"),
    "source": _p(STR, "来源"),
    "author": _p(STR, "作者"),
    "archived": _p(BOOL, "已归档（页面仍公开，但不在栏目列表中）"),
}

DOCUMENT_DETAIL = dict(
    DOCUMENT,
    body_html=_p(STR, "正文（HTML，链接为绝对地址）"),
    attachments={
        "type": ARR,
        "description": "附件",
        "items": {"$ref": "#/components/schemas/Attachment"},
    },
)

MATERIAL = {
    "name": _p(STR, "材料名称"),
    "form": _p(STR, "材料形式"),
    "count": _p(INT, "份数"),
    "required": _p(BOOL, "是否必需"),
    "note": _p(STR, "备注"),
}

GUIDE = {
    "id": _p(INT, "办事指南编号"),
    "title": _p(STR, "事项名称"),
    "url": _p(STR, "办事指南页面地址", **URL),
    "site": _p(STR, "实施主体站点标识"),
    "department": _p(STR, "实施主体"),
    "item_type": _p(STR, "事项类型"),
    "item_code": _p(STR, "事项编码"),
    "basis": _p(STR, "设定依据"),
    "conditions": _p(STR, "受理条件"),
    "location": _p(STR, "办理地点"),
    "hours": _p(STR, "办理时间"),
    "fee": _p(STR, "收费标准"),
    "legal_days": _p(INT, "法定办结时限（工作日）"),
    "promised_days": _p(INT, "承诺办结时限（工作日）"),
    "consult_phone": _p(STR, "咨询电话"),
    "supervise_phone": _p(STR, "监督投诉电话"),
    "online_mode": _p(STR, "在线办理方式"),
    "themes": {"type": ARR, "description": "主题分类", "items": {"type": STR}},
    "materials": {
        "type": ARR,
        "description": "申请材料",
        "items": {"$ref": "#/components/schemas/Material"},
    },
}

LETTER = {
    "number": _p(STR, "信件编号"),
    "site": _p(STR, "办理站点标识"),
    "organ": _p(STR, "答复单位"),
    "channel": _p(STR, "信件类别"),
    "subject": _p(STR, "主题（个人信息已遮盖）"),
    "body": _p(STR, "来信内容（个人信息已遮盖）"),
    "reply": _p(STR, "答复内容（个人信息已遮盖）"),
    "received_on": _p(STR, "收信日期", nullable=True, **DATE),
    "answered_on": _p(STR, "答复日期", nullable=True, **DATE),
    "url": _p(STR, "信件公开页面地址", **URL),
}

ERROR = {
    "error": {
        "type": OBJ,
        "required": ["code", "status", "message"],
        "properties": {
            "code": _p(STR, "错误代码"),
            "status": _p(INT, "HTTP 状态码"),
            "message": _p(STR, "错误说明"),
        },
    }
}

#: schema name -> properties (every property is always present)
RESOURCES = {
    "Site": SITE,
    "Column": COLUMN,
    "Attachment": ATTACHMENT,
    "Document": DOCUMENT,
    "DocumentDetail": DOCUMENT_DETAIL,
    "Material": MATERIAL,
    "Guide": GUIDE,
    "Letter": LETTER,
    "Error": ERROR,
}

#: query parameters: name -> (schema, Chinese description)
PARAMETERS = {
    "site": ({"type": STR, "maxLength": 64}, "站点标识（portal 或部门网址名）"),
    "column": ({"type": STR, "maxLength": 500}, "栏目路径：只列该栏目直接包含的信息（同栏目页面）"),
    "topic": ({"type": STR, "maxLength": 60}, "主题分类"),
    "from": ({"type": STR, "format": "date"}, "发布日期起（含），YYYY-MM-DD"),
    "to": ({"type": STR, "format": "date"}, "发布日期止（含），YYYY-MM-DD"),
    "page": ({"type": INT, "minimum": 1, "maximum": 10000, "default": 1}, "页码"),
    "size": (
        {"type": INT, "minimum": 1, "default": 20},
        "每页条数（上限见 govportal.api.max_page_size）",
    ),
}

#: path -> (operation id, Chinese summary, grant kind, query parameter names, item schema, paged)
ENDPOINTS = {
    "/api/v1/sites": ("listSites", "站点列表", "sites", (), "Site", False),
    "/api/v1/sites/{site}/columns": ("columnTree", "站点栏目树", "columns", (), "Column", False),
    "/api/v1/documents": (
        "listDocuments",
        "已发布信息（按发布日期倒序）",
        "documents",
        ("site", "column", "topic", "from", "to", "page", "size"),
        "Document",
        True,
    ),
    "/api/v1/documents/{id}": ("getDocument", "信息详情", "documents", (), "DocumentDetail", False),
    "/api/v1/guides": ("listGuides", "办事指南", "guides", ("site", "page", "size"), "Guide", True),
    "/api/v1/letters": (
        "listLetters",
        "公开的来信及答复",
        "letters",
        ("site", "page", "size"),
        "Letter",
        True,
    ),
}
