"""REST endpoints of public services; `lontar/api/urls.py` calls `register(router)`.

Public, without an account (no session is read, so no CSRF token is needed):
* `layanan/` — the published catalogue: services of active offices with a standard in force, and on one
  service the 6 published components of its standard, its requirements and its form;
* `lacak/` — tracking by registration number and secret (POST, so neither lands in access logs). A wrong
  secret answers exactly as an unknown number; the answer holds no internal note and no staff name.
  Throttled per client address.

For staff (signed in, scoped to the offices where they may view applications):
* `permohonan/` — applications (drafts are the citizen's and are left out unless asked for), with the
  applicant's NIK, telephone, e-mail, address and personal form answers masked unless the caller may
  process applications in that office;
* `permohonan/{id}/periksa|minta-perbaikan|terima|tolak/` — the processing steps, through the same
  services as the screens (queue rule, paused clock, audit); a refused step answers 400 with its message.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import pagination, parsers, permissions, serializers, status, throttling, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.core.civil_service import MASK, digits_of, mask_email, mask_phone
from lontar.core.middleware import client_ip
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.core.workflow.models import StatusChange
from lontar.public_services import numbers
from lontar.public_services.models import (
    PUBLISHED_COMPONENTS,
    Application,
    ApplicationMessage,
    ApplicationStatus,
    ApplicationWorkflow,
    FieldKind,
    FormField,
    MessageKind,
    Requirement,
    Service,
    ServiceStandard,
)
from lontar.public_services.permissions import PROCESS_APPLICATION, VIEW_APPLICATION
from lontar.public_services.services import applications as services

NOT_FOUND = "Nomor registrasi atau kode rahasia tidak cocok. Periksa kembali tanda terima Anda."
STATUS_HELP = ", ".join(ApplicationStatus.values)


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"detail": [str(m) for m in exc.messages]})


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


class NewestFirstPagination(pagination.CursorPagination):
    ordering = ("-id",)


class ErrorDetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# A spoiled page cursor answers 404 (DRF's CursorPagination): documented on every list.
BAD_CURSOR = OpenApiResponse(response=ErrorDetailSerializer, description="Kursor halaman tidak sah.")


# --- the public catalogue ------------------------------------------------------------------------
def published_services():
    """Published, active services of active offices that have a standard in force today, each with
    that standard (the newest version in force) in `in_force`."""
    today = timezone.localdate()
    in_force = ServiceStandard.objects.in_force_on(today)
    return (
        Service.objects.filter(is_published=True, is_active=True, organisation__is_active=True)
        .filter(Exists(in_force.filter(service=OuterRef("pk"))))
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "standards",
                queryset=in_force.order_by("-version").prefetch_related(
                    Prefetch("requirements", queryset=Requirement.objects.order_by("order", "id")),
                    Prefetch("form_fields", queryset=FormField.objects.order_by("order", "id")),
                ),
                to_attr="in_force",
            )
        )
    )


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["name", "note", "needs_upload", "is_mandatory"]


class FormFieldSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=", ".join(FieldKind.values))
    choices = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = FormField
        fields = ["key", "label", "kind", "required", "choices", "help_text"]


class ComponentSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Nama komponen standar pelayanan.")
    label = serializers.CharField()
    value = serializers.CharField()


def _standard(service) -> ServiceStandard:
    return service.in_force[0]


class PublicServiceSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")
    processing_days = serializers.SerializerMethodField(help_text="Jangka waktu dalam hari kerja.")
    fee_amount = serializers.SerializerMethodField(help_text="Biaya dalam rupiah (0: gratis).")

    class Meta:
        model = Service
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "code",
            "name",
            "summary",
            "category",
            "accepts_online",
            "accepts_booking",
            "processing_days",
            "fee_amount",
        ]

    def get_processing_days(self, service) -> int:
        return _standard(service).processing_days

    def get_fee_amount(self, service) -> int:
        return _standard(service).fee_amount


class PublicServiceDetailSerializer(PublicServiceSerializer):
    """The 6 components of PermenPANRB 15/2014 published to citizens, the requirements and the form."""

    standard_version = serializers.SerializerMethodField()
    effective_from = serializers.SerializerMethodField()
    components = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    form_fields = serializers.SerializerMethodField()

    class Meta(PublicServiceSerializer.Meta):
        fields = [
            *PublicServiceSerializer.Meta.fields,
            "standard_version",
            "effective_from",
            "components",
            "requirements",
            "form_fields",
        ]

    def get_standard_version(self, service) -> int:
        return _standard(service).version

    @extend_schema_field(OpenApiTypes.DATE)
    def get_effective_from(self, service):
        return _standard(service).effective_from.isoformat()

    @extend_schema_field(ComponentSerializer(many=True))
    def get_components(self, service):
        standard = _standard(service)
        return [
            {"field": name, "label": str(label), "value": str(getattr(standard, name) or "")}
            for name, label in PUBLISHED_COMPONENTS
        ]

    @extend_schema_field(RequirementSerializer(many=True))
    def get_requirements(self, service):
        return RequirementSerializer(_standard(service).requirements.all(), many=True).data

    @extend_schema_field(FormFieldSerializer(many=True))
    def get_form_fields(self, service):
        return FormFieldSerializer(_standard(service).form_fields.all(), many=True).data


class PublicEndpoint:
    """No account, no session: anyone may call; nothing here reads or writes a user's data."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]


OFFICE_FILTER = OpenApiParameter(
    "organisasi", OpenApiTypes.INT, description="Hanya layanan kantor dengan id ini.", required=False
)


def _int_param(request, name: str) -> int | None:
    """An optional whole-number filter; anything else is refused with a message (not ignored)."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or not re.fullmatch(r"-?[0-9]+", values[0]):
        raise ValidationError({name: ["Isi dengan satu bilangan bulat."]})
    try:
        number = int(values[0])
    except ValueError:  # longer than Python converts: no id is that long
        return 0
    # Any whole number is a valid filter; one outside the database's id range matches nothing.
    return number if -(2**63) <= number < 2**63 else 0


def _office_id(request) -> int | None:
    return _int_param(request, "organisasi")


@extend_schema_view(
    list=extend_schema(
        parameters=[OFFICE_FILTER],
        auth=[],
        responses={200: PublicServiceSerializer(many=True), 404: BAD_CURSOR},
    ),
    retrieve=extend_schema(
        auth=[], parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)]
    ),
)
class PublicServiceViewSet(PublicEndpoint, viewsets.ReadOnlyModelViewSet):
    """Layanan: the published catalogue of every active office."""

    pagination_class = IdPagination
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        found = published_services()
        if self.action == "list" and (office := _office_id(self.request)) is not None:
            found = found.filter(organisation_id=office)
        return found

    def get_serializer_class(self):
        return PublicServiceSerializer if self.action == "list" else PublicServiceDetailSerializer


# --- tracking by number and secret ------------------------------------------------------------------
class TrackingThrottle(throttling.SimpleRateThrottle):
    """Guessing secrets is slowed per client address (the nearest proxy's view, as the audit trail
    records it). The rate is `LONTAR_TRACKING_API_RATE` ("30/minute" unless set; None switches it off)."""

    scope = "lacak"

    def get_rate(self):
        return getattr(settings, "LONTAR_TRACKING_API_RATE", "30/minute")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class TrackingRequestSerializer(serializers.Serializer):
    number = serializers.CharField(
        max_length=40, allow_blank=True, help_text="Nomor registrasi, misalnya JTS-2611-K7QM4X."
    )
    secret = serializers.CharField(
        max_length=40, allow_blank=True, help_text="Kode rahasia pada tanda terima (8 huruf/angka)."
    )


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.CharField(help_text=STATUS_HELP)
    label = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    body = serializers.CharField()


class TrackingSerializer(serializers.Serializer):
    """What the applicant may know: no internal note, no officer's name, no personal data."""

    number = serializers.CharField()
    service = serializers.CharField()
    office = serializers.CharField()
    status = serializers.CharField(help_text=STATUS_HELP)
    current_step = serializers.CharField(help_text="Langkah saat ini, dalam kata-kata.")
    submitted_at = serializers.DateTimeField(allow_null=True)
    due_date = serializers.DateField(allow_null=True, help_text="Perkiraan selesai (hari kerja).")
    completed_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField(help_text="Alasan penolakan; kosong bila tidak ditolak.")
    timeline = TimelineEntrySerializer(many=True)
    messages = MessageSerializer(many=True, help_text="Pesan petugas kepada pemohon.")


def find_tracked(number: str, secret: str) -> Application | None:
    """The application with this number whose secret matches, else None (the same for both cases,
    and the secret's hash is computed either way so the answer takes as long)."""
    number = numbers.normalise(number)[:30]
    application = (
        Application.objects.select_related("service", "organisation")
        .exclude(status=ApplicationStatus.DRAFT)
        .filter(number=number)
        .first()
    )
    if application is None:
        numbers.secret_hash(number, secret)
        return None
    return application if numbers.secret_matches(application, secret) else None


def tracking_view(application: Application) -> dict:
    changes = StatusChange.objects.for_object(application).order_by("at", "id").values("at", "to_state")
    return {
        "number": application.number,
        "service": application.service.name,
        "office": application.organisation.name,
        "status": application.status,
        "current_step": ApplicationWorkflow.label_of(application.status),
        "submitted_at": application.submitted_at,
        "due_date": application.due_date,
        "completed_at": application.completed_at,
        "rejection_reason": application.rejection_reason
        if application.status == ApplicationStatus.REJECTED
        else "",
        "timeline": [
            {"at": c["at"], "status": c["to_state"], "label": ApplicationWorkflow.label_of(c["to_state"])}
            for c in changes
        ],
        "messages": [
            {"at": m.created_at, "body": m.body}
            for m in ApplicationMessage.objects.filter(
                application=application, kind=MessageKind.TO_APPLICANT
            ).order_by("created_at", "id")
        ],
    }


_NOT_FOUND_RESPONSE = OpenApiResponse(
    response=ErrorDetailSerializer,
    description="Nomor tidak dikenal atau kode rahasia salah (jawaban sama untuk keduanya).",
)


class TrackingViewSet(PublicEndpoint, viewsets.GenericViewSet):
    """Lacak permohonan: status, current step, expected completion and timeline."""

    serializer_class = TrackingRequestSerializer
    throttle_classes = [TrackingThrottle]
    parser_classes = [parsers.JSONParser]

    @extend_schema(
        auth=[],
        request=TrackingRequestSerializer,
        responses={
            200: TrackingSerializer,
            404: _NOT_FOUND_RESPONSE,
            429: OpenApiResponse(
                response=ErrorDetailSerializer, description="Terlalu banyak percobaan; coba lagi nanti."
            ),
        },
    )
    def create(self, request, *args, **kwargs):
        given = TrackingRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        application = find_tracked(given.validated_data["number"], given.validated_data["secret"])
        if application is None:
            return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
        return Response(TrackingSerializer(tracking_view(application)).data)


# --- applications, for staff ----------------------------------------------------------------------
def applications_visible_to(user):
    return Application.objects.filter(
        organisation_id__in=organisation_ids_with(user, VIEW_APPLICATION)
    ).select_related("service", "standard")


def mask_nik(nik: str) -> str:
    """The region code (6 digits) stays; the birth date and serial number are hidden."""
    digits = digits_of(nik)
    return f"{digits[:6]}{MASK * 10}" if len(digits) >= 6 else (MASK * 4 if nik else "")


def mask_text(value: str) -> str:
    return MASK * 4 if value else ""


MASKS = {
    FieldKind.NIK: mask_nik,
    FieldKind.PHONE: mask_phone,
    FieldKind.EMAIL: mask_email,
    FieldKind.ADDRESS: mask_text,
}


class ApplicationListSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_label")
    channel = serializers.CharField(help_text="daring, loket")
    service_name = serializers.CharField(source="service.name")

    class Meta:
        model = Application
        fields = [
            "id",
            "organisation",
            "number",
            "service",
            "service_name",
            "status",
            "status_label",
            "channel",
            "applicant_name",
            "submitted_at",
            "due_date",
            "assigned_to",
        ]


class StaffTimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    transition = serializers.CharField()
    status = serializers.CharField(help_text=STATUS_HELP)
    label = serializers.CharField()
    note = serializers.CharField()


class ApplicationDetailSerializer(ApplicationListSerializer):
    """Personal data comes masked unless the caller may process applications in that office."""

    applicant_nik = serializers.SerializerMethodField()
    applicant_phone = serializers.SerializerMethodField()
    applicant_email = serializers.SerializerMethodField()
    applicant_address = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField(help_text="Isian formulir (kunci → jawaban).")
    personal_data_masked = serializers.SerializerMethodField()
    paused_working_days = serializers.IntegerField(min_value=0, max_value=32767)
    completed_working_days = serializers.IntegerField(min_value=0, max_value=32767, allow_null=True)
    timeline = serializers.SerializerMethodField()

    class Meta(ApplicationListSerializer.Meta):
        fields = [
            *ApplicationListSerializer.Meta.fields,
            "applicant_nik",
            "applicant_phone",
            "applicant_email",
            "applicant_address",
            "data",
            "personal_data_masked",
            "paused_working_days",
            "completed_at",
            "completed_working_days",
            "on_time",
            "rejection_reason",
            "timeline",
        ]

    def _masked(self, application) -> bool:
        cache = self.context.setdefault("masked", {})
        if application.pk not in cache:
            user = self.context["request"].user
            cache[application.pk] = not authorize(user, PROCESS_APPLICATION, application)
        return cache[application.pk]

    def get_personal_data_masked(self, application) -> bool:
        return self._masked(application)

    def get_applicant_nik(self, application) -> str:
        nik = application.applicant_nik
        return mask_nik(nik) if self._masked(application) else nik

    def get_applicant_phone(self, application) -> str:
        phone = application.applicant_phone
        return mask_phone(phone) if self._masked(application) else phone

    def get_applicant_email(self, application) -> str:
        email = application.applicant_email
        return mask_email(email) if self._masked(application) else email

    def get_applicant_address(self, application) -> str:
        address = application.applicant_address
        return mask_text(address) if self._masked(application) else address

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_data(self, application):
        data = dict(application.data or {})
        if self._masked(application):
            kinds = dict(application.standard.form_fields.values_list("key", "kind"))
            for key, value in data.items():
                mask = MASKS.get(kinds.get(key))
                if mask is not None:
                    data[key] = mask(str(value or ""))
        return data

    @extend_schema_field(StaffTimelineSerializer(many=True))
    def get_timeline(self, application):
        return [
            {
                "at": c.at,
                "transition": c.transition,
                "status": c.to_state,
                "label": ApplicationWorkflow.label_of(c.to_state),
                "note": c.note,
            }
            for c in StatusChange.objects.for_object(application).order_by("at", "id")
        ]


class StartVerificationSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Wajib bila ada permohonan layanan yang sama yang diajukan lebih dahulu (aturan antrean).",
    )


class CorrectionSerializer(serializers.Serializer):
    message = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Apa yang perlu diperbaiki pemohon."
    )


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Alasan penolakan (dibaca pemohon)."
    )


_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id permohonan.")
STEPS = {
    # action name: (request serializer, how the service is called)
    "start_verification": (
        StartVerificationSerializer,
        lambda a, user, v: services.start_verification(application=a, actor=user, reason=v.get("reason", "")),
    ),
    "request_correction": (
        CorrectionSerializer,
        lambda a, user, v: services.request_correction(
            application=a, actor=user, message=v.get("message", "")
        ),
    ),
    "accept": (
        NoteSerializer,
        lambda a, user, v: services.step(application=a, name="accept", actor=user, note=v.get("note", "")),
    ),
    "reject": (
        RejectSerializer,
        lambda a, user, v: services.reject(application=a, actor=user, reason=v.get("reason", "")),
    ),
}


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=ApplicationStatus.values, required=False),
            OpenApiParameter("layanan", OpenApiTypes.INT, description="Id layanan.", required=False),
            OpenApiParameter("organisasi", OpenApiTypes.INT, description="Id kantor.", required=False),
        ],
        responses={200: ApplicationListSerializer(many=True), 404: BAD_CURSOR},
    ),
    retrieve=extend_schema(parameters=[_PK]),
    **{
        name: extend_schema(parameters=[_PK], request=serializer, responses=ApplicationDetailSerializer)
        for name, (serializer, _run) in STEPS.items()
    },
)
class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    """Permohonan layanan of the caller's offices, newest first (keyset pages, no total count)."""

    pagination_class = NewestFirstPagination
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        found = applications_visible_to(self.request.user)
        if self.action != "list":
            return found
        wanted = self.request.query_params.getlist("status")
        if len(wanted) > 1 or (wanted and wanted[0] not in ApplicationStatus.values):
            raise ValidationError({"status": [f"Pilih salah satu: {STATUS_HELP}."]})
        found = found.filter(status=wanted[0]) if wanted else found.exclude(status=ApplicationStatus.DRAFT)
        if (service := _int_param(self.request, "layanan")) is not None:
            found = found.filter(service_id=service)
        if (office := _office_id(self.request)) is not None:
            found = found.filter(organisation_id=office)
        return found

    def get_serializer_class(self):
        if self.action == "list":
            return ApplicationListSerializer
        if self.action in STEPS:
            return STEPS[self.action][0]
        return ApplicationDetailSerializer

    def _step(self, request, name):
        application = self.get_object()
        serializer_class, run = STEPS[name]
        given = serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            run(application, request.user, given.validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        application.refresh_from_db()
        return Response(ApplicationDetailSerializer(application, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"], url_path="periksa")
    def start_verification(self, request, pk=None, **kwargs):
        return self._step(request, "start_verification")

    @action(detail=True, methods=["post"], url_path="minta-perbaikan")
    def request_correction(self, request, pk=None, **kwargs):
        return self._step(request, "request_correction")

    @action(detail=True, methods=["post"], url_path="terima")
    def accept(self, request, pk=None, **kwargs):
        return self._step(request, "accept")

    @action(detail=True, methods=["post"], url_path="tolak")
    def reject(self, request, pk=None, **kwargs):
        return self._step(request, "reject")


def register(router) -> None:
    router.register("layanan", PublicServiceViewSet, basename="public-service")
    router.register("lacak", TrackingViewSet, basename="tracking")
    router.register("permohonan", ApplicationViewSet, basename="application")
