"""REST endpoints of the career agenda; `lontar/api/urls.py` calls `register(router)`.

* `agenda-kepegawaian/` — the coming KGB, regular promotions, retirements and expiring documents of
  the staff of the offices whose agenda the caller reads (the Camat, the Sekcam, section heads, the
  office administrator, the auditor), up to a horizon of 3, 6 or 12 months, late items included;
* `agenda-kepegawaian/saya/` — the caller's own coming items (every member of an office).

Both are computed from the personnel file by the same selectors as the screens; nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lontar.core.permissions import organisation_ids_with
from lontar.staff.reminders import selectors
from lontar.staff.reminders.models import ReminderKind
from lontar.staff.reminders.permissions import VIEW_AGENDA, VIEW_OWN_AGENDA

KINDS_HELP = ", ".join(ReminderKind.values)
STATUSES_HELP = "terlambat, hari_ini, segera (sudah masuk masa pengingat), akan_datang"


class AgendaItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=KINDS_HELP)
    kind_label = serializers.CharField()
    due_date = serializers.DateField(
        help_text="Tanggal jatuh tempo (TMT KGB/pangkat/pensiun, akhir berlaku)."
    )
    ahead_from = serializers.DateField(
        help_text="Mulai diingatkan (jatuh tempo dikurangi masa pengingat kantor)."
    )
    status = serializers.CharField(help_text=STATUSES_HELP)
    status_label = serializers.CharField()
    days_left = serializers.IntegerField(help_text="Hari menuju jatuh tempo; negatif bila terlambat.")
    staff = serializers.IntegerField(source="staff_id")
    staff_name = serializers.CharField()
    nip = serializers.CharField()
    employment_type = serializers.CharField()
    unit_name = serializers.CharField()
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField()
    title = serializers.CharField()
    basis = serializers.CharField(help_text="Dasar perhitungan.")
    reference = serializers.CharField(help_text="Id dokumen untuk dokumen kedaluwarsa; kosong selain itu.")


class AgendaQuerySerializer(serializers.Serializer):
    rentang = serializers.ChoiceField(
        choices=selectors.HORIZONS, required=False, default=selectors.DEFAULT_HORIZON
    )
    jenis = serializers.ChoiceField(choices=ReminderKind.values, required=False, allow_blank=True, default="")
    kantor = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    segera = serializers.BooleanField(required=False, default=False)


class MyAgendaQuerySerializer(serializers.Serializer):
    rentang = serializers.ChoiceField(choices=selectors.HORIZONS, required=False, default=12)


HORIZON_PARAMETER = OpenApiParameter(
    "rentang", OpenApiTypes.INT, enum=list(selectors.HORIZONS), description="Rentang ke depan, dalam bulan."
)


class StaffAgendaViewSet(viewsets.GenericViewSet):
    serializer_class = AgendaItemSerializer
    pagination_class = None

    @extend_schema(
        summary="Agenda kepegawaian kantor",
        parameters=[
            HORIZON_PARAMETER,
            OpenApiParameter(
                "jenis", OpenApiTypes.STR, enum=ReminderKind.values, description="Jenis agenda."
            ),
            OpenApiParameter("kantor", OpenApiTypes.INT, description="Id kantor (bila lebih dari satu)."),
            OpenApiParameter(
                "segera", OpenApiTypes.BOOL, description="Hanya yang sudah masuk masa pengingat."
            ),
        ],
        responses=AgendaItemSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):
        if not organisation_ids_with(request.user, VIEW_AGENDA):
            raise PermissionDenied(VIEW_AGENDA)
        query = AgendaQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        filters = selectors.AgendaFilters(
            horizon=int(data["rentang"]),
            kind=data["jenis"],
            organisation=data.get("kantor"),
            due_only=data["segera"],
        )
        return Response(AgendaItemSerializer(selectors.office_agenda(request.user, filters), many=True).data)

    @extend_schema(
        summary="Agenda kepegawaian saya",
        parameters=[HORIZON_PARAMETER],
        responses=AgendaItemSerializer(many=True),
    )
    @action(detail=False, methods=["get"], url_path="saya")
    def mine(self, request, *args, **kwargs):
        if not organisation_ids_with(request.user, VIEW_OWN_AGENDA):
            raise PermissionDenied(VIEW_OWN_AGENDA)
        query = MyAgendaQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = selectors.my_agenda(request.user, horizon=int(query.validated_data["rentang"]))
        return Response(AgendaItemSerializer(items, many=True).data)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("agenda-kepegawaian", StaffAgendaViewSet, basename="staff-agenda")
