"""The OpenAPI 3.1 description at ``/api/v1/openapi.json``, built from
:mod:`.schemas` (the definitions the views and serializers use)."""

from ..siteurl import job_base_url
from .schemas import ENDPOINTS, PARAMETERS, RESOURCES

ERRORS = {
    "400": "参数错误",
    "401": "访问令牌无效、已过期或已吊销",
    "403": "超出访问令牌的授权范围",
    "404": "资源不存在或未公开",
    "429": "请求过于频繁（见 Retry-After）",
}


def _object(properties):
    return {
        "type": "object",
        "required": sorted(properties),
        "properties": properties,
        "additionalProperties": False,
    }


def _page(item):
    return {
        "type": "object",
        "required": ["items", "total", "page", "size", "pages", "next", "previous"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            "total": {"type": "integer", "description": "符合条件的总条数"},
            "page": {"type": "integer", "description": "当前页码"},
            "size": {"type": "integer", "description": "每页条数"},
            "pages": {"type": "integer", "description": "总页数"},
            "next": {"type": ["string", "null"], "description": "下一页地址"},
            "previous": {"type": ["string", "null"], "description": "上一页地址"},
        },
    }


def _list(item):
    return {
        "type": "object",
        "required": ["items"],
        "properties": {
            "site": {"type": "string", "description": "站点标识"},
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
        },
    }


def _path_parameter(name):
    description = {"site": "站点标识", "id": "信息编号"}[name]
    kind = "integer" if name == "id" else "string"
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": kind},
        "description": description,
    }


def _operation(path, endpoint):
    operation_id, summary, kind, names, item, is_paged = endpoint
    parameters = [_path_parameter(n) for n in ("site", "id") if "{" + n + "}" in path]
    for name in names:
        schema, description = PARAMETERS[name]
        parameters.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": schema,
                "description": description,
            }
        )
    if is_paged:
        body = _page(item)
    elif "{id}" in path:
        body = {"$ref": f"#/components/schemas/{item}"}
    else:
        body = _list(item)
    responses = {
        "200": {
            "description": "成功（带 ETag）",
            "headers": {"ETag": {"schema": {"type": "string"}, "description": "响应内容的散列"}},
            "content": {"application/json": {"schema": body}},
        },
        "304": {"description": "未修改（If-None-Match 与 ETag 相同）"},
    }
    for status, text in ERRORS.items():
        responses[status] = {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return {
        "operationId": operation_id,
        "summary": summary,
        "description": f"授权范围中的资源类型：{kind}",
        "parameters": parameters,
        "responses": responses,
    }


def describe(registry):
    """The OpenAPI document (a dict)."""
    base = job_base_url(registry) or ""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府网站群数据接口",
            "version": "1.0.0",
            "description": (
                "各站点已公开内容的只读 JSON 接口。匿名访问所见与公开网站完全一致；"
                "合作系统可使用访问令牌（Authorization: Bearer），令牌只限定可读取的"
                "站点和资源类型，并享有更高的访问频率上限，不会看到更多内容。"
            ),
        },
        "servers": [{"url": base or "/"}],
        "paths": {path: {"get": _operation(path, e)} for path, e in ENDPOINTS.items()},
        "components": {
            "schemas": {name: _object(props) for name, props in RESOURCES.items()},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearer": []}],
    }
