"""REST endpoints of duty travel; `lontar/api/urls.py` calls `register(router)`.

* `perjalanan-dinas/` — the trips the caller may see (their own, or every trip of the offices they
  oversee), newest first in keyset pages; `?saya=1` keeps only the caller's own trips, `?status=` one
  state. `POST` drafts a surat tugas request through the same service as the form.
* `perjalanan-dinas/{id}/ajukan/` — submits a draft (overlap refusal, approvers notified).
A refused write answers 400 with the reason in Bahasa Indonesia; an action the caller may not take, 403.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.core.models import Organisation, Staff
from lontar.staff.travel import selectors, services
from lontar.staff.travel.models import Transport, Traveller, Trip, TripStatus

STATUS_HELP = ", ".join(TripStatus.values)


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"detail": [str(m) for m in exc.messages]})


class NewestFirstPagination(pagination.CursorPagination):
    ordering = ("-id",)


class TravellerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="staff.full_name")

    class Meta:
        model = Traveller
        fields = ["staff", "name", "order"]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class TripListSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_label")
    travellers = TravellerSerializer(many=True)

    class Meta:
        model = Trip
        fields = [
            "id",
            "organisation",
            "number",
            "status",
            "status_label",
            "destination_place",
            "destination_institution",
            "start_date",
            "end_date",
            "days",
            "working_days",
            "transport",
            "due_date",
            "travellers",
        ]
        read_only_fields = fields  # an output: no database-dependent bounds in the schema


class TripDetailSerializer(TripListSerializer):
    document = serializers.PrimaryKeyRelatedField(read_only=True, help_text="Naskah surat tugas yang terbit.")

    class Meta(TripListSerializer.Meta):
        fields = [
            *TripListSerializer.Meta.fields,
            "purpose",
            "basis",
            "basis_letter_number",
            "funding_source",
            "budget_code",
            "notes",
            "classification_code",
            "document",
            "decision_reason",
        ]


class TripCreateSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(help_text="Kantor yang menerbitkan surat tugas.")
    travellers = serializers.ListField(
        child=serializers.IntegerField(), max_length=30, help_text="Id pegawai (Staff) para pelaksana."
    )
    purpose = serializers.CharField(max_length=2000)
    basis = serializers.CharField(max_length=2000)
    basis_letter_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    destination_place = serializers.CharField(max_length=150)
    destination_institution = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    transport = serializers.ChoiceField(choices=Transport.choices)
    funding_source = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    budget_code = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class TripNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "saya", bool, description="Hanya perjalanan dinas saya (pelaksana atau pengusul)."
            ),
            OpenApiParameter("status", str, description=STATUS_HELP),
        ]
    )
)
class TripViewSet(viewsets.ReadOnlyModelViewSet):
    """Perjalanan dinas (surat tugas) the caller may see, newest first."""

    pagination_class = NewestFirstPagination

    def get_queryset(self):
        found = selectors.visible_trips(self.request.user).prefetch_related(
            Prefetch("travellers", queryset=Traveller.objects.select_related("staff"))
        )
        if self.action != "list":
            return found
        if self.request.query_params.get("saya") in ("1", "true", "True"):
            found = found.filter(pk__in=selectors.my_trips(self.request.user).values("pk"))
        wanted = self.request.query_params.get("status")
        if wanted:
            if wanted not in TripStatus.values:
                raise ValidationError({"status": [f"Pilih salah satu: {STATUS_HELP}."]})
            found = found.filter(status=wanted)
        return found

    def get_serializer_class(self):
        if self.action == "list":
            return TripListSerializer
        if self.action == "create":
            return TripCreateSerializer
        if self.action == "submit":
            return TripNoteSerializer
        return TripDetailSerializer

    def _detail(self, trip) -> Response:
        trip = self.get_queryset().get(pk=trip.pk)
        return Response(TripDetailSerializer(trip, context=self.get_serializer_context()).data)

    @extend_schema(request=TripCreateSerializer, responses={201: TripDetailSerializer})
    def create(self, request, *args, **kwargs):
        given = TripCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        office = Organisation.objects.filter(
            pk=data.pop("organisation"), pk__in=[o.pk for o in selectors.offices_for_request(request.user)]
        ).first()
        if office is None:
            raise ValidationError(
                {"organisation": ["Kantor tidak dikenal atau Anda tidak dapat mengusulkan di sana."]}
            )
        wanted = list(dict.fromkeys(data.pop("travellers")))
        people = {s.pk: s for s in Staff.objects.filter(organisation=office, pk__in=wanted)}
        if len(people) != len(wanted):
            raise ValidationError({"travellers": ["Pelaksana harus pegawai kantor ini."]})
        try:
            trip = services.create_trip(
                organisation=office, actor=request.user, travellers=[people[pk] for pk in wanted], **data
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        response = self._detail(trip)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=TripNoteSerializer, responses={200: TripDetailSerializer})
    @action(detail=True, methods=["post"], url_path="ajukan")
    def submit(self, request, pk=None, **kwargs):
        trip = self.get_object()
        given = TripNoteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.submit(trip=trip, actor=request.user, note=given.validated_data["note"])
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return self._detail(trip)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("perjalanan-dinas", TripViewSet, basename="trip")
