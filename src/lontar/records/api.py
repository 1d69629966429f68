"""Records endpoints: the classification tree (read), files (read, open, close) and their items.

Scoped by the same selectors as the screens and written through the same services, so the API
refuses exactly what the screens refuse, with the same messages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from lontar.core.permissions import authorize, get_visible_or_404
from lontar.records import selectors, services
from lontar.records.models import Classification, RecordFile, RecordItem
from lontar.records.permissions import MANAGE_FILE, VIEW_CLASSIFICATION, VIEW_FILE


def _years_field(label: str):
    # Declared, not derived: a PositiveSmallIntegerField's range differs between SQLite and PostgreSQL.
    return serializers.IntegerField(
        min_value=0, max_value=32767, allow_null=True, read_only=True, help_text=label
    )


class ClassificationSerializer(serializers.ModelSerializer):
    active_years = _years_field("Retensi aktif (tahun); kosong bila JRA belum ditetapkan.")
    inactive_years = _years_field("Retensi inaktif (tahun).")
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Classification
        fields = [
            "id",
            "scheme",
            "code",
            "title",
            "parent",
            "parent_code",
            "active_years",
            "inactive_years",
            "final_disposition",
            "retention_note",
            "is_active",
        ]


class RecordFileSerializer(serializers.ModelSerializer):
    classification_code = serializers.CharField(source="classification.code", read_only=True)
    active_years = _years_field("Retensi aktif yang berlaku bagi berkas ini (tahun).")
    inactive_years = _years_field("Retensi inaktif yang berlaku bagi berkas ini (tahun).")

    class Meta:
        model = RecordFile
        fields = [
            "id",
            "organisation",
            "number",
            "title",
            "classification",
            "classification_code",
            "unit",
            "opened_on",
            "closed_on",
            "location",
            "description",
            "status",
            "active_years",
            "inactive_years",
            "final_disposition",
            "active_until",
            "retention_until",
        ]
        read_only_fields = [
            "closed_on",
            "status",
            "final_disposition",
            "active_until",
            "retention_until",
        ]
        extra_kwargs = {"opened_on": {"required": False}}
        # The service checks the number, with its message in Bahasa Indonesia.
        validators = []


class RecordItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecordItem
        fields = ["id", "description", "item_date", "content_type", "object_id", "stored_file", "filed_at"]
        read_only_fields = ["content_type", "object_id", "stored_file", "filed_at"]


class CloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField(required=False, help_text="Bawaan: hari ini di kantor pemilik berkas.")


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("dasar", OpenApiTypes.STR, enum=["83/2022", "78/2012"], required=False),
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Awal kode, atau kata dalam uraian.", required=False
            ),
        ]
    )
)
class ClassificationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ClassificationSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Classification.objects.none()
        if not authorize(self.request.user, VIEW_CLASSIFICATION):
            raise PermissionDenied()
        qs = Classification.objects.select_related("parent")
        scheme = self.request.query_params.get("dasar", "")
        if scheme:
            qs = qs.filter(scheme=scheme)
        query = self.request.query_params.get("q", "").strip()[:100]
        if query:
            qs = (
                qs.filter(code__startswith=query) if query[0].isdigit() else qs.filter(title__icontains=query)
            )
        return qs


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Nomor, uraian, atau awal kode.", required=False
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=["terbuka", "aktif", "inaktif", "diserahkan", "dimusnahkan"],
                required=False,
            ),
        ]
    )
)
class RecordFileViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Files (berkas). Creating one opens it; `close` closes it; `items` lists or files documents."""

    serializer_class = RecordFileSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if self.action == "list":
            return selectors.files_for(
                self.request.user,
                query=self.request.query_params.get("q", "")[:100],
                status=self.request.query_params.get("status", ""),
            )
        return selectors.visible_files().visible_to(self.request.user)

    def get_object(self):
        needed = MANAGE_FILE if self.request.method == "POST" else VIEW_FILE
        return get_visible_or_404(self.request.user, self.get_queryset(), needed, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.open_file(
                actor=self.request.user,
                organisation=data["organisation"],
                number=data["number"],
                title=data["title"],
                classification=data["classification"],
                opened_on=data.get("opened_on"),
                unit=data.get("unit"),
                location=data.get("location", ""),
                description=data.get("description", ""),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    @extend_schema(request=CloseSerializer, responses=RecordFileSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None, format=None):
        record_file = self.get_object()
        payload = CloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            closed = services.close_file(
                actor=request.user, record_file=record_file, closed_on=payload.validated_data.get("closed_on")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(RecordFileSerializer(closed).data)

    @extend_schema(methods=["get"], responses=RecordItemSerializer(many=True))
    @extend_schema(methods=["post"], request=RecordItemSerializer, responses={201: RecordItemSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def items(self, request, pk=None, format=None):
        record_file = self.get_object()
        if request.method == "GET":
            return Response(RecordItemSerializer(selectors.items_of(record_file), many=True).data)
        payload = RecordItemSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            item = services.file_item(
                actor=request.user,
                record_file=record_file,
                description=payload.validated_data["description"],
                item_date=payload.validated_data["item_date"],
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(RecordItemSerializer(item).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("klasifikasi-arsip", ClassificationViewSet, basename="classification")
    router.register("berkas-arsip", RecordFileViewSet, basename="record-file")
