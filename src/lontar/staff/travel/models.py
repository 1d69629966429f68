"""Duty travel (perjalanan dinas): the request for a surat tugas, its travellers, the signed letter and
the trip report (REFERENCE §2 and §6).

A trip moves through `TripWorkflow`:

    draft → submitted → approved → issued → completed
              ↘ returned to draft (for revision)   ↘ rejected (with a reason)
    draft/submitted/approved/issued → cancelled (before departure)

* Any staff member drafts a request for themselves; a section head also for the people of their unit;
  the Camat, the Sekcam and Sub Bagian staff for anyone of the office.
* The Camat or the Sekcam approves; at approval no traveller may already be on another approved trip
  whose dates overlap (the refusal names that trip).
* The approver signs: the number is taken (document type ``surat-tugas``, the office's classification
  code, 800.1.11.1 by default) and the Surat Tugas is issued as a signed PDF in one transaction. The
  travellers' name, NIP, rank and post are copied onto the trip at that moment, so the record always
  says what the letter says.
* A traveller submits the trip report (laporan perjalanan dinas) within 5 working days after return
  (`due_date`); that completes the trip. `remind_trip_reports` reminds the travellers once a day after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned, TenantQuerySet
from lontar.core.workflow import Transition, Workflow, WorkflowModel

# Actions (granted in permissions.py); kept here because the workflow table names them.
REQUEST_TRIP = "travel.request_trip"
APPROVE_TRIP = "travel.approve_trip"
REPORT_TRIP = "travel.report_trip"
CANCEL_TRIP = "travel.cancel_trip"

# PP/Permenkeu practice adopted by the offices: the report is due within 5 working days after return.
REPORT_WORKING_DAYS = 5
DEFAULT_CLASSIFICATION = "800.1.11.1"
DOCUMENT_TYPE = "surat-tugas"


class TripStatus(models.TextChoices):
    DRAFT = "konsep", _("Konsep")
    SUBMITTED = "diajukan", _("Diajukan")
    APPROVED = "disetujui", _("Disetujui")
    ISSUED = "terbit", _("Surat tugas terbit")
    COMPLETED = "selesai", _("Selesai (laporan masuk)")
    REJECTED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")


# A traveller's days are taken once the trip is approved: these may not overlap for one person.
COMMITTED_STATUSES = (TripStatus.APPROVED, TripStatus.ISSUED, TripStatus.COMPLETED)
OPEN_STATUSES = (TripStatus.DRAFT, TripStatus.SUBMITTED, TripStatus.APPROVED, TripStatus.ISSUED)
CANCELLABLE_STATUSES = OPEN_STATUSES


class TripWorkflow(Workflow):
    states = TripStatus
    initial = TripStatus.DRAFT
    final_states = {TripStatus.COMPLETED, TripStatus.REJECTED, TripStatus.CANCELLED}
    transitions = [
        Transition(
            "submit", TripStatus.DRAFT, TripStatus.SUBMITTED, permission=REQUEST_TRIP, label=_("Ajukan")
        ),
        Transition(
            "return_for_revision",
            TripStatus.SUBMITTED,
            TripStatus.DRAFT,
            permission=APPROVE_TRIP,
            label=_("Kembalikan untuk diperbaiki"),
        ),
        Transition(
            "approve", TripStatus.SUBMITTED, TripStatus.APPROVED, permission=APPROVE_TRIP, label=_("Setujui")
        ),
        Transition(
            "reject", TripStatus.SUBMITTED, TripStatus.REJECTED, permission=APPROVE_TRIP, label=_("Tolak")
        ),
        Transition(
            "issue",
            TripStatus.APPROVED,
            TripStatus.ISSUED,
            permission=APPROVE_TRIP,
            label=_("Tanda tangani dan terbitkan surat tugas"),
        ),
        Transition(
            "submit_report",
            TripStatus.ISSUED,
            TripStatus.COMPLETED,
            permission=REPORT_TRIP,
            label=_("Kirim laporan perjalanan dinas"),
        ),
        Transition(
            "cancel", CANCELLABLE_STATUSES, TripStatus.CANCELLED, permission=CANCEL_TRIP, label=_("Batalkan")
        ),
    ]


class Transport(models.TextChoices):
    OFFICE_VEHICLE = "kendaraan_dinas", _("Kendaraan dinas")
    PUBLIC = "angkutan_umum", _("Angkutan umum")
    PRIVATE = "kendaraan_pribadi", _("Kendaraan pribadi")
    TRAIN = "kereta_api", _("Kereta api")
    PLANE = "pesawat", _("Pesawat udara")
    SHIP = "kapal", _("Kapal laut")
    OTHER = "lainnya", _("Lainnya")


class TravelSettings(TenantOwned):
    """The office's own choices for surat tugas; the classification code is data (Permendagri 83/2022
    gives 800.1.11.1; offices still on the old scheme or another region's variant change it)."""

    classification_code = models.CharField(
        _("kode klasifikasi surat tugas"), max_length=30, default=DEFAULT_CLASSIFICATION
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan perjalanan dinas")
        verbose_name_plural = _("pengaturan perjalanan dinas")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="travel_settings_one_per_org")]

    def __str__(self) -> str:
        return self.classification_code


class Trip(WorkflowModel):
    """One surat tugas request and, once issued, the trip it commands."""

    workflow = TripWorkflow

    status = models.CharField(
        _("status"), max_length=40, choices=TripStatus.choices, default=TripStatus.DRAFT
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengusul"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("maksud perjalanan dinas"))
    basis = models.TextField(_("dasar"))
    basis_letter_number = models.CharField(
        _("nomor surat/undangan dasar"),
        max_length=100,
        blank=True,
        help_text=_("Nomor surat masuk atau undangan yang menjadi dasar, bila ada."),
    )
    destination_place = models.CharField(_("tempat tujuan"), max_length=150)
    destination_institution = models.CharField(_("instansi tujuan"), max_length=200, blank=True)
    start_date = models.DateField(_("tanggal berangkat"))
    end_date = models.DateField(_("tanggal kembali"))
    days = models.PositiveSmallIntegerField(_("lama (hari)"), default=1)
    working_days = models.PositiveSmallIntegerField(_("lama (hari kerja)"), default=0)
    transport = models.CharField(_("alat angkut"), max_length=20, choices=Transport.choices)
    funding_source = models.CharField(_("sumber dana"), max_length=150, blank=True)
    budget_code = models.CharField(_("kode rekening"), max_length=80, blank=True)
    notes = models.TextField(_("keterangan"), blank=True)
    classification_code = models.CharField(_("kode klasifikasi"), max_length=30, blank=True)
    number = models.CharField(_("nomor surat tugas"), max_length=120, blank=True)
    document = models.ForeignKey(
        "core.IssuedDocument",
        verbose_name=_("surat tugas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disetujui oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    decision_reason = models.TextField(_("alasan penolakan/pengembalian"), blank=True)
    last_reminded_on = models.DateField(_("pengingat laporan terakhir"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("perjalanan dinas")
        verbose_name_plural = _("perjalanan dinas")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "start_date"], name="trip_org_status_start"),
            models.Index(fields=["organisation", "start_date", "end_date"], name="trip_org_dates"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="trip_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("Perjalanan dinas ke %(tempat)s") % {"tempat": self.destination_place}


class Traveller(models.Model):
    """One person the surat tugas commands. The printed fields are copied when the letter is issued."""

    trip = models.ForeignKey(
        Trip, verbose_name=_("perjalanan dinas"), on_delete=models.CASCADE, related_name="travellers"
    )
    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=200, blank=True)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    rank = models.CharField(_("pangkat/golongan"), max_length=80, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pelaksana perjalanan dinas")
        verbose_name_plural = _("pelaksana perjalanan dinas")
        ordering = ["trip", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["trip", "staff"], name="traveller_once_per_trip")]

    def __str__(self) -> str:
        return self.name or str(self.staff)


class TripReport(models.Model):
    """The laporan perjalanan dinas: what was done, found and recommended."""

    trip = models.OneToOneField(
        Trip, verbose_name=_("perjalanan dinas"), on_delete=models.CASCADE, related_name="report"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pelapor"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("dikirim pada"))
    results = models.TextField(_("hasil perjalanan dinas"))
    conclusions = models.TextField(_("kesimpulan dan saran"), blank=True)

    class Meta:
        verbose_name = _("laporan perjalanan dinas")
        verbose_name_plural = _("laporan perjalanan dinas")

    def __str__(self) -> str:
        return str(self.trip)

    @property
    def organisation(self):
        return self.trip.organisation

    @property
    def organisation_id(self):
        return self.trip.organisation_id
