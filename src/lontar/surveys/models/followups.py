"""Rencana tindak lanjut: what the office will do about a survey's results (PermenPANRB 14/2017 asks
every SKM report to state its follow-up actions). One row per action, for an office and a period,
optionally for one unit or one service, and optionally aimed at one element (U1..U9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TenantOwned, Unit
from lontar.surveys.models.elements import Element


class FollowUpStatus(models.TextChoices):
    PLANNED = "rencana", _("Direncanakan")
    IN_PROGRESS = "berjalan", _("Sedang dilaksanakan")
    DONE = "selesai", _("Selesai")


class SurveyFollowUp(TenantOwned):
    period_start = models.DateField(_("periode survei dari"))
    period_end = models.DateField(_("periode survei sampai"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        "public_services.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    element = models.CharField(_("unsur"), max_length=2, choices=Element.choices, blank=True)
    action = models.TextField(_("tindak lanjut"))
    responsible = models.CharField(_("penanggung jawab"), max_length=150)
    target_date = models.DateField(_("target selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut SKM")
        verbose_name_plural = _("rencana tindak lanjut SKM")
        ordering = ["target_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="survey_follow_up_period_order"
            ),
            models.CheckConstraint(
                condition=Q(element="") | Q(element__in=Element.values), name="survey_follow_up_element_known"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "period_start"], name="survey_follow_up_period_idx")]

    def __str__(self) -> str:
        return self.action[:60]
