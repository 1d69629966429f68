"""REST endpoints of incoming letters and dispositions: reads through the same scoped selectors as the
screens (a restricted letter outside the caller's chain does not exist for them), writes through the
same services (permission, audit, agenda number, notifications)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, pagination, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from lontar.core.models import Organisation, Unit
from lontar.core.permissions import organisation_ids_with
from lontar.correspondence.access_incoming import DISPOSE, REGISTER_INCOMING, VIEW_INCOMING
from lontar.correspondence.models import (
    Disposition,
    DispositionInstruction,
    IncomingLetter,
    ReceiptChannel,
    SecurityClass,
    Urgency,
)
from lontar.correspondence.selectors import incoming as selectors
from lontar.correspondence.services import dispositions as disposition_services
from lontar.correspondence.services import incoming as services
from lontar.records.selectors import classification_by_code


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
        )
    return ValidationError({"non_field_errors": exc.messages})


class IncomingLetterSerializer(serializers.ModelSerializer):
    classification_code = serializers.CharField(source="classification.code", read_only=True, default="")
    # Plain strings, so the OpenAPI enums of other modules' "status" and "channel" do not collide.
    status = serializers.CharField(read_only=True, help_text="tercatat, didisposisikan, selesai, diarsipkan")
    channel = serializers.CharField(read_only=True, help_text="kertas, surel, internal")
    status_label = serializers.CharField(source="get_status_label", read_only=True)
    enclosures = serializers.IntegerField(min_value=0, max_value=999, read_only=True)

    class Meta:
        model = IncomingLetter
        fields = [
            "id",
            "organisation",
            "agenda_number",
            "agenda_year",
            "sender_name",
            "sender_institution",
            "sender_number",
            "sender_date",
            "received_date",
            "subject",
            "summary",
            "urgency",
            "security",
            "classification_code",
            "enclosures",
            "channel",
            "unit",
            "status",
            "status_label",
            "registered_at",
        ]
        read_only_fields = fields


class ScanSerializer(serializers.Serializer):
    """A stored scan of the letter; `url` downloads it (for those who may read the letter)."""

    id = serializers.IntegerField(read_only=True)
    original_name = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, stored) -> str:
        return reverse("core:file_download", args=[stored.pk])


class ScanUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False),
        min_length=1,
        max_length=10,
        help_text="Berkas pindaian (PDF/JPG/PNG), satu atau beberapa, dengan nama bidang `files`.",
    )


class IncomingLetterListSerializer(IncomingLetterSerializer):
    """Lists leave out the summary (large text stays out of list responses)."""

    class Meta(IncomingLetterSerializer.Meta):
        fields = [f for f in IncomingLetterSerializer.Meta.fields if f != "summary"]
        read_only_fields = fields


class IncomingLetterCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.none())
    sender_name = serializers.CharField(max_length=200)
    sender_institution = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    sender_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    sender_date = serializers.DateField(required=False, allow_null=True, default=None)
    received_date = serializers.DateField()
    subject = serializers.CharField(max_length=500)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    security = serializers.ChoiceField(choices=SecurityClass.choices, default=SecurityClass.OPEN)
    classification_code = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    enclosures = serializers.IntegerField(min_value=0, max_value=999, default=0)
    channel = serializers.ChoiceField(choices=ReceiptChannel.choices[:2], default=ReceiptChannel.PAPER)
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), required=False, allow_null=True, default=None
    )
    confirm_duplicate = serializers.BooleanField(
        default=False,
        help_text="Tetap catat walaupun surat dari pengirim dan nomor yang sama sudah tercatat.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the OpenAPI generator describes the fields without a caller
            return
        user = request.user
        self.fields["organisation"].queryset = selectors.registering_offices(user)
        self.fields["unit"].queryset = Unit.objects.filter(
            organisation_id__in=organisation_ids_with(user, VIEW_INCOMING)
        )

    def validate_classification_code(self, code):
        if not code:
            return None
        found = classification_by_code(code)
        if found is None:
            raise serializers.ValidationError(f"Kode klasifikasi {code} tidak ada dalam daftar.")
        return found


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "organisasi",
                OpenApiTypes.INT,
                description="Hanya surat kantor dengan id ini.",
                required=False,
            ),
            OpenApiParameter("status", OpenApiTypes.STR, description="Status surat.", required=False),
            OpenApiParameter(
                "pengirim", OpenApiTypes.STR, description="Sebagian nama/instansi pengirim.", required=False
            ),
        ]
    ),
    create=extend_schema(request=IncomingLetterCreateSerializer, responses={201: IncomingLetterSerializer}),
)
class IncomingLetterViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Surat masuk: the buku agenda the caller may read; registering takes the agenda number."""

    class Pagination(pagination.CursorPagination):
        ordering = ("-received_date", "-id")

    pagination_class = Pagination

    def get_serializer_class(self):
        if self.action == "list":
            return IncomingLetterListSerializer
        if self.action == "create":
            return IncomingLetterCreateSerializer
        return IncomingLetterSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return IncomingLetter.objects.none()
        letters = selectors.letters_visible_to(self.request.user).select_related("classification")
        if self.action == "list":
            params = self.request.query_params
            office = params.get("organisasi", "")
            if office.isdigit():
                letters = letters.filter(organisation_id=int(office))
            if params.get("status"):
                letters = letters.filter(status=params["status"])
            if params.get("pengirim"):
                letters = selectors.register_sender_filter(letters, params["pengirim"][:100])
            letters = letters.defer("summary")
        return letters

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["classification"] = data.pop("classification_code")
        try:
            letter = services.register_incoming(actor=request.user, **data)
        except services.LikelyDuplicate as exc:
            raise ValidationError(
                {"confirm_duplicate": exc.messages, "duplicates": [d.agenda_number for d in exc.letters]}
            ) from exc
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(IncomingLetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["get"], responses=ScanSerializer(many=True), description="Pindaian surat (daftar)."
    )
    @extend_schema(
        methods=["post"],
        request={"multipart/form-data": ScanUploadSerializer},
        responses={201: ScanSerializer(many=True)},
        description="Lampirkan pindaian surat (halaman yang dipindai kemudian, lampiran surel).",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="pindaian",
        parser_classes=[parsers.MultiPartParser, parsers.FormParser],
    )
    def scans(self, request, pk=None, **kwargs):
        """The letter's scans; the front desk (whoever may register letters) attaches more."""
        if request.method == "GET":
            letter = selectors.letter_for(request.user, pk)
            return Response(ScanSerializer(selectors.scans_of(letter), many=True).data)
        letter = selectors.letter_for(request.user, pk, REGISTER_INCOMING)
        serializer = ScanUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.add_scans(actor=request.user, letter=letter, scans=serializer.validated_data["files"])
        except DjangoValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
        return Response(
            ScanSerializer(selectors.scans_of(letter), many=True).data, status=status.HTTP_201_CREATED
        )


class DispositionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="terkirim, dibaca, dilaporkan, selesai, ditarik")
    status_label = serializers.CharField(source="get_status_label", read_only=True)

    class Meta:
        model = Disposition
        fields = [
            "id",
            "letter",
            "parent",
            "sender",
            "sender_label",
            "recipient",
            "recipient_label",
            "recipient_unit",
            "instruction_texts",
            "note",
            "due_date",
            "status",
            "status_label",
            "sent_at",
            "read_at",
        ]
        read_only_fields = fields


class DispositionNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DispositionReportSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    done = serializers.BooleanField(default=False, help_text="Pekerjaan sudah selesai (lapor selesai).")


def _disposition_step(viewset, request, pk, step, serializer_class=DispositionNoteSerializer):
    disposition = selectors.disposition_for(request.user, pk)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    try:
        step(disposition, serializer.validated_data)
    except DjangoValidationError as exc:
        raise _drf_error(exc) from exc
    disposition.refresh_from_db()
    return Response(DispositionSerializer(disposition).data)


class DispositionCreateSerializer(serializers.Serializer):
    letter = serializers.IntegerField(help_text="Id surat masuk.")
    parent = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Disposisi yang diteruskan."
    )
    recipients = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    instructions = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    working_days = serializers.IntegerField(
        min_value=1, max_value=60, required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "kotak",
                OpenApiTypes.STR,
                enum=list(selectors.INBOX_BOXES),
                description="Kotak disposisi; bawaan: terbuka.",
                required=False,
            ),
            OpenApiParameter(
                "halaman",
                OpenApiTypes.INT,
                description="Halaman (50 disposisi per halaman); bawaan: 1.",
                required=False,
            ),
        ]
    ),
    create=extend_schema(
        request=DispositionCreateSerializer, responses={201: DispositionSerializer(many=True)}
    ),
)
class DispositionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Disposisi: the caller's inbox (or what they sent), one disposition, or disposing a letter."""

    serializer_class = DispositionSerializer
    pagination_class = None

    def get_serializer_class(self):
        return DispositionCreateSerializer if self.action == "create" else DispositionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disposition.objects.none()
        return selectors.dispositions_visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        box = request.query_params.get("kotak", "terbuka")
        page = selectors.inbox_page(request.query_params.get("halaman"))
        size = selectors.INBOX_PAGE_SIZE
        rows = selectors.inbox(
            request.user, box if box in selectors.INBOX_BOXES else "terbuka", offset=(page - 1) * size
        )
        return Response(DispositionSerializer(rows, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        letter = selectors.letter_for(request.user, data["letter"], DISPOSE)
        parent = selectors.disposition_for(request.user, data["parent"]) if data["parent"] else None
        try:
            sent = disposition_services.dispose(
                actor=request.user,
                letter=letter,
                recipients=get_user_model().objects.filter(pk__in=data["recipients"]),
                units=Unit.objects.filter(pk__in=data["units"], organisation=letter.organisation),
                instructions=DispositionInstruction.objects.filter(
                    pk__in=data["instructions"], organisation=letter.organisation
                ),
                note=data["note"],
                working_days=data["working_days"],
                due_date=data["due_date"],
                parent=parent,
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(DispositionSerializer(sent, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=DispositionSerializer)
    @action(detail=True, methods=["post"], url_path="baca")
    def read(self, request, pk=None, **kwargs):
        """Mark read (the read receipt) every disposition of this letter addressed to the caller."""

        def step(disposition, data):
            disposition_services.open_received(actor=request.user, letter=disposition.letter)

        return _disposition_step(self, request, pk, step)

    @extend_schema(request=DispositionNoteSerializer, responses=DispositionSerializer)
    @action(detail=True, methods=["post"], url_path="tarik")
    def withdraw(self, request, pk=None, **kwargs):
        """The sender withdraws a disposition its recipient has not read."""
        return _disposition_step(
            self,
            request,
            pk,
            lambda d, data: disposition_services.withdraw(
                actor=request.user, disposition=d, note=data["note"]
            ),
        )

    @extend_schema(request=DispositionReportSerializer, responses=DispositionSerializer)
    @action(detail=True, methods=["post"], url_path="laporan")
    def report(self, request, pk=None, **kwargs):
        """The recipient reports the follow-up (attachments through the screen)."""
        return _disposition_step(
            self,
            request,
            pk,
            lambda d, data: disposition_services.report(
                actor=request.user, disposition=d, text=data["text"], done=data["done"]
            ),
            DispositionReportSerializer,
        )

    @extend_schema(request=DispositionNoteSerializer, responses=DispositionSerializer)
    @action(detail=True, methods=["post"], url_path="selesai")
    def complete(self, request, pk=None, **kwargs):
        """The sender declares the disposition done."""
        return _disposition_step(
            self,
            request,
            pk,
            lambda d, data: disposition_services.complete(
                actor=request.user, disposition=d, note=data["note"]
            ),
        )


def register(router) -> None:
    router.register("surat-masuk", IncomingLetterViewSet, basename="incoming-letter")
    router.register("disposisi", DispositionViewSet, basename="disposition")
