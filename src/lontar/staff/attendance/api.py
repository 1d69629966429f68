"""REST endpoints of attendance: check-in/check-out (the same services as the screen's buttons, so a
repeated request answers with the first record), my records, roster cells (read) and the monthly recap
(read). Scoped by the same selectors as the screens."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from lontar.core.permissions import authorize
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.attendance import selectors, services
from lontar.staff.attendance.models import AttendanceRecord, RosterEntry, WorkMode
from lontar.staff.attendance.permissions import RECORD_OWN, VIEW_RECAP, VIEW_ROSTER


class AttendanceRecordSerializer(serializers.ModelSerializer):
    work_mode = serializers.ChoiceField(
        source="mode", choices=WorkMode.choices, read_only=True, help_text="wfo atau wfh."
    )

    class Meta:
        model = AttendanceRecord
        fields = [
            "id",
            "staff",
            "date",
            "work_mode",
            "mode_note",
            "check_in_at",
            "check_in_note",
            "check_out_at",
            "check_out_note",
            "is_late",
            "left_early",
            "correction_note",
        ]
        read_only_fields = fields


class CheckInSerializer(serializers.Serializer):
    work_mode = serializers.ChoiceField(
        choices=WorkMode.choices,
        required=False,
        help_text="Bawaan: sesuai jadwal (WFO bila tidak ada jadwal).",
    )
    mode_note = serializers.CharField(required=False, allow_blank=True, max_length=200)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Lokasi/tugas bila WFH."
    )


class CheckOutSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class RosterEntrySerializer(serializers.ModelSerializer):
    work_mode = serializers.ChoiceField(source="mode", choices=WorkMode.choices, read_only=True)
    staff_name = serializers.CharField(source="staff.full_name", read_only=True)

    class Meta:
        model = RosterEntry
        fields = ["id", "unit", "staff", "staff_name", "date", "work_mode", "edited", "note"]
        read_only_fields = fields


class PersonRecapSerializer(serializers.Serializer):
    staff = serializers.IntegerField(source="staff.pk")
    name = serializers.CharField(source="staff.full_name")
    working_days = serializers.IntegerField()
    present_office = serializers.IntegerField()
    present_home = serializers.IntegerField()
    late = serializers.IntegerField()
    left_early = serializers.IntegerField()
    no_check_out = serializers.IntegerField()
    excused = serializers.IntegerField()
    no_record = serializers.IntegerField()


class UnitRecapSerializer(serializers.Serializer):
    name = serializers.CharField()
    people = PersonRecapSerializer(many=True)


class RecapSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    counted_until = serializers.DateField(allow_null=True)
    units = UnitRecapSerializer(many=True)


class NewestFirst(pagination.CursorPagination):
    ordering = ("-date", "-id")


class ByDate(pagination.CursorPagination):
    ordering = ("date", "id")


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    )


def _date_param(request, name: str) -> dt.date | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise serializers.ValidationError({name: ["Tanggal dengan format YYYY-MM-DD."]}) from exc


def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise serializers.ValidationError({name: ["Bilangan bulat positif."]})
    return int(raw)


class AttendanceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Kehadiran saya: my records, newest first; `masuk` and `pulang` record today's taps."""

    serializer_class = AttendanceRecordSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AttendanceRecord.objects.none()
        return selectors.my_records(self.request.user)

    def _tap(self, request, run, serializer_class):
        if not authorize(request.user, RECORD_OWN):
            raise PermissionDenied()
        given = serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            tap = run(given.validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(
            AttendanceRecordSerializer(tap.record).data,
            status=status.HTTP_201_CREATED if tap.changed else status.HTTP_200_OK,
        )

    @extend_schema(
        request=CheckInSerializer,
        responses={
            201: AttendanceRecordSerializer,
            200: OpenApiResponse(
                AttendanceRecordSerializer, description="Sudah tercatat masuk; tidak ada yang diubah."
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="masuk")
    def check_in(self, request, **kwargs):
        return self._tap(
            request,
            lambda v: services.check_in(
                actor=request.user,
                mode=v.get("work_mode"),
                mode_note=v.get("mode_note", ""),
                note=v.get("note", ""),
            ),
            CheckInSerializer,
        )

    @extend_schema(
        request=CheckOutSerializer,
        responses={
            201: AttendanceRecordSerializer,
            200: OpenApiResponse(
                AttendanceRecordSerializer, description="Sudah tercatat pulang; tidak ada yang diubah."
            ),
        },
    )
    @action(detail=False, methods=["post"], url_path="pulang")
    def check_out(self, request, **kwargs):
        return self._tap(
            request,
            lambda v: services.check_out(actor=request.user, note=v.get("note", "")),
            CheckOutSerializer,
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("mulai", OpenApiTypes.DATE, required=False, description="Dari tanggal."),
            OpenApiParameter("sampai", OpenApiTypes.DATE, required=False, description="Sampai tanggal."),
            OpenApiParameter("unit", OpenApiTypes.INT, required=False, description="Id unit kerja."),
        ]
    )
)
class RosterEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Jadwal WFO/WFH: cells of the units the caller may see, by date."""

    serializer_class = RosterEntrySerializer
    pagination_class = ByDate

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RosterEntry.objects.none()
        if not authorize(self.request.user, VIEW_ROSTER):
            raise PermissionDenied()
        request = self.request
        if self.action != "list":
            return selectors.roster_entries(request.user)
        return selectors.roster_entries(
            request.user,
            start=_date_param(request, "mulai"),
            end=_date_param(request, "sampai"),
            unit_id=_int_param(request, "unit"),
        )


class RecapViewSet(viewsets.ViewSet):
    """Rekap kehadiran: one office's month per unit and person (read)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kantor", OpenApiTypes.INT, required=False, description="Id kantor; bawaan kantor Anda."
            ),
            OpenApiParameter(
                "bulan", OpenApiTypes.STR, required=False, description="YYYY-MM; bawaan bulan ini."
            ),
            OpenApiParameter("unit", OpenApiTypes.INT, required=False, description="Id unit kerja."),
        ],
        responses={200: RecapSerializer, 404: OpenApiResponse(description="Kantor tidak ditemukan.")},
    )
    def list(self, request, **kwargs):
        offices = list(selectors.offices_for(request.user, VIEW_RECAP))
        if not offices:
            raise PermissionDenied()
        office_id = _int_param(request, "kantor")
        own = selectors.own_staff(request.user)
        if office_id is None:
            office = next((o for o in offices if own and o.pk == own.organisation_id), offices[0])
        else:
            office = next((o for o in offices if o.pk == office_id), None)
            if office is None:
                raise NotFound()
        today = organisation_today(office)
        year, month = today.year, today.month
        raw = request.query_params.get("bulan", "")
        if raw:
            try:
                chosen = dt.datetime.strptime(raw, "%Y-%m").date()
            except ValueError as exc:
                raise serializers.ValidationError({"bulan": ["Bulan dengan format YYYY-MM."]}) from exc
            if chosen > today or chosen.year < 2000:
                raise serializers.ValidationError({"bulan": ["Bulan antara 2000-01 dan bulan ini."]})
            year, month = chosen.year, chosen.month
        recap = selectors.monthly_recap(
            request.user, office, year, month, unit_id=_int_param(request, "unit")
        )
        return Response(RecapSerializer(recap).data)


def register(router) -> None:
    router.register("kehadiran", AttendanceViewSet, basename="attendance")
    router.register("jadwal-kerja", RosterEntryViewSet, basename="roster-entry")
    router.register("rekap-kehadiran", RecapViewSet, basename="attendance-recap")
