"""Leave endpoints: my annual-leave balance and statement, my requests (creating one submits it through
the same service as the screen), and the office's requests for those who may see them.

Scoped by the same selectors as the screens and written through the same services, so the API
refuses exactly what the screens refuse, with the same messages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, pagination, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from lontar.staff.leave import rules, selectors, services
from lontar.staff.leave.models import ImportantReason, LeaveRequest, LeaveType


class LeaveRequestSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.full_name", read_only=True)
    letter_number = serializers.CharField(
        source="letter.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = LeaveRequest
        fields = [
            "id",
            "organisation",
            "staff",
            "staff_name",
            "leave_type",
            "status",
            "start_date",
            "end_date",
            "requested_start",
            "requested_end",
            "working_days",
            "calendar_days",
            "reason",
            "important_reason",
            "child_order",
            "address_during_leave",
            "consideration",
            "consideration_note",
            "decision_note",
            "submitted_at",
            "decided_at",
            "letter_number",
        ]
        read_only_fields = fields


class SubmitSerializer(serializers.Serializer):
    leave_type = serializers.ChoiceField(
        choices=[c for c in LeaveType.choices if c[0] != LeaveType.COLLECTIVE]
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    reason = serializers.CharField(max_length=2000)
    address_during_leave = serializers.CharField(max_length=255)
    phone_during_leave = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    important_reason = serializers.ChoiceField(
        choices=ImportantReason.choices, required=False, allow_blank=True, default=""
    )
    child_order = serializers.IntegerField(
        min_value=1, max_value=20, required=False, allow_null=True, default=None
    )


class YearStatementSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    entitlement = serializers.IntegerField(help_text="Hak cuti tahunan tahun ini (hari kerja).")
    carried_previous = serializers.IntegerField(help_text="Sisa tahun N-1.")
    carried_before_previous = serializers.IntegerField(help_text="Sisa tahun N-2.")
    deferred_in = serializers.IntegerField(help_text="Cuti yang ditangguhkan tahun lalu.")
    collective_taken = serializers.IntegerField(help_text="Cuti bersama yang mengurangi hak.")
    used = serializers.IntegerField(help_text="Cuti tahunan yang diambil.")
    remaining = serializers.IntegerField(help_text="Sisa.")


class BalanceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    remaining = serializers.IntegerField()
    free = serializers.IntegerField(
        help_text="Yang masih dapat diajukan (sisa dikurangi permintaan yang diproses)."
    )
    pending = serializers.IntegerField()
    statements = YearStatementSerializer(many=True)
    requestable_types = serializers.ListField(child=serializers.CharField())


class IdPagination(pagination.CursorPagination):
    ordering = ("-id",)


def _drf_error(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    )


class MyBalanceViewSet(viewsets.ViewSet):
    """My annual-leave balance this year and the statement per year."""

    @extend_schema(responses=BalanceSerializer)
    def list(self, request, format=None):
        staff = selectors.staff_of(request.user)
        if staff is None or not selectors.may_request(request.user):
            raise PermissionDenied()
        ledger = selectors.my_ledger(request.user)
        year = max((s.year for s in ledger.statements), default=ledger.start_year)
        payload = {
            "year": year,
            "remaining": ledger.remaining(year),
            "free": ledger.free(year),
            "pending": ledger.pending.get(year, 0),
            "statements": list(reversed(ledger.statements)),
            "requestable_types": rules.requestable_types(staff),
        }
        return Response(BalanceSerializer(payload).data)


class MyRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """My leave requests; POST submits a new one (attachments through the screen)."""

    pagination_class = IdPagination

    def get_serializer_class(self):
        return SubmitSerializer if self.action == "create" else LeaveRequestSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LeaveRequest.objects.none()
        return selectors.my_requests(self.request.user)

    @extend_schema(request=SubmitSerializer, responses={201: LeaveRequestSerializer})
    def create(self, request, *args, **kwargs):
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            created = services.submit_request(actor=request.user, **payload.validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(LeaveRequestSerializer(created).data, status=201)


class OfficeRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Every leave request of the offices the user sees whole (Camat, Sekcam, Subbag TU, auditor)."""

    serializer_class = LeaveRequestSerializer
    pagination_class = IdPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LeaveRequest.objects.none()
        if not selectors.may_see_office(self.request.user):
            raise PermissionDenied()
        return selectors.office_requests(self.request.user)


def register(router) -> None:
    router.register("cuti/saldo-saya", MyBalanceViewSet, basename="leave-balance")
    router.register("cuti/permintaan-saya", MyRequestViewSet, basename="leave-my-request")
    router.register("cuti/permintaan-kantor", OfficeRequestViewSet, basename="leave-office-request")
