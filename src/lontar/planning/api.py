"""Planning endpoints: the year's structure with its figures (read) and the monthly realisation (read,
and write through `record_realisation`, so the API refuses what the screens refuse, with the same
messages). Scoped by `TenantQuerySet.visible_to` and `core.permissions` like the screens."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, pagination, serializers, status, viewsets
from rest_framework.response import Response

from lontar.core.permissions import get_visible_or_404, organisation_ids_with
from lontar.planning.models import PlanYear, Realisation, SubActivity
from lontar.planning.permissions import VIEW_PLANNING
from lontar.planning.selectors import planning as selectors
from lontar.planning.services import realisation as services


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


class FiguresSerializer(serializers.Serializer):
    pagu = serializers.IntegerField(help_text="Pagu (Rp).")
    plan_cumulative = serializers.IntegerField(
        help_text="Rencana penarikan dana kumulatif s.d. bulan acuan (Rp)."
    )
    real_cumulative = serializers.IntegerField(
        help_text="Realisasi keuangan kumulatif s.d. bulan acuan (Rp)."
    )
    financial_percent = serializers.DecimalField(max_digits=7, decimal_places=2)
    plan_financial_percent = serializers.DecimalField(max_digits=7, decimal_places=2)
    physical_percent = serializers.DecimalField(max_digits=7, decimal_places=2)
    plan_physical_percent = serializers.DecimalField(max_digits=7, decimal_places=2)


class PlanYearSerializer(serializers.ModelSerializer):
    reference_month = serializers.SerializerMethodField(help_text="Bulan acuan angka dan peringatan.")
    totals = serializers.SerializerMethodField()

    class Meta:
        model = PlanYear
        fields = [
            "id",
            "organisation",
            "year",
            "amber_threshold",
            "red_threshold",
            "reference_month",
            "totals",
        ]

    def get_reference_month(self, obj) -> int:
        return selectors.reference_month(obj)

    def get_totals(self, obj) -> FiguresSerializer:
        return FiguresSerializer(selectors.year_report(obj).total.figures).data


class SubActivitySerializer(serializers.ModelSerializer):
    plan_year = serializers.IntegerField(source="activity.program.plan_year_id", read_only=True)
    program_code = serializers.CharField(source="activity.program.code", read_only=True)
    program_name = serializers.CharField(source="activity.program.name", read_only=True)
    activity_code = serializers.CharField(source="activity.code", read_only=True)
    activity_name = serializers.CharField(source="activity.name", read_only=True)

    class Meta:
        model = SubActivity
        fields = [
            "id",
            "organisation",
            "plan_year",
            "program_code",
            "program_name",
            "activity_code",
            "activity_name",
            "code",
            "name",
            "pagu",
            "responsible",
            "unit",
            "location",
        ]


class RealisationSerializer(serializers.ModelSerializer):
    sub_activity = serializers.PrimaryKeyRelatedField(queryset=SubActivity.objects.none())
    month = serializers.IntegerField(min_value=1, max_value=12)
    amount = serializers.IntegerField(min_value=0, help_text="Realisasi keuangan bulan ini saja (Rp).")
    physical_progress = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text="Fisik kumulatif s.d. akhir bulan (%).",
    )

    class Meta:
        model = Realisation
        fields = [
            "id",
            "sub_activity",
            "month",
            "amount",
            "physical_progress",
            "notes",
            "correction_reason",
            "entered_by",
            "updated_at",
        ]
        read_only_fields = ["entered_by", "updated_at"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["sub_activity"].queryset = SubActivity.objects.visible_to(request.user)


class PlanYearViewSet(viewsets.ReadOnlyModelViewSet):
    """Rencana tahunan per kantor dengan jumlah pagu dan realisasinya s.d. bulan acuan."""

    serializer_class = PlanYearSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanYear.objects.none()
        return PlanYear.objects.filter(
            organisation_id__in=organisation_ids_with(self.request.user, VIEW_PLANNING)
        ).select_related("organisation")


class SubActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """Sub kegiatan dengan kode program dan kegiatannya (struktur Permendagri 90/2019)."""

    serializer_class = SubActivitySerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SubActivity.objects.none()
        qs = SubActivity.objects.filter(
            organisation_id__in=organisation_ids_with(self.request.user, VIEW_PLANNING)
        ).select_related("activity__program")
        year = self.request.query_params.get("tahun", "")
        if year.isdigit():
            qs = qs.filter(activity__program__plan_year_id=int(year))
        return qs


class RealisationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Realisasi bulanan. POST mengisi atau mengoreksi satu bulan satu sub kegiatan (oleh PPTK-nya atau
    petugas perencanaan); bulan yang terkunci, pagu yang terlampaui, atau fisik yang turun tanpa alasan
    ditolak dengan pesan yang sama seperti di layar."""

    serializer_class = RealisationSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Realisation.objects.none()
        return Realisation.objects.filter(
            organisation_id__in=organisation_ids_with(self.request.user, VIEW_PLANNING)
        ).select_related("sub_activity")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        sub = get_visible_or_404(
            request.user, SubActivity.objects.all(), VIEW_PLANNING, pk=data["sub_activity"].pk
        )
        try:
            realisation = services.record_realisation(
                actor=request.user,
                sub_activity=sub,
                month=data["month"],
                amount=data["amount"],
                physical_progress=data["physical_progress"],
                notes=data.get("notes", ""),
                correction_reason=data.get("correction_reason", ""),
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            ) from exc
        return Response(self.get_serializer(realisation).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("planning/years", PlanYearViewSet, basename="planning-year")
    router.register("planning/sub-activities", SubActivityViewSet, basename="planning-sub-activity")
    router.register("planning/realisations", RealisationViewSet, basename="planning-realisation")
