"""REST endpoints of supplies (`lontar/api/urls.py` calls `register(router)`), through the same
selectors and services as the screens:

* `persediaan-barang/` — items of the caller's offices with stock and value; `{id}/kartu/` its stock card;
* `persediaan-permintaan/` — requests (list, one, create for the caller's unit) and
  `{id}/setujui|tolak|serahkan|batalkan/`; a refused step answers 400 with its message (a shortfall
  names the item and what is left).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.assets.supplies import selectors
from lontar.assets.supplies.models import (
    Item,
    Movement,
    MovementKind,
    RequestLine,
    RequestStatus,
    SupplyRequest,
)
from lontar.assets.supplies.permissions import VIEW_SUPPLIES
from lontar.assets.supplies.services import stock as services
from lontar.core.models import Organisation
from lontar.core.permissions import organisation_ids_with

STATUS_HELP = ", ".join(RequestStatus.values)


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


class SupplyItemSerializer(serializers.ModelSerializer):
    stock = serializers.IntegerField(min_value=0, help_text="Stok sekarang.")
    stock_value = serializers.IntegerField(
        min_value=0, help_text="Nilai stok (rupiah, rata-rata tertimbang)."
    )
    minimum_stock = serializers.IntegerField(min_value=0)
    below_minimum = serializers.BooleanField(source="is_below_minimum")

    class Meta:
        model = Item
        fields = [
            "id",
            "organisation",
            "code",
            "name",
            "category",
            "unit_of_measure",
            "minimum_stock",
            "stock",
            "stock_value",
            "below_minimum",
            "is_active",
        ]


class SupplyMovementSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=", ".join(MovementKind.values))

    class Meta:
        model = Movement
        fields = [
            "id",
            "occurred_on",
            "kind",
            "quantity",
            "value",
            "unit_price",
            "balance_quantity",
            "balance_value",
            "unit",
            "reference",
            "note",
        ]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class SupplyRequestLineSerializer(serializers.ModelSerializer):
    item_name = serializers.CharField(source="item.name")
    quantity_requested = serializers.IntegerField(min_value=1)
    quantity_approved = serializers.IntegerField(min_value=0, allow_null=True)
    quantity_issued = serializers.IntegerField(min_value=0)

    class Meta:
        model = RequestLine
        fields = ["id", "item", "item_name", "quantity_requested", "quantity_approved", "quantity_issued"]


class SupplyRequestSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_display")
    reference = serializers.CharField()
    requested_by_name = serializers.CharField(source="requested_by.display_name")
    lines = SupplyRequestLineSerializer(many=True)

    class Meta:
        model = SupplyRequest
        fields = [
            "id",
            "reference",
            "organisation",
            "unit",
            "status",
            "status_label",
            "purpose",
            "requested_by_name",
            "created_at",
            "decision_note",
            "issued_on",
            "lines",
        ]


class NewSupplyLineSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    quantity = serializers.IntegerField(min_value=1, max_value=1_000_000)


class NewSupplyRequestSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, help_text="Id kantor.")
    purpose = serializers.CharField(max_length=255)
    lines = NewSupplyLineSerializer(many=True, min_length=1, max_length=50)


class SupplyApproveLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, help_text="Id baris permintaan.")
    quantity = serializers.IntegerField(min_value=0, max_value=1_000_000)


class SupplyApproveSerializer(serializers.Serializer):
    lines = SupplyApproveLineSerializer(many=True, required=False, help_text="Kosong: setujui seluruhnya.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SupplyReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class SupplyIssueSerializer(serializers.Serializer):
    issued_on = serializers.DateField(required=False, help_text="Kosong: hari ini.")


_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
OFFICE = OpenApiParameter("organisasi", OpenApiTypes.INT, description="Id kantor.", required=False)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OFFICE,
            OpenApiParameter(
                "minimum", OpenApiTypes.BOOL, description="Hanya di bawah stok minimum.", required=False
            ),
        ]
    ),
    retrieve=extend_schema(parameters=[_PK]),
    card=extend_schema(parameters=[_PK], responses=SupplyMovementSerializer(many=True)),
)
class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SupplyItemSerializer
    pagination_class = IdPagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        office = _int_param(self.request, "organisasi") if self.action == "list" else None
        below = self.action == "list" and self.request.query_params.get("minimum", "") in ("true", "1", "on")
        found = selectors.items_of(self.request.user, below_minimum=below)
        if office is not None:
            found = found.filter(organisation_id=office)
        return found.order_by("id")

    @action(detail=True, methods=["get"], url_path="kartu", pagination_class=None)
    def card(self, request, pk=None, **kwargs):
        item = self.get_object()
        return Response(SupplyMovementSerializer(selectors.stock_card(item).movements[-500:], many=True).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OFFICE,
            OpenApiParameter("status", OpenApiTypes.STR, enum=RequestStatus.values, required=False),
        ]
    ),
    retrieve=extend_schema(parameters=[_PK]),
    create=extend_schema(request=NewSupplyRequestSerializer, responses={201: SupplyRequestSerializer}),
    approve=extend_schema(
        parameters=[_PK], request=SupplyApproveSerializer, responses=SupplyRequestSerializer
    ),
    reject=extend_schema(parameters=[_PK], request=SupplyReasonSerializer, responses=SupplyRequestSerializer),
    cancel=extend_schema(parameters=[_PK], request=SupplyReasonSerializer, responses=SupplyRequestSerializer),
    issue=extend_schema(parameters=[_PK], request=SupplyIssueSerializer, responses=SupplyRequestSerializer),
)
class SupplyRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests the caller made, may approve or keeps, oldest id first."""

    pagination_class = IdPagination
    serializer_class = SupplyRequestSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        found = selectors.requests_of(self.request.user).prefetch_related("lines__item").order_by("id")
        if self.action != "list":
            return found
        if (office := _int_param(self.request, "organisasi")) is not None:
            found = found.filter(organisation_id=office)
        wanted = self.request.query_params.get("status", "")
        if wanted:
            if wanted not in RequestStatus.values:
                raise ValidationError({"status": [f"Pilih salah satu: {STATUS_HELP}."]})
            found = found.filter(status=wanted)
        return found

    def get_serializer_class(self):
        return {
            "create": NewSupplyRequestSerializer,
            "approve": SupplyApproveSerializer,
            "reject": SupplyReasonSerializer,
            "cancel": SupplyReasonSerializer,
            "issue": SupplyIssueSerializer,
        }.get(self.action, SupplyRequestSerializer)

    def create(self, request, *args, **kwargs):
        given = NewSupplyRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        office = Organisation.objects.filter(
            pk=values["organisation"], pk__in=organisation_ids_with(request.user, VIEW_SUPPLIES)
        ).first()
        if office is None:
            raise ValidationError({"organisation": ["Kantor tidak dikenal."]})
        items = {item.pk: item for item in selectors.requestable_items(request.user, office)}
        lines = []
        for line in values["lines"]:
            if line["item"] not in items:
                raise ValidationError({"lines": [f"Barang {line['item']} tidak dikenal."]})
            lines.append((items[line["item"]], line["quantity"]))
        try:
            created = services.request_supplies(
                actor=request.user, organisation=office, purpose=values["purpose"], lines=lines
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(SupplyRequestSerializer(created).data, status=201)

    def _step(self, request, run, serializer_class):
        supply_request = self.get_object()
        given = serializer_class(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            run(supply_request, given.validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        supply_request.refresh_from_db()
        return Response(SupplyRequestSerializer(supply_request).data)

    @action(detail=True, methods=["post"], url_path="setujui")
    def approve(self, request, pk=None, **kwargs):
        def run(r, v):
            quantities = {line["line"]: line["quantity"] for line in v.get("lines", [])}
            services.approve_request(
                actor=request.user, request=r, quantities=quantities, note=v.get("note", "")
            )

        return self._step(request, run, SupplyApproveSerializer)

    @action(detail=True, methods=["post"], url_path="tolak")
    def reject(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda r, v: services.reject_request(actor=request.user, request=r, reason=v.get("reason", "")),
            SupplyReasonSerializer,
        )

    @action(detail=True, methods=["post"], url_path="batalkan")
    def cancel(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda r, v: services.cancel_request(actor=request.user, request=r, reason=v.get("reason", "")),
            SupplyReasonSerializer,
        )

    @action(detail=True, methods=["post"], url_path="serahkan")
    def issue(self, request, pk=None, **kwargs):
        return self._step(
            request,
            lambda r, v: services.issue_request(actor=request.user, request=r, issued_on=v.get("issued_on")),
            SupplyIssueSerializer,
        )


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("persediaan-barang", ItemViewSet, basename="supply-item")
    router.register("persediaan-permintaan", SupplyRequestViewSet, basename="supply-request")
