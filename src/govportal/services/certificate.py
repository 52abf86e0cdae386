"""Electronic certificates (电子证照) of concluded cases, and their verification.

When the lead concludes a case with a certificate (the guide's
``certificate`` flag, ticked on the conclusion form),
:mod:`.actions` records ``case.certificate`` (title, number, date) and
:func:`issue_certificate` gives it a verification code.  The code is
derived from the site's secret, the case and a random nonce kept on the case
(so the certificate can be printed again with the same code); only the code's
SHA-256 hash is stored, in one index per portal (hash -> case), so a copy of
the database alone neither shows nor forges a code.

:func:`certificate_pdf` draws the certificate: an A4 PDF whose Chinese text
uses the standard CJK font ``STSong-Light`` (Adobe-GB1, ``UniGB-UTF16-H``)
that every PDF reader provides, so no font is embedded.  It carries the
case number, the item, the holder's name, the date, the issuing department
and the verification code, and the public address where anyone checks the
code: ``/@@verify-certificate`` (code in, valid or invalid out; a valid code
shows the number, item, date, department and the holder's masked name).
"""

import hashlib
import hmac
import secrets

from pyramid.httpexceptions import HTTPForbidden
from pyramid.response import Response
from pyramid.traversal import find_root
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..applications.model import code_hash, normalise_tracking_code, tracking_code_from
from ..applications.views_public import RateLimiter, parse_rate
from ..demo.files import pdf_from_objects
from ..i18n import _, translate
from ..siteurl import public_resource_url
from ..submissions.ledger import WideTree
from .cases import CODE_LENGTH, lead_site
from .sites import site_title

#: The root attribute holding the verification index (code hash -> case).
CERTIFICATES_ATTR = "govportal_service_certificates"
VERIFY_VIEW = "verify-certificate"
RATE_SETTING = "govportal.services.verify_rate"
DEFAULT_RATE = "30/600"
FOOTNOTE = _("本证照由本网站在线办理系统出具，可凭验证码在验证网址查验真伪。")


def _index(context, create=False):
    root = find_root(context)
    index = getattr(root, CERTIFICATES_ATTR, None)
    if index is None and create:
        index = WideTree()
        setattr(root, CERTIFICATES_ATTR, index)
    return index


def _secret(registry):
    return (registry.settings.get("substanced.secret") or "").encode("utf-8")


def verification_code(case, registry):
    """The certificate's verification code (``XXXX-XXXX-…``), or None."""
    nonce = (case.certificate or {}).get("nonce")
    if not nonce:
        return None
    message = f"certificate:{case.lead}/{case.__name__}:{nonce}".encode()
    digest = hmac.new(_secret(registry), message, hashlib.sha256).digest()
    return tracking_code_from(digest)


def holder_of(case):
    """The certificate's holder: the applicant (person or organisation)."""
    return (case.applicant or {}).get("name", "")


def issue_certificate(request, case):
    """Give ``case.certificate`` its verification code (idempotent): a nonce,
    the holder, the issuing department, and the code's hash in the index."""
    cert = dict(case.certificate or {})
    if cert.get("code_hash"):
        return verification_code(case, request.registry)
    site = lead_site(case)
    cert.update(
        nonce=secrets.token_hex(16),
        holder=holder_of(case),
        department=getattr(site, "title", "") or site_title(site),
        item=case.guide_title,
    )
    cert.setdefault("issued_on", sitetime.today())
    cert.setdefault("title", case.guide_title)
    case.certificate = cert
    code = verification_code(case, request.registry)
    cert = dict(cert, code_hash=code_hash(code))
    case.certificate = cert
    _index(case, create=True)[cert["code_hash"]] = case
    return code


def find_certificate(context, code):
    """The case whose certificate has verification ``code``, or None."""
    index = _index(context)
    digest = code_hash(code)  # computed whatever was typed
    if index is None or len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    case = index.get(digest)
    if case is None or (case.certificate or {}).get("code_hash") != digest:
        return None
    return case


def mask_name(name):
    """张三 -> 张*, 某某有限公司 -> 某某****公司 style: enough to recognise."""
    name = name or ""
    if len(name) <= 1:
        return name
    if len(name) <= 3:
        return name[0] + "*" * (len(name) - 1)
    return name[:2] + "*" * (len(name) - 4) + name[-2:]


# -- the PDF ------------------------------------------------------------------------


def _utf16(text):
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _hex(text):
    return b"<" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


#: the certificate's lines: (label, what fills it)
LABELS = (
    ("title", _("证照名称")),
    ("number", _("办件编号")),
    ("item", _("办理事项")),
    ("holder", _("持证人")),
    ("issued_on", _("办结日期")),
    ("department", _("发证部门")),
    ("code", _("验证码")),
    ("verify_url", _("验证网址")),
)


def certificate_lines(case, registry, request=None):
    """``[(label, value)]`` of the certificate (labels translated for ``request``)."""
    cert = case.certificate or {}
    issued = cert.get("issued_on")
    values = {
        "title": cert.get("title") or case.guide_title,
        "number": case.__name__,
        "item": cert.get("item") or case.guide_title,
        "holder": cert.get("holder") or holder_of(case),
        "issued_on": issued.isoformat() if issued else "",
        "department": cert.get("department", ""),
        "code": verification_code(case, registry) or "",
        "verify_url": public_resource_url(registry, find_root(case), "@@" + VERIFY_VIEW),
    }
    return [(translate(request, label), values[key]) for key, label in LABELS]


def certificate_pdf(case, registry=None, request=None):
    """The certificate of ``case`` as PDF bytes (A4, Chinese text; see the
    module docstring).  ``case.certificate`` must have been issued."""
    if registry is None:
        from pyramid.threadlocal import get_current_registry

        registry = get_current_registry()
    lines = certificate_lines(case, registry, request)
    title = (case.certificate or {}).get("title") or case.guide_title
    ops = [b"BT", b"/F1 24 Tf", b"72 740 Td", _hex(title) + b" Tj", b"/F1 13 Tf", b"0 -56 Td"]
    for label, value in lines:
        ops += [_hex(f"{label}：{value}") + b" Tj", b"0 -30 Td"]
    ops += [b"0 -20 Td", _hex(translate(request, FOOTNOTE)) + b" Tj"]
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
        b"/Encoding /UniGB-UTF16-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
        b"<< /Title " + _utf16(title) + b" /Producer (govportal) >>",
    ]
    return pdf_from_objects(objects, info=len(objects))


def certificate_response(request, case):
    """The certificate as a PDF download (never cached)."""
    if not (case.certificate or {}).get("code_hash"):
        raise HTTPForbidden()
    response = Response(
        body=certificate_pdf(case, request.registry, request), content_type="application/pdf"
    )
    response.content_disposition = f'attachment; filename="certificate-{case.__name__}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# -- public verification ------------------------------------------------------------


@view_config(
    context=IRoot,
    name=VERIFY_VIEW,
    permission="view",
    renderer="govportal.services:templates/certificate_verify.pt",
)
def verify_view(context, request):
    """``/@@verify-certificate``: a code in, valid or invalid out (GET or POST)."""
    request.response.headers["Cache-Control"] = "private, no-store"
    code = (request.params.get("code") or "").strip()[:64]
    found = None
    if code:
        if not _limiter(request).allow(request.client_addr or "-"):
            request.response.status_int = 429
            return {"code": code, "checked": False, "found": None, "limited": True}
        case = find_certificate(context, code)
        if case is not None:
            cert = case.certificate
            found = {
                "title": cert.get("title", ""),
                "number": case.__name__,
                "item": cert.get("item", case.guide_title),
                "holder": mask_name(cert.get("holder", "")),
                "issued_on": cert["issued_on"].isoformat() if cert.get("issued_on") else "",
                "department": cert.get("department", ""),
            }
        else:
            request.response.status_int = 404
    return {"code": code, "checked": bool(code), "found": found, "limited": False}


def _limiter(request):
    """Per-address limit on code checks (``govportal.services.verify_rate``,
    default 30 in 10 minutes): guessing codes is slow."""
    registry = request.registry
    limiters = registry.__dict__.setdefault("govportal_service_limiters", {})
    if VERIFY_VIEW not in limiters:
        setting = registry.settings.get(RATE_SETTING) or DEFAULT_RATE
        limiters[VERIFY_VIEW] = RateLimiter(*parse_rate(setting))
    return limiters[VERIFY_VIEW]


def includeme(config):
    config.scan(".certificate")
