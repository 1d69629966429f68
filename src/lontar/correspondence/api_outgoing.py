"""REST endpoints of outgoing documents: list, read, create a draft, and the actions of the paraf
chain, signing and sending, through the same selectors and services as the screens."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.core.models import Organisation
from lontar.core.permissions import authorize
from lontar.correspondence.models.outgoing import (
    OutgoingDocument,
    OutgoingOrigin,
    OutgoingRecipient,
    OutgoingType,
    ParafStep,
    RecipientRole,
    SecurityClass,
    Urgency,
)
from lontar.correspondence.outgoing_actions import PARAF_OUTGOING, SEND_OUTGOING, SIGN_OUTGOING, VIEW_OUTGOING
from lontar.correspondence.selectors import outgoing as selectors
from lontar.correspondence.services import outgoing as services
from lontar.records import selectors as records


class RecipientSerializer(serializers.ModelSerializer):
    office = serializers.IntegerField(source="internal_organisation_id", allow_null=True, read_only=True)

    class Meta:
        model = OutgoingRecipient
        fields = ["role", "name", "address", "email", "office", "delivery_status"]


# Integers declared, not derived: the range of a positive integer column differs between SQLite and
# PostgreSQL, and the committed OpenAPI document must not depend on the database that generated it.
class ParafStepSerializer(serializers.ModelSerializer):
    position = serializers.CharField(source="position.title")
    round = serializers.IntegerField(read_only=True)
    order = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = ParafStep
        fields = ["round", "order", "position", "state", "acted_as", "acted_at", "version"]


class OutgoingListSerializer(serializers.ModelSerializer):
    classification = serializers.CharField(source="classification.code", default="", read_only=True)
    drafter = serializers.CharField(source="drafter.display_name", read_only=True)
    version = serializers.IntegerField(read_only=True)
    origin = serializers.ChoiceField(
        choices=OutgoingOrigin.choices,
        read_only=True,
        help_text="lontar: dibuat di Lontar; impor: dicatat dari buku agenda surat keluar lama (tanpa PDF).",
    )

    class Meta:
        model = OutgoingDocument
        fields = [
            "id",
            "organisation",
            "document_type",
            "subject",
            "status",
            "number",
            "document_date",
            "urgency",
            "security",
            "classification",
            "drafter",
            "version",
            "origin",
            "updated_at",
        ]


class OutgoingDetailSerializer(OutgoingListSerializer):
    recipients = RecipientSerializer(many=True, read_only=True)
    paraf_steps = ParafStepSerializer(many=True, read_only=True)
    signatory_position = serializers.CharField(source="signatory_position.title", read_only=True)
    verification_url = serializers.SerializerMethodField()

    class Meta(OutgoingListSerializer.Meta):
        fields = [
            *OutgoingListSerializer.Meta.fields,
            "attachments_note",
            "recipient_place",
            "body_html",
            "signatory_position",
            "recipients",
            "paraf_steps",
            "verification_url",
        ]

    def get_verification_url(self, document) -> str:
        issued = document.issued_document
        return issued.verification_url() if issued is not None else ""


class RecipientInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=RecipientRole.choices)
    office = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id kantor tujuan dalam kota."
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class DraftCreateSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    document_type = serializers.ChoiceField(choices=OutgoingType.choices)
    subject = serializers.CharField(max_length=255)
    classification = serializers.CharField(max_length=30, required=False, allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    security = serializers.ChoiceField(choices=SecurityClass.choices, default=SecurityClass.OPEN)
    attachments_note = serializers.CharField(max_length=100, required=False, allow_blank=True)
    recipient_place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    body_html = serializers.CharField(required=False, allow_blank=True)
    recipients = RecipientInputSerializer(many=True, required=False)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class IdPagination(pagination.CursorPagination):
    ordering = ("-id",)


def _django_errors(exc: DjangoValidationError):
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id naskah keluar.")


@extend_schema_view(
    **{
        name: extend_schema(parameters=[_ID])
        for name in ("retrieve", "submit", "paraf", "return_for_revision", "sign", "send")
    }
)
class OutgoingDocumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Outgoing documents the caller may read; restricted ones only within their circle."""

    pagination_class = IdPagination
    # Any text up to the next slash reaches the view, so a malformed id is a JSON 404 from the API
    # rather than the site's HTML page (the default pattern stops at a dot).
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        if self.action == "list":
            return (
                selectors.documents_visible_to(self.request.user)
                .for_listing()
                .select_related("classification", "drafter")
            )
        return selectors.documents_visible_to(self.request.user).select_related(
            "classification", "drafter", "signatory_position", "issued_document"
        )

    def get_serializer_class(self):
        if self.action == "create":
            return DraftCreateSerializer
        if self.action == "list":
            return OutgoingListSerializer
        if self.action in ("submit", "paraf", "return_for_revision", "sign", "send"):
            return CommentSerializer
        return OutgoingDetailSerializer

    def _document(self, action_name: str = VIEW_OUTGOING) -> OutgoingDocument:
        return selectors.document_for(self.request.user, self.kwargs["pk"], action_name)

    def _done(self, document):
        document.refresh_from_db()
        return Response(OutgoingDetailSerializer(document).data)

    @extend_schema(request=DraftCreateSerializer, responses=OutgoingDetailSerializer)
    def create(self, request, *args, **kwargs):
        data = DraftCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        offices = {o.pk: o for o in selectors.offices_for_drafting(request.user)}
        organisation = offices.get(values.pop("organisation"))
        if organisation is None:
            raise ValidationError({"organisation": ["Anda tidak dapat membuat naskah untuk kantor ini."]})
        code = values.pop("classification", "")
        classification = records.classification_by_code(code) if code else None
        if code and classification is None:
            raise ValidationError({"classification": [f"Kode klasifikasi {code} tidak dikenal."]})
        recipients = []
        for item in values.pop("recipients", []):
            office = None
            if item.get("office"):
                office = Organisation.objects.filter(pk=item["office"]).first()
                if office is None:
                    raise ValidationError({"recipients": ["Kantor tujuan tidak dikenal."]})
            recipients.append(
                services.RecipientInput(
                    role=item["role"],
                    name=item.get("name", ""),
                    address=item.get("address", ""),
                    email=item.get("email", ""),
                    organisation=office,
                )
            )
        try:
            document = services.create_draft(
                actor=request.user,
                organisation=organisation,
                document_type=values.pop("document_type"),
                classification=classification,
                recipients=recipients,
                **values,
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return Response(OutgoingDetailSerializer(document).data, status=201)

    def _run(self, action_name, run):
        document = self._document(action_name)
        body = CommentSerializer(data=self.request.data)
        body.is_valid(raise_exception=True)
        try:
            run(document, body.validated_data.get("comment", ""))
        except DjangoValidationError as exc:
            raise _django_errors(exc) from exc
        return self._done(document)

    @extend_schema(request=CommentSerializer, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None, **kwargs):
        return self._run(
            VIEW_OUTGOING, lambda d, note: services.submit(actor=request.user, document=d, note=note)
        )

    @extend_schema(request=CommentSerializer, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def paraf(self, request, pk=None, **kwargs):
        return self._run(
            PARAF_OUTGOING, lambda d, note: services.give_paraf(actor=request.user, document=d, comment=note)
        )

    @extend_schema(request=CommentSerializer, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_revision(self, request, pk=None, **kwargs):
        document = self._document()
        if not (
            authorize(request.user, PARAF_OUTGOING, document)
            or authorize(request.user, SIGN_OUTGOING, document)
        ):
            raise PermissionDenied(PARAF_OUTGOING)
        return self._run(
            VIEW_OUTGOING,
            lambda d, note: services.return_for_revision(actor=request.user, document=d, comment=note),
        )

    @extend_schema(request=None, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None, **kwargs):
        return self._run(SIGN_OUTGOING, lambda d, note: services.sign(actor=request.user, document=d))

    @extend_schema(request=None, responses=OutgoingDetailSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None, **kwargs):
        return self._run(SEND_OUTGOING, lambda d, note: services.send(actor=request.user, document=d))


def register(router) -> None:
    router.register("naskah-keluar", OutgoingDocumentViewSet, basename="outgoing")
