"""Each office's SKM questionnaire, versioned.

A questionnaire that has responses is never edited in place: a change makes a new version (copying
its questions) and every response keeps pointing to the version it answered. One version per office is
active (the one the public forms show), enforced by a partial unique constraint."""

from __future__ import annotations

from fractions import Fraction

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned
from lontar.surveys.models.elements import Element


class WeightConvention(models.TextChoices):
    """How the office writes the weight of each element (REFERENCE §5); reports state which one."""

    EXACT = "1/9", _("1/9 (tepat)")
    THREE_DECIMALS = "0.111", _("0,111")
    TWO_DECIMALS = "0.11", _("0,11")


WEIGHTS = {
    WeightConvention.EXACT: Fraction(1, 9),
    WeightConvention.THREE_DECIMALS: Fraction(111, 1000),
    WeightConvention.TWO_DECIMALS: Fraction(11, 100),
}


class Questionnaire(TenantOwned):
    title = models.CharField(_("judul"), max_length=200, default=_("Survei Kepuasan Masyarakat"))
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    introduction = models.TextField(
        _("pengantar"),
        blank=True,
        help_text=_("Ditampilkan di atas formulir survei."),
    )
    weight_convention = models.CharField(
        _("penulisan bobot"),
        max_length=8,
        choices=WeightConvention.choices,
        default=WeightConvention.EXACT,
        help_text=_("Bobot tiap unsur dalam perhitungan IKM; laporan menyebutkan penulisan yang dipakai."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("menggantikan versi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kuesioner SKM")
        verbose_name_plural = _("kuesioner SKM")
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="questionnaire_version_unique"),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_active=True),
                name="questionnaire_one_active_per_office",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def weight(self) -> Fraction:
        return WEIGHTS[WeightConvention(self.weight_convention)]


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("kuesioner"), on_delete=models.CASCADE, related_name="questions"
    )
    element = models.CharField(_("unsur"), max_length=2, choices=Element.choices)
    order = models.PositiveSmallIntegerField(_("urutan"))
    wording = models.TextField(_("pertanyaan"))
    label_1 = models.CharField(_("jawaban bernilai 1"), max_length=100)
    label_2 = models.CharField(_("jawaban bernilai 2"), max_length=100)
    label_3 = models.CharField(_("jawaban bernilai 3"), max_length=100)
    label_4 = models.CharField(_("jawaban bernilai 4"), max_length=100)

    class Meta:
        verbose_name = _("pertanyaan SKM")
        verbose_name_plural = _("pertanyaan SKM")
        ordering = ["questionnaire", "order", "element"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "element"], name="question_element_unique"),
            models.CheckConstraint(condition=Q(element__in=Element.values), name="question_element_known"),
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.wording[:60]}"

    @property
    def labels(self) -> tuple[str, str, str, str]:
        return (self.label_1, self.label_2, self.label_3, self.label_4)
