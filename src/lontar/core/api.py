"""Platform endpoints: the offices a caller may see, their units, positions and staff.

Read-only, and scoped by the same selectors as the screens: a caller sees exactly the rows the
staff directory and the organisation pages show them, with personal data masked the same way.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import pagination, serializers, viewsets

from lontar.core.models import Organisation, Position, PositionAssignment, Staff, Unit
from lontar.core.orgadmin.selectors import (
    mark_who_acts,
    positions_visible_to,
    show_personal_data_to,
    staff_search,
)
from lontar.core.selectors import organisations_visible_to, units_visible_to

OFFICE_FILTER = OpenApiParameter(
    "organisasi", OpenApiTypes.INT, description="Hanya data kantor dengan id ini.", required=False
)


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "parent",
            "name",
            "short_name",
            "code",
            "region_code",
            "address",
            "timezone",
            "is_active",
        ]


# Declared, not derived: a PositiveSmallIntegerField's range differs between SQLite and PostgreSQL,
# and the committed OpenAPI document must be the same whichever database generated it.
def _order_field():
    return serializers.IntegerField(min_value=0, max_value=32767, help_text="Urutan tampil.")


class UnitSerializer(serializers.ModelSerializer):
    order = _order_field()

    class Meta:
        model = Unit
        fields = ["id", "organisation", "parent", "kind", "name", "code", "order"]


class HolderSerializer(serializers.ModelSerializer):
    """An assignment in force today. `acts` marks the one whose holder acts (and signs) today."""

    staff = serializers.IntegerField(source="staff_id")
    name = serializers.CharField(source="staff.name_with_titles")
    acts = serializers.BooleanField()

    class Meta:
        model = PositionAssignment
        fields = ["staff", "name", "kind", "start_date", "end_date", "acts"]


class PositionSerializer(serializers.ModelSerializer):
    holders = HolderSerializer(source="current", many=True, read_only=True)
    order = _order_field()

    class Meta:
        model = Position
        fields = ["id", "organisation", "unit", "title", "superior", "is_unit_head", "order", "holders"]


class StaffSerializer(serializers.ModelSerializer):
    """NIP, telephone and e-mail come masked unless the caller may see them (the person themselves,
    the office's leaders and administrator, the auditor, the city administrator)."""

    name = serializers.CharField(source="name_with_titles")
    nip = serializers.CharField(source="shown_nip")
    email = serializers.CharField(source="shown_email")
    phone = serializers.CharField(source="shown_phone")
    personal_data_masked = serializers.SerializerMethodField()

    class Meta:
        model = Staff
        fields = [
            "id",
            "organisation",
            "unit",
            "full_name",
            "name",
            "employment_type",
            "rank",
            "nip",
            "email",
            "phone",
            "personal_data_masked",
            "is_active",
        ]

    def get_personal_data_masked(self, staff) -> bool:
        return not staff.sees_personal


class OrganisationPagination(pagination.CursorPagination):
    # The default cursor ordering ("-created") names a field organisations do not have.
    ordering = ("path", "id")


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


def _office_id(request) -> int | None:
    value = request.query_params.get("organisasi", "")
    return int(value) if value.isdigit() else None


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    pagination_class = OrganisationPagination

    def get_queryset(self):
        return organisations_visible_to(self.request.user)


@extend_schema_view(list=extend_schema(parameters=[OFFICE_FILTER]))
class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        units = units_visible_to(self.request.user)
        if (office := _office_id(self.request)) is not None:
            units = units.filter(organisation_id=office)
        return units


@extend_schema_view(list=extend_schema(parameters=[OFFICE_FILTER]))
class PositionViewSet(viewsets.ReadOnlyModelViewSet):
    """Positions with who holds them today: the definitive holder, a Plt. or a Plh."""

    serializer_class = PositionSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        return positions_visible_to(self.request.user, organisation_id=_office_id(self.request))

    def paginate_queryset(self, queryset):
        return _flag_who_acts(super().paginate_queryset(queryset))

    def get_object(self):
        return _flag_who_acts([super().get_object()])[0]


def _flag_who_acts(positions):
    if positions is not None:
        for position in positions:
            mark_who_acts(position.current)
    return positions


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OFFICE_FILTER,
            OpenApiParameter("q", OpenApiTypes.STR, description="Nama, atau NIP lengkap.", required=False),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=["aktif", "nonaktif", "semua"],
                description="Keaktifan pegawai; bawaan: aktif.",
                required=False,
            ),
        ]
    )
)
class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StaffSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        status = self.request.query_params.get("status", "aktif")
        if self.action != "list":
            status = "semua"
        return staff_search(
            self.request.user,
            organisation_id=_office_id(self.request),
            query=self.request.query_params.get("q", "").strip()[:100],
            status=status if status in ("aktif", "nonaktif", "semua") else "aktif",
        )

    def paginate_queryset(self, queryset):
        return self._shown(super().paginate_queryset(queryset))

    def get_object(self):
        return self._shown([super().get_object()])[0]

    def _shown(self, people):
        return None if people is None else show_personal_data_to(self.request.user, people)


def register(router) -> None:
    router.register("organisasi", OrganisationViewSet, basename="organisation")
    router.register("unit", UnitViewSet, basename="unit")
    router.register("jabatan", PositionViewSet, basename="position")
    router.register("pegawai", StaffViewSet, basename="staff")
