"""REST endpoints of bookings (`lontar/api/urls.py` calls `register(router)`), through the same
selectors and services as the screens:

* `peminjaman-sumber-daya/` — rooms and vehicles of the caller's offices (read);
* `peminjaman/` — bookings (list with office/status/period filters, one, create = request);
  `peminjaman/{id}/setujui|tolak|batalkan/` — the decisions; a refused step answers 400 with its message
  (a clash names the clashing booking);
* `peminjaman/kalender/` — calendar events of one office (or resource) in a period (at most 62 days).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.assets.bookings import selectors, services, timing
from lontar.assets.bookings.models import Booking, BookingStatus, Resource, ResourceKind
from lontar.assets.bookings.permissions import VIEW_BOOKINGS
from lontar.core.models import Organisation
from lontar.core.permissions import organisation_ids_with

STATUS_HELP = ", ".join(BookingStatus.values)
KIND_HELP = ", ".join(ResourceKind.values)
MAX_WINDOW = dt.timedelta(days=62)


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"detail": [str(m) for m in exc.messages]})


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    if value and not value.isdigit():
        raise ValidationError({name: ["Harus bilangan bulat."]})
    return int(value) if value and len(value) < 12 else None


def _datetime_param(request, name: str) -> dt.datetime | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            {name: ["Format waktu ISO 8601, misalnya 2026-11-24T08:00:00+07:00."]}
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    if not 2000 <= parsed.year <= 2100:
        raise ValidationError({name: ["Tahun di luar rentang."]})
    return parsed


def _counts(field_help: str, **kwargs):
    return serializers.IntegerField(
        min_value=0, max_value=32767, allow_null=True, help_text=field_help, **kwargs
    )


class BookingResourceSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=KIND_HELP)
    capacity = _counts("Kapasitas ruang (orang).")
    seats = _counts("Jumlah kursi kendaraan.")

    class Meta:
        model = Resource
        fields = [
            "id",
            "organisation",
            "kind",
            "name",
            "code",
            "location",
            "capacity",
            "facilities",
            "plate_number",
            "seats",
            "asset_register_number",
            "manager_unit",
            "auto_approve",
            "is_active",
        ]


class BookingSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_display")
    reference = serializers.CharField()
    resource_name = serializers.CharField(source="resource.name")
    requested_by_name = serializers.CharField(source="requested_by.display_name")
    attendees_count = serializers.IntegerField(min_value=1, allow_null=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "reference",
            "organisation",
            "resource",
            "resource_name",
            "status",
            "status_label",
            "starts_at",
            "ends_at",
            "purpose",
            "attendees_count",
            "on_non_working_day",
            "destination",
            "requested_by_name",
            "unit",
            "decision_note",
            "cancel_reason",
            "created_at",
        ]


class BookingRequestSerializer(serializers.Serializer):
    resource = serializers.IntegerField(min_value=1, help_text="Id ruang/kendaraan.")
    starts_at = serializers.DateTimeField(help_text="Mulai; tanpa zona waktu dibaca menurut zona kantor.")
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(max_length=255)
    attendees_count = serializers.IntegerField(min_value=1, max_value=10000, required=False, allow_null=True)
    destination = serializers.CharField(
        max_length=255, required=False, allow_blank=True, help_text="Wajib untuk kendaraan."
    )


class BookingNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class BookingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class BookingEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    resource = serializers.IntegerField()
    resource_name = serializers.CharField()
    status = serializers.CharField(help_text=STATUS_HELP)
    tentative = serializers.BooleanField()
    on_non_working_day = serializers.BooleanField()


_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id peminjaman.")
OFFICE = OpenApiParameter("organisasi", OpenApiTypes.INT, description="Id kantor.", required=False)


@extend_schema_view(list=extend_schema(parameters=[OFFICE]))
class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Rooms and vehicles of the caller's offices."""

    serializer_class = BookingResourceSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        found = selectors.resources_of(self.request.user)
        if (office := _int_param(self.request, "organisasi")) is not None:
            found = found.filter(organisation_id=office)
        return found


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OFFICE,
            OpenApiParameter("status", OpenApiTypes.STR, enum=BookingStatus.values, required=False),
            OpenApiParameter("sumber", OpenApiTypes.INT, description="Id ruang/kendaraan.", required=False),
        ]
    ),
    retrieve=extend_schema(parameters=[_PK]),
    create=extend_schema(request=BookingRequestSerializer, responses={201: BookingSerializer}),
    approve=extend_schema(parameters=[_PK], request=BookingNoteSerializer, responses=BookingSerializer),
    reject=extend_schema(parameters=[_PK], request=BookingReasonSerializer, responses=BookingSerializer),
    cancel=extend_schema(parameters=[_PK], request=BookingReasonSerializer, responses=BookingSerializer),
    calendar=extend_schema(
        parameters=[
            OpenApiParameter("organisasi", OpenApiTypes.INT, description="Id kantor.", required=True),
            OpenApiParameter(
                "dari", OpenApiTypes.DATETIME, description="Awal periode (ISO 8601).", required=True
            ),
            OpenApiParameter(
                "sampai",
                OpenApiTypes.DATETIME,
                description="Akhir periode; paling lama 62 hari.",
                required=True,
            ),
            OpenApiParameter("sumber", OpenApiTypes.INT, description="Id ruang/kendaraan.", required=False),
        ],
        responses=BookingEventSerializer(many=True),
    ),
)
class BookingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Bookings of the caller's offices, oldest id first (keyset pages)."""

    pagination_class = IdPagination
    serializer_class = BookingSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        found = Booking.objects.filter(
            organisation_id__in=organisation_ids_with(self.request.user, VIEW_BOOKINGS)
        ).select_related("resource", "requested_by", "requested_by__staff")
        if self.action != "list":
            return found
        if (office := _int_param(self.request, "organisasi")) is not None:
            found = found.filter(organisation_id=office)
        if (resource := _int_param(self.request, "sumber")) is not None:
            found = found.filter(resource_id=resource)
        wanted = self.request.query_params.get("status", "")
        if wanted:
            if wanted not in BookingStatus.values:
                raise ValidationError({"status": [f"Pilih salah satu: {STATUS_HELP}."]})
            found = found.filter(status=wanted)
        return found

    def get_serializer_class(self):
        return {
            "create": BookingRequestSerializer,
            "approve": BookingNoteSerializer,
            "reject": BookingReasonSerializer,
            "cancel": BookingReasonSerializer,
        }.get(self.action, BookingSerializer)

    def create(self, request, *args, **kwargs):
        given = BookingRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        resource = selectors.resources_of(request.user).filter(pk=values["resource"]).first()
        if resource is None:
            raise ValidationError({"resource": ["Ruang/kendaraan tidak dikenal."]})
        try:
            booking = services.request_booking(
                actor=request.user,
                resource=resource,
                starts_at=values["starts_at"],
                ends_at=values["ends_at"],
                purpose=values["purpose"],
                attendees_count=values.get("attendees_count"),
                destination=values.get("destination", ""),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(BookingSerializer(booking).data, status=201)

    def _step(self, request, run, serializer_class):
        booking = self.get_object()
        given = serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            run(booking, given.validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        booking.refresh_from_db()
        return Response(BookingSerializer(booking).data)

    @action(detail=True, methods=["post"], url_path="setujui")
    def approve(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda b, v: services.approve_booking(actor=request.user, booking=b, note=v.get("note", "")),
            BookingNoteSerializer,
        )

    @action(detail=True, methods=["post"], url_path="tolak")
    def reject(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda b, v: services.reject_booking(actor=request.user, booking=b, reason=v.get("reason", "")),
            BookingReasonSerializer,
        )

    @action(detail=True, methods=["post"], url_path="batalkan")
    def cancel(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda b, v: services.cancel_booking(actor=request.user, booking=b, reason=v.get("reason", "")),
            BookingReasonSerializer,
        )

    @action(detail=False, methods=["get"], url_path="kalender", pagination_class=None)
    def calendar(self, request, **kwargs):
        office_id = _int_param(request, "organisasi")
        start, end = _datetime_param(request, "dari"), _datetime_param(request, "sampai")
        errors = {}
        if office_id is None:
            errors["organisasi"] = ["Wajib diisi."]
        if start is None:
            errors["dari"] = ["Wajib diisi."]
        if end is None:
            errors["sampai"] = ["Wajib diisi."]
        elif start is not None and not (start < end <= start + MAX_WINDOW):
            errors["sampai"] = ["Harus sesudah 'dari', paling lama 62 hari."]
        if errors:
            raise ValidationError(errors)
        office = Organisation.objects.filter(
            pk=office_id, pk__in=organisation_ids_with(request.user, VIEW_BOOKINGS)
        ).first()
        if office is None:
            raise ValidationError({"organisasi": ["Kantor tidak dikenal."]})
        resource = None
        if (resource_id := _int_param(request, "sumber")) is not None:
            resource = selectors.resources_of(request.user, office).filter(pk=resource_id).first()
            if resource is None:
                raise ValidationError({"sumber": ["Ruang/kendaraan tidak dikenal."]})
        events = [
            {
                "id": b.pk,
                "reference": b.reference,
                "title": f"{b.resource.name}: {b.purpose}",
                "start": timing.local(b.starts_at, office),
                "end": timing.local(b.ends_at, office),
                "resource": b.resource_id,
                "resource_name": b.resource.name,
                "status": b.status,
                "tentative": b.status in (BookingStatus.PENDING,),
                "on_non_working_day": b.on_non_working_day,
            }
            for b in selectors.bookings_between(request.user, office, start, end, resource=resource)[:2000]
        ]
        return Response(BookingEventSerializer(events, many=True).data)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("peminjaman-sumber-daya", ResourceViewSet, basename="booking-resource")
    router.register("peminjaman", BookingViewSet, basename="booking")
