"""REST endpoints of the personnel file (read-only; `lontar/api/urls.py` calls `register(router)`).

* `kepegawaian/` — the staff of the offices where the caller reads personnel files (and the caller's own
  record), with the current rank, job title and unit; one person adds the main sheet and the rank,
  KGB, position and education histories. Family and documents stay on the screens.
* `duk/{id}/` — the DUK of office `id` (`?tanggal=YYYY-MM-DD`, default today), in DUK order.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import pagination, serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from lontar.core.models import Staff
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.models import Education, Employee, PositionHistory, RankHistory, SalaryIncrease
from lontar.staff.permissions import VIEW_PERSONNEL
from lontar.staff.selectors.personnel import offices
from lontar.staff.selectors.reports import duk


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


class RankHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = RankHistory
        fields = [
            "id",
            "rank",
            "kind",
            "tmt",
            "decree_number",
            "decree_date",
            "service_years",
            "service_months",
        ]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class SalaryIncreaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = SalaryIncrease
        fields = ["id", "tmt", "basic_salary", "decree_number", "decree_date"]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class PositionHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = PositionHistory
        fields = ["id", "title", "position_type", "unit_name", "tmt", "end_date", "decree_number"]


class EducationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Education
        fields = ["id", "level", "institution", "major", "graduation_year"]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class MainSheetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employee
        fields = [
            "birth_place",
            "birth_date",
            "sex",
            "service_start",
            "tmt_pns",
            "job_title",
            "position_type",
            "bup",
        ]

    bup = serializers.IntegerField(read_only=True, help_text="Batas usia pensiun (tahun).")


class EmployeeListSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", default="", read_only=True)
    job_title = serializers.SerializerMethodField()

    class Meta:
        model = Staff
        fields = [
            "id",
            "organisation",
            "full_name",
            "front_title",
            "back_title",
            "nip",
            "employment_type",
            "rank",
            "unit",
            "unit_name",
            "job_title",
            "is_active",
        ]

    def get_job_title(self, staff) -> str:
        employee = getattr(staff, "employee", None)
        return employee.job_title if employee is not None else ""


class EmployeeDetailSerializer(EmployeeListSerializer):
    main_sheet = serializers.SerializerMethodField()
    rank_history = RankHistorySerializer(many=True, read_only=True)
    salary_increases = SalaryIncreaseSerializer(many=True, read_only=True)
    position_history = PositionHistorySerializer(many=True, read_only=True)
    education = EducationSerializer(many=True, read_only=True)

    class Meta(EmployeeListSerializer.Meta):
        fields = [
            *EmployeeListSerializer.Meta.fields,
            "main_sheet",
            "rank_history",
            "salary_increases",
            "position_history",
            "education",
        ]

    @extend_schema_field(MainSheetSerializer(allow_null=True))
    def get_main_sheet(self, staff):
        employee = getattr(staff, "employee", None)
        return MainSheetSerializer(employee).data if employee is not None else None


class DukRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    staff_id = serializers.IntegerField(source="staff.pk")
    name = serializers.CharField(source="staff.name_with_titles")
    nip = serializers.CharField(source="staff.nip")
    rank = serializers.CharField()
    rank_tmt = serializers.DateField(allow_null=True)
    job_title = serializers.CharField()
    position_tmt = serializers.DateField(allow_null=True)
    service_years = serializers.IntegerField(allow_null=True)
    service_months = serializers.IntegerField(allow_null=True)
    education = serializers.CharField(source="education_label")
    education_major = serializers.CharField()
    graduation_year = serializers.IntegerField(allow_null=True)
    age = serializers.IntegerField(allow_null=True)
    notes = serializers.ListField(child=serializers.CharField())


class DukSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="office.pk")
    organisation_name = serializers.CharField(source="office.name")
    day = serializers.DateField()
    rows = DukRowSerializer(many=True)


_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
_OFFICE = OpenApiParameter("kantor", OpenApiTypes.INT, description="Hanya pegawai kantor ini.")
_DAY = OpenApiParameter("tanggal", OpenApiTypes.DATE, description="Keadaan per tanggal (bawaan: hari ini).")


def _int_param(request, name: str) -> int | None:
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or not values[0].isdigit() or len(values[0]) > 12:
        raise ValidationError({name: ["Isi dengan satu bilangan bulat."]})
    return int(values[0])


@extend_schema_view(list=extend_schema(parameters=[_OFFICE]), retrieve=extend_schema(parameters=[_PK]))
class EmployeeViewSet(viewsets.ReadOnlyModelViewSet):
    """Pegawai of the offices where the caller reads personnel files, and the caller's own record."""

    pagination_class = IdPagination

    def get_queryset(self):
        user = self.request.user
        found = (
            Staff.objects.filter(
                Q(organisation__in=organisation_ids_with(user, VIEW_PERSONNEL)) | Q(user=user)
            )
            .select_related("unit", "employee")
            .order_by("id")
        )
        if self.action == "list":
            if (office := _int_param(self.request, "kantor")) is not None:
                found = found.filter(organisation_id=office)
            return found
        return found.prefetch_related("rank_history", "salary_increases", "position_history", "education")

    def get_serializer_class(self):
        return EmployeeListSerializer if self.action == "list" else EmployeeDetailSerializer


@extend_schema_view(retrieve=extend_schema(parameters=[_PK, _DAY], responses=DukSerializer))
class DukViewSet(viewsets.ViewSet):
    """DUK (Daftar Urut Kepangkatan) of one office: its active PNS in seniority order."""

    serializer_class = DukSerializer

    def retrieve(self, request, pk=None, **kwargs):
        office = next((o for o in offices(request.user) if str(o.pk) == str(pk)), None)
        if office is None:
            raise NotFound()
        day = organisation_today(office)
        values = request.query_params.getlist("tanggal")
        if values:
            try:
                if len(values) > 1:
                    raise ValueError
                day = datetime.date.fromisoformat(values[0])
            except ValueError as exc:
                raise ValidationError({"tanggal": ["Tulis tanggal sebagai TTTT-BB-HH."]}) from exc
        rows = duk(office, day)
        return Response(DukSerializer({"office": office, "day": day, "rows": rows}).data)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("kepegawaian", EmployeeViewSet, basename="personnel-file")
    router.register("duk", DukViewSet, basename="duk")
