"""Result documents of applications: rendering the service's template, the preview the officer must
see before asking for a signature, and signing (number, PDF, QR, electronic signature) in one go.

The body comes from `Service.result_body`, a Django template written by an administrator. It runs in
its own engine with no template loaders and no tag libraries beyond the built-in ones, on plain
dictionaries (never model objects), and the output is sanitised like every naskah body, so a template
can neither reach other data nor inject script into the PDF or the preview.

The number is taken only when the result is signed, under the counter's row lock, and the PDF is
issued in the same transaction, so a failed rendering takes no number (REFERENCE §2).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.utils.translation import gettext as _

from lontar.core.documents import signatories
from lontar.core.documents.rendering import indonesian_date, sanitise_body
from lontar.core.documents.services import DOCUMENT_TYPES, issue_document
from lontar.core.models import PositionAssignment
from lontar.core.numbering.services import take_number
from lontar.core.permissions import require
from lontar.core.workdays.calendar import organisation_today
from lontar.public_services.models import Application, ApplicationStatus
from lontar.public_services.permissions import PROCESS_APPLICATION, SIGN_APPLICATION_RESULT
from lontar.public_services.services import applications as app_services

# Used when a service issues a document but its administrator wrote no template yet: a plain
# surat keterangan naming the applicant and listing the answers.
DEFAULT_BODY = """<p>Yang bertanda tangan di bawah ini menerangkan bahwa:</p>
<table>
<tr><td>Nama</td><td>:</td><td>{{ pemohon.nama }}</td></tr>
<tr><td>NIK</td><td>:</td><td>{{ pemohon.nik }}</td></tr>
<tr><td>Alamat</td><td>:</td><td>{{ pemohon.alamat }}</td></tr>
{% for isian in isian %}<tr><td>{{ isian.label }}</td><td>:</td><td>{{ isian.nilai }}</td></tr>
{% endfor %}</table>
<p>telah mengajukan permohonan {{ layanan.nama }} dengan nomor registrasi {{ nomor_registrasi }}.</p>
<p>Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.</p>"""

_ENGINE = Engine(loaders=[], libraries={}, autoescape=True, string_if_invalid="")


@dataclass(frozen=True)
class RenderedResult:
    html: str
    digest: str


def issues_document(application: Application) -> bool:
    return bool(application.service.result_document_type)


def _answers(application: Application) -> list[dict]:
    return [
        {"kunci": field.key, "label": field.label, "nilai": str(application.data.get(field.key, "") or "")}
        for field in application.standard.form_fields.all()
    ]


def result_context(application: Application) -> dict:
    """What a result template may use: plain values only."""
    organisation = application.organisation
    return {
        "pemohon": {
            "nama": application.applicant_name,
            "nik": application.applicant_nik,
            "alamat": application.applicant_address,
            "telepon": application.applicant_phone,
        },
        "data": {key: "" if value is None else value for key, value in (application.data or {}).items()},
        "isian": _answers(application),
        "layanan": {"nama": application.service.name, "kode": application.service.code},
        "kantor": {"nama": organisation.name},
        "nomor_registrasi": application.number,
        "tanggal": indonesian_date(organisation_today(organisation)),
    }


def render_result(application: Application) -> RenderedResult:
    """The result's body as sanitised HTML, with a digest the preview hands to `request_signature`."""
    source = application.service.result_body.strip() or DEFAULT_BODY
    try:
        html = _ENGINE.from_string(source).render(Context(result_context(application)))
    except (TemplateSyntaxError, TemplateDoesNotExist, LookupError, ValueError, TypeError) as exc:
        raise ValidationError(
            _(
                "Templat isi naskah hasil layanan “%(layanan)s” tidak dapat dipakai (%(galat)s). Minta "
                "administrator memperbaikinya di katalog layanan."
            )
            % {"layanan": application.service.name, "galat": exc},
            code="result_template",
        ) from exc
    html = sanitise_body(html)
    return RenderedResult(html, hashlib.sha256(html.encode()).hexdigest())


def request_signature(
    *, application: Application, actor, previewed_digest: str, note: str = ""
) -> Application:
    """Processing → awaiting signature, only after the officer saw the result as it will be issued:
    the preview's digest must match the result rendered now (answers may have changed since)."""
    require(actor, PROCESS_APPLICATION, application)
    if not issues_document(application):
        raise ValidationError(
            _("Layanan ini tidak menerbitkan naskah; nyatakan selesai tanpa naskah."), code="no_document"
        )
    rendered = render_result(application)
    if not previewed_digest or previewed_digest != rendered.digest:
        raise ValidationError(
            _(
                "Periksa pratinjau naskah hasil terlebih dahulu, lalu ajukan tanda tangan dari halaman "
                "pratinjau."
            ),
            code="not_previewed",
        )
    return app_services.step(application=application, name="request_signature", actor=actor, note=note)


def complete_without_document(*, application: Application, actor, note: str = "") -> Application:
    """Processing → ready for services whose product is not a numbered document (e.g. legalisasi)."""
    if issues_document(application):
        raise ValidationError(
            _("Hasil layanan ini berupa naskah yang harus ditandatangani; ajukan tanda tangan."),
            code="needs_document",
        )
    return app_services.complete(application=application, actor=actor, note=note)


# --- signing -------------------------------------------------------------------------------------

# Who may sign in which position: one answer for every module that issues signed documents.
signing_assignments = signatories.signing_assignments


def _document_type_name(service) -> str:
    key = service.result_document_type
    return (
        service.result_title.strip()
        or DOCUMENT_TYPES.get(key.replace("_", "-"))
        or key.replace("_", " ").replace("-", " ").title()
    )


def _take_number(application: Application, actor, today):
    service = application.service
    try:
        return take_number(
            organisation=application.organisation,
            document_type=service.result_document_type,
            actor=actor,
            classification_code=service.result_classification_code,
            on_date=today,
            obj=application,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "no_template":
            raise ValidationError(
                _(
                    "Naskah belum dapat ditandatangani: kantor ini belum memiliki templat penomoran aktif "
                    "untuk jenis naskah “%(jenis)s”. Minta administrator kantor membuatnya di menu "
                    "Penomoran (jenis naskah: %(jenis)s), lalu tanda tangani lagi. Tidak ada nomor yang "
                    "diambil."
                )
                % {"jenis": service.result_document_type},
                code="no_numbering_template",
            ) from exc
        raise


def sign_result(
    *, application: Application, actor, assignment: PositionAssignment | None = None, signer_credentials=None
) -> Application:
    """The Camat or Sekcam signs: the number is taken, the PDF issued with letterhead, QR and
    signature, and the application becomes ready, with the document attached. All or nothing."""
    require(actor, SIGN_APPLICATION_RESULT, application)
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("organisation", "service", "standard")
            .get(pk=application.pk)
        )
        if locked.status != ApplicationStatus.AWAITING_SIGNATURE:
            raise ValidationError(
                _("Permohonan ini tidak sedang menunggu tanda tangan (status: %(status)s).")
                % {"status": locked.get_status_display()},
                code="not_awaiting_signature",
            )
        if not issues_document(locked):
            raise ValidationError(_("Layanan ini tidak menerbitkan naskah."), code="no_document")
        organisation = locked.organisation
        today = organisation_today(organisation)
        acting = signing_assignments(actor, organisation, today)
        if assignment is None:
            assignment = acting[0] if acting else None
        elif assignment.pk not in {a.pk for a in acting}:
            raise PermissionDenied(SIGN_APPLICATION_RESULT)
        if assignment is None:
            raise ValidationError(
                _(
                    "Anda belum tercatat memegang jabatan di kantor ini pada hari ini, sehingga nama dan "
                    "jabatan penanda tangan tidak dapat dicetak. Minta administrator kantor mencatat "
                    "penugasan jabatan Anda (termasuk Plt./Plh.)."
                ),
                code="no_assignment",
            )
        body = render_result(locked).html
        number = _take_number(locked, actor, today)
        title = locked.service.result_title.strip() or locked.service.name
        document = issue_document(
            organisation=organisation,
            actor=actor,
            document_type=locked.service.result_document_type,
            document_type_name=_document_type_name(locked.service),
            number=number.number,
            title=f"{title} ({locked.number})",
            body_html=body,
            document_date=today,
            signatory_assignment=assignment,
            source=locked,
            signer_credentials=signer_credentials,
        )
        app_services.complete(
            application=locked, actor=actor, name="sign", note=number.number, result_document=document
        )
    application.refresh_from_db()
    return application
