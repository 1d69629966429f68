"""Assets endpoints: the register (read; registration and damage reports through the services), rooms
(read) and maintenance requests (read). Scoped by the same selectors as the screens; acquisition values
are given only to readers of the whole register."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.assets import selectors
from lontar.assets.models import Asset, MaintenanceRequest, Room
from lontar.assets.services import maintenance as maintenance_services


class IdPagination(pagination.CursorPagination):
    ordering = "-id"
    page_size = 50


class AssetSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code.code", read_only=True)
    value = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = [
            "id",
            "organisation",
            "code",
            "kind",
            "register_number",
            "name",
            "brand_type",
            "acquisition_year",
            "acquisition_date",
            "value",
            "origin",
            "condition",
            "room",
            "location",
            "holder",
            "details",
            "status",
            "missing",
            "label",
        ]
        read_only_fields = fields

    def get_value(self, obj) -> int | None:
        user = self.context["request"].user
        return obj.value if selectors.sees_register(user, obj) else None


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "organisation", "code", "name", "building", "responsible", "is_active"]
        read_only_fields = fields


class MaintenanceSerializer(serializers.ModelSerializer):
    # Plain text (B, KB, RB or empty): the same choices as Asset.condition under one schema name.
    resulting_condition = serializers.CharField(read_only=True)

    class Meta:
        model = MaintenanceRequest
        fields = [
            "id",
            "organisation",
            "asset",
            "status",
            "description",
            "reported_at",
            "assignee",
            "work_done",
            "cost",
            "resulting_condition",
            "resolved_on",
            "due_date",
        ]
        read_only_fields = fields


class DamageSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=4000)


class AssetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AssetSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Asset.objects.none()
        return selectors.assets_for(self.request.user).order_by("-id")

    @extend_schema(request=DamageSerializer, responses={201: MaintenanceSerializer})
    @action(detail=True, methods=["post"], url_path="lapor-kerusakan")
    def report_damage(self, request, pk=None, format=None):  # format: the DRF suffix (".json")
        asset = selectors.asset_for(request.user, pk)
        payload = DamageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            ticket = maintenance_services.report_damage(
                actor=request.user, asset=asset, description=payload.validated_data["description"]
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return Response(MaintenanceSerializer(ticket).data, status=status.HTTP_201_CREATED)


class RoomViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RoomSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Room.objects.none()
        return selectors.rooms_for(self.request.user).order_by("-id")


class MaintenanceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MaintenanceSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MaintenanceRequest.objects.none()
        return selectors.maintenance_for(self.request.user).order_by("-id")


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("aset", AssetViewSet, basename="asset")
    router.register("ruangan-aset", RoomViewSet, basename="asset-room")
    router.register("pemeliharaan-aset", MaintenanceViewSet, basename="asset-maintenance")
