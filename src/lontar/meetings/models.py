"""Meetings (rapat) of an office: scheduling with a booked room and/or an online link, the invitation
as an outgoing document (surat undangan), attendance (daftar hadir) by QR or personal link, minutes
(notula) with decisions and action items (tindak lanjut) tracked to done.

Who does what is an object role on the meeting: the organiser (penyelenggara) edits, invites and runs
check-in; the chair (pimpinan rapat) finalises the minutes; the note-taker (notulis) writes them; the
owner of an action item marks it done. See `permissions.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TenantOwned, TenantQuerySet


class MeetingKind(models.TextChoices):
    ONSITE = "luring", _("Tatap muka (luring)")
    ONLINE = "daring", _("Daring")
    HYBRID = "hibrida", _("Hibrida (tatap muka dan daring)")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "terjadwal", _("Terjadwal")
    CANCELLED = "dibatalkan", _("Dibatalkan")


class MeetingQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status=MeetingStatus.SCHEDULED)


class Meeting(TenantOwned):
    title = models.CharField(_("judul rapat"), max_length=200)
    agenda = models.TextField(_("acara/agenda"))
    kind = models.CharField(
        _("bentuk"), max_length=8, choices=MeetingKind.choices, default=MeetingKind.ONSITE
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(
        _("tempat"),
        max_length=200,
        blank=True,
        help_text=_("Diisi bila rapat tidak di ruang yang dipinjam melalui Lontar (misalnya di desa)."),
    )
    room = models.ForeignKey(
        "bookings.Resource",
        verbose_name=_("ruang"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    booking = models.ForeignKey(
        "bookings.Booking",
        verbose_name=_("peminjaman ruang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(_("tautan rapat daring"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penyelenggara"), on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pimpinan rapat"), on_delete=models.PROTECT, related_name="+"
    )
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("notulis"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    invitation = models.ForeignKey(
        "correspondence.OutgoingDocument",
        verbose_name=_("surat undangan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invitations_sent_at = models.DateTimeField(_("undangan disampaikan"), null=True, blank=True)
    # RFC 5545 SEQUENCE: raised whenever time, place or status changes, so calendars update the event.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "starts_at"], name="meeting_org_start_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_span")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_onsite(self) -> bool:
        return self.kind in (MeetingKind.ONSITE, MeetingKind.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.kind in (MeetingKind.ONLINE, MeetingKind.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def location_text(self) -> str:
        parts = []
        if self.is_onsite:
            if self.room_id:
                room = self.room.name
                if self.room.location:
                    room = f"{room}, {self.room.location}"
                parts.append(room)
            elif self.place:
                parts.append(self.place)
        if self.is_online and self.online_url:
            parts.append(f"daring: {self.online_url}")
        return "; ".join(parts)


class InviteeKind(models.TextChoices):
    STAFF = "pegawai", _("Pegawai kantor")
    GUEST = "tamu", _("Tamu/undangan luar")


class Invitee(TenantOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    kind = models.CharField(_("jenis"), max_length=8, choices=InviteeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("nama"), max_length=150)
    institution = models.CharField(_("instansi/jabatan"), max_length=200, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    class Meta:
        verbose_name = _("undangan rapat")
        verbose_name_plural = _("undangan rapat")
        ordering = ["meeting", "kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="invitee_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CheckInMethod(models.TextChoices):
    QR = "qr", _("Pindai QR")
    GUEST_FORM = "tamu", _("Formulir tamu")
    LINK = "tautan", _("Tautan pribadi (daring)")
    MANUAL = "manual", _("Dicatat penyelenggara")


class Attendance(TenantOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    invitee = models.ForeignKey(Invitee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("nama"), max_length=150)
    institution = models.CharField(_("instansi/jabatan"), max_length=200, blank=True)
    method = models.CharField(_("cara"), max_length=8, choices=CheckInMethod.choices)
    checked_in_at = models.DateTimeField(_("waktu hadir"))

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("daftar hadir")
        ordering = ["meeting", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="attendance_user_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "invitee"],
                condition=models.Q(invitee__isnull=False),
                name="attendance_invitee_once",
            ),
        ]


class MinutesStatus(models.TextChoices):
    DRAFT = "konsep", _("Konsep")
    FINAL = "final", _("Disahkan")


class Minutes(TenantOwned):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    summary = models.TextField(_("ringkasan"), blank=True)
    discussion = models.TextField(_("pokok pembahasan"), blank=True)
    decisions = models.TextField(
        _("keputusan/kesimpulan"), blank=True, help_text=_("Satu keputusan per baris.")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notula rapat")
        verbose_name_plural = _("notula rapat")

    @property
    def is_final(self) -> bool:
        return self.status == MinutesStatus.FINAL

    @property
    def decision_lines(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]


class ActionStatus(models.TextChoices):
    OPEN = "terbuka", _("Belum selesai")
    DONE = "selesai", _("Selesai")


class ActionItemQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status=ActionStatus.OPEN)


class ActionItem(TenantOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.TextField(_("tindak lanjut"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_note = models.TextField(_("catatan penyelesaian"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut rapat")
        verbose_name_plural = _("tindak lanjut rapat")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner", "status"], name="action_owner_status_idx")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN
