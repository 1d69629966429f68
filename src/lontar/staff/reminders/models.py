"""Career reminders of the personnel file: each office's lead times, and the log of reminders sent.

What is coming (KGB, regular promotion, retirement, expiring documents) is computed from the personnel
file by `selectors.py`; nothing here stores it. Two things are stored:

* `ReminderSettings` — how long ahead each kind of item is announced, per office (one row, created
  with the defaults the first time an administrator saves the screen; an office without a row uses
  the defaults).
* `ReminderLog` — one row per staff member, kind, item, due date and stage (ahead of time / on the
  due date): the proof that a reminder went out, and what makes `remind_staff` safe to run again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned

DEFAULT_KGB_LEAD_DAYS = 60
DEFAULT_PROMOTION_LEAD_DAYS = 90
DEFAULT_RETIREMENT_LEAD_MONTHS = 12
DEFAULT_DOCUMENT_LEAD_DAYS = 30


class ReminderKind(models.TextChoices):
    KGB = "kgb", _("Kenaikan gaji berkala")
    PROMOTION = "pangkat", _("Kenaikan pangkat reguler")
    RETIREMENT = "pensiun", _("Pensiun (BUP)")
    DOCUMENT = "dokumen", _("Dokumen kedaluwarsa")


class ReminderStage(models.TextChoices):
    AHEAD = "awal", _("Pengingat awal")
    DUE = "jatuh_tempo", _("Pada tanggal jatuh tempo")


class ReminderSettings(TenantOwned):
    """Lead times of one office (the Sekcam or the office administrator sets them)."""

    kgb_lead_days = models.PositiveSmallIntegerField(
        _("KGB: diingatkan (hari sebelumnya)"),
        default=DEFAULT_KGB_LEAD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    promotion_lead_days = models.PositiveSmallIntegerField(
        _("Kenaikan pangkat: diingatkan (hari sebelumnya)"),
        default=DEFAULT_PROMOTION_LEAD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    retirement_lead_months = models.PositiveSmallIntegerField(
        _("Pensiun: diingatkan (bulan sebelumnya)"),
        default=DEFAULT_RETIREMENT_LEAD_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    document_lead_days = models.PositiveSmallIntegerField(
        _("Dokumen: diingatkan (hari sebelum kedaluwarsa)"),
        default=DEFAULT_DOCUMENT_LEAD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan pengingat kepegawaian")
        verbose_name_plural = _("pengaturan pengingat kepegawaian")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="reminder_settings_one_per_office"),
        ]

    def __str__(self) -> str:
        return str(_("Pengingat kepegawaian"))


class ReminderLog(TenantOwned):
    """A reminder that went out: to whom it was about, for which item and due date, at which stage.

    The unique constraint is the claim: the command inserts the row first and sends only when the
    insert succeeded, so two runs at once (or a re-run the same day) never send twice.
    """

    staff = models.ForeignKey(
        "core.Staff", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=ReminderKind.choices)
    # The item within its kind: the document's id for an expiring document, empty otherwise.
    reference = models.CharField(_("acuan"), max_length=40, blank=True)
    due_date = models.DateField(_("jatuh tempo"))
    stage = models.CharField(_("tahap"), max_length=12, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("jumlah penerima"), default=0)

    class Meta:
        verbose_name = _("pengingat kepegawaian terkirim")
        verbose_name_plural = _("pengingat kepegawaian terkirim")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "kind", "reference", "due_date", "stage"], name="reminder_log_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date:%d-%m-%Y} ({self.get_stage_display()})"
