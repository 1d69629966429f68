"""REST endpoints of meetings (`lontar/api/urls.py` calls `register(router)`), through the same
selectors and services as the screens:

* `rapat/` — meetings the caller may see (list with office/mine filters, one, create = schedule, with
  the room booked and the online link made); `rapat/{id}/batalkan/` calls one off;
* `tindak-lanjut-rapat/` — the caller's action items (open ones, or all with `semua=true`);
  `tindak-lanjut-rapat/{id}/selesai/` marks one done with a note.
A refused step answers 400 with its message in Bahasa Indonesia (a room clash names the booking).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.assets.bookings.models import Resource
from lontar.core.models import Organisation, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.meetings import selectors, services
from lontar.meetings.models import ActionItem, ActionStatus, Invitee, Meeting, MeetingKind
from lontar.meetings.permissions import SCHEDULE_MEETING

MAX_ID = 2_147_483_647


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"detail": [str(m) for m in exc.messages]})


class IdPagination(pagination.CursorPagination):
    ordering = ("id",)


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class InviteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitee
        fields = ["id", "kind", "user", "name", "institution"]


class MeetingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=", ".join(MeetingKind.values))
    status = serializers.CharField()
    organiser_name = serializers.CharField(source="organiser.display_name")
    chair_name = serializers.CharField(source="chair.display_name")
    note_taker_name = serializers.CharField(source="note_taker.display_name")
    location = serializers.CharField(source="location_text")
    booking_status = serializers.SerializerMethodField()
    invitation_number = serializers.SerializerMethodField()
    invitees = InviteeSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "organisation",
            "title",
            "agenda",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "location",
            "room",
            "booking",
            "booking_status",
            "online_url",
            "organiser_name",
            "chair_name",
            "note_taker_name",
            "invitation",
            "invitation_number",
            "invitations_sent_at",
            "invitees",
        ]

    def get_booking_status(self, meeting) -> str:
        return meeting.booking.status if meeting.booking_id else ""

    def get_invitation_number(self, meeting) -> str:
        return meeting.invitation.number if meeting.invitation_id else ""


class GuestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    institution = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class ScheduleSerializer(serializers.Serializer):
    organisation = _id(help_text="Id kantor.")
    title = serializers.CharField(max_length=200)
    agenda = serializers.CharField(max_length=5000)
    kind = serializers.ChoiceField(choices=MeetingKind.values)
    starts_at = serializers.DateTimeField(help_text="Mulai; tanpa zona waktu dibaca menurut zona kantor.")
    ends_at = serializers.DateTimeField()
    room = _id(required=False, allow_null=True, help_text="Id ruang rapat (dipinjam otomatis).")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    chair = _id(help_text="Id akun pimpinan rapat.")
    note_taker = _id(help_text="Id akun notulis.")
    invited_users = serializers.ListField(child=_id(), required=False, max_length=500)
    invited_units = serializers.ListField(child=_id(), required=False, max_length=50)
    guests = GuestSerializer(many=True, required=False)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False)


class ActionItemSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=", ".join(ActionStatus.values))
    meeting_title = serializers.CharField(source="meeting.title")

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "description",
            "due_date",
            "status",
            "done_note",
            "done_at",
        ]


class DoneSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False)


_PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id.")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("organisasi", OpenApiTypes.INT, description="Id kantor.", required=False),
            OpenApiParameter(
                "saya", OpenApiTypes.BOOL, description="Hanya rapat yang saya ikuti.", required=False
            ),
        ]
    ),
    retrieve=extend_schema(parameters=[_PK]),
    create=extend_schema(request=ScheduleSerializer, responses={201: MeetingSerializer}),
    cancel=extend_schema(parameters=[_PK], request=ReasonSerializer, responses=MeetingSerializer),
)
class MeetingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings the caller organises, leads, takes notes of or is invited to (every meeting of the
    office for the Camat, Sekcam, administrator and auditor), oldest id first."""

    pagination_class = IdPagination
    serializer_class = MeetingSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        user = self.request.user
        found = (
            selectors.my_meetings(user)
            if self.request.query_params.get("saya") in ("true", "1")
            else selectors.meetings_visible_to(user)
        )
        found = found.prefetch_related("invitees").order_by()
        office = self.request.query_params.get("organisasi", "")
        if office:
            if not office.isdigit() or len(office) > 10:
                raise ValidationError({"organisasi": ["Harus bilangan bulat."]})
            found = found.filter(organisation_id=int(office))
        return found

    def get_serializer_class(self):
        return {"create": ScheduleSerializer, "cancel": ReasonSerializer}.get(self.action, MeetingSerializer)

    def create(self, request, *args, **kwargs):
        given = ScheduleSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        v = given.validated_data
        office = Organisation.objects.filter(
            pk=v["organisation"], pk__in=organisation_ids_with(request.user, SCHEDULE_MEETING)
        ).first()
        if office is None:
            raise ValidationError({"organisation": ["Kantor tidak dikenal."]})
        users = get_user_model().objects.filter(staff__organisation=office, is_active=True)
        room = None
        if v.get("room"):
            room = Resource.objects.filter(organisation=office, pk=v["room"]).first()
            if room is None:
                raise ValidationError({"room": ["Ruang tidak dikenal."]})
        chair, note_taker = users.filter(pk=v["chair"]).first(), users.filter(pk=v["note_taker"]).first()
        invited = list(users.filter(pk__in=v.get("invited_users", [])))
        if len(invited) != len(set(v.get("invited_users", []))):
            raise ValidationError({"invited_users": ["Ada pegawai yang tidak dikenal di kantor ini."]})
        units = list(Unit.objects.filter(organisation=office, pk__in=v.get("invited_units", [])))
        if len(units) != len(set(v.get("invited_units", []))):
            raise ValidationError({"invited_units": ["Ada unit yang tidak dikenal di kantor ini."]})
        try:
            meeting = services.schedule_meeting(
                actor=request.user,
                organisation=office,
                title=v["title"],
                agenda=v["agenda"],
                kind=v["kind"],
                starts_at=v["starts_at"],
                ends_at=v["ends_at"],
                room=room,
                place=v.get("place", ""),
                chair=chair,
                note_taker=note_taker,
                invited_users=invited,
                invited_units=units,
                guests=[services.GuestInput(**g) for g in v.get("guests", [])],
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(MeetingSerializer(meeting).data, status=201)

    @action(detail=True, methods=["post"], url_path="batalkan")
    def cancel(self, request, pk=None, **kwargs):
        meeting = self.get_object()
        given = ReasonSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.cancel_meeting(
                actor=request.user, meeting=meeting, reason=given.validated_data.get("reason", "")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        meeting.refresh_from_db()
        return Response(MeetingSerializer(meeting).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "semua", OpenApiTypes.BOOL, description="Termasuk yang sudah selesai.", required=False
            )
        ]
    ),
    retrieve=extend_schema(parameters=[_PK]),
    done=extend_schema(parameters=[_PK], request=DoneSerializer, responses=ActionItemSerializer),
)
class MyActionItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's follow-ups from meetings (tindak lanjut rapat saya)."""

    pagination_class = IdPagination
    serializer_class = ActionItemSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        include_done = self.action != "list" or self.request.query_params.get("semua") in ("true", "1")
        return selectors.my_action_items(self.request.user, include_done=include_done).order_by()

    def get_serializer_class(self):
        return DoneSerializer if self.action == "done" else ActionItemSerializer

    @action(detail=True, methods=["post"], url_path="selesai")
    def done(self, request, pk=None, **kwargs):
        item = self.get_object()
        given = DoneSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            services.complete_action_item(
                actor=request.user, item=item, note=given.validated_data.get("note", "")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(ActionItemSerializer(item).data)


def register(router) -> None:
    """Add this module's viewsets to the API router."""
    router.register("rapat", MeetingViewSet, basename="meeting")
    router.register("tindak-lanjut-rapat", MyActionItemViewSet, basename="meeting-action-item")
