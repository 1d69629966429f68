"""Filled questionnaires (SKM responses), their answers, and the kiosks that collect them at a counter.

A response belongs to the questionnaire version it answered. One application has at most one response
(a unique constraint, so a double submit or a second visit of the invitation link cannot count twice).
No personal data is collected: the respondent profile is the one the regulation's report needs (age,
sex, education, occupation)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models.organisations import TenantOwned
from lontar.surveys.models.elements import Element

MIN_AGE = 15
MAX_AGE = 100


class ResponseChannel(models.TextChoices):
    INVITATION = "undangan", _("Undangan setelah permohonan selesai")
    KIOSK = "kios", _("Kios survei di loket")
    COUNTER = "loket", _("Dibantu petugas loket")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    PRIMARY_OR_LESS = "sd", _("SD ke bawah")
    JUNIOR = "smp", _("SMP")
    SENIOR = "sma", _("SMA/SMK")
    DIPLOMA = "d1_d3", _("D1-D3")
    BACHELOR = "d4_s1", _("D4/S1")
    POSTGRADUATE = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "pns", _("PNS")
    MILITARY_POLICE = "tni_polri", _("TNI/Polri")
    PRIVATE_EMPLOYEE = "swasta", _("Pegawai swasta")
    ENTREPRENEUR = "wirausaha", _("Wirausaha")
    STUDENT = "pelajar", _("Pelajar/Mahasiswa")
    OTHER = "lainnya", _("Lainnya")


# The age brackets of the SKM report.
AGE_BRACKETS = (
    (15, 24, _("15-24 tahun")),
    (25, 34, _("25-34 tahun")),
    (35, 44, _("35-44 tahun")),
    (45, 54, _("45-54 tahun")),
    (55, 64, _("55-64 tahun")),
    (65, MAX_AGE, _("65 tahun ke atas")),
)


class Kiosk(TenantOwned):
    """A counter tablet activated by the front desk to collect responses without a sign-in. The device
    holds the token (in a signed, HttpOnly cookie); only its hash is stored."""

    name = models.CharField(_("nama kios"), max_length=100, help_text=_("Contoh: Tablet loket 1."))
    service = models.ForeignKey(
        "public_services.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kosongkan bila kios melayani semua layanan loket."),
    )
    token_hash = models.CharField(_("sidik token perangkat"), max_length=64, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    activated_at = models.DateTimeField(_("diaktifkan pada"), auto_now_add=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diaktifkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deactivated_at = models.DateTimeField(_("dinonaktifkan pada"), null=True, blank=True)
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dinonaktifkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kios survei")
        verbose_name_plural = _("kios survei")
        ordering = ["organisation", "-is_active", "name", "id"]

    def __str__(self) -> str:
        return self.name


class KioskNonce(models.Model):
    """A single-use token issued with each kiosk form (stored hashed), with the time it was issued so
    a response filled faster than a person can read nine questions is refused."""

    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="nonces")
    nonce_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token formulir kios")
        verbose_name_plural = _("token formulir kios")
        indexes = [models.Index(fields=["kiosk", "expires_at"], name="kiosk_nonce_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.kiosk_id}:{self.issued_at:%Y-%m-%d %H:%M}"


class SurveyResponse(TenantOwned):
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        verbose_name=_("versi kuesioner"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    service = models.ForeignKey(
        "public_services.Service",
        verbose_name=_("layanan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit pelayanan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("kanal"), max_length=10, choices=ResponseChannel.choices)
    application = models.ForeignKey(
        "public_services.Application",
        verbose_name=_("permohonan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kiosk = models.ForeignKey(
        Kiosk,
        verbose_name=_("kios"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )
    visit_reference = models.CharField(
        _("nomor antrean/registrasi"),
        max_length=30,
        blank=True,
        help_text=_("Nomor antrean atau nomor registrasi kunjungan (opsional)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    age = models.PositiveSmallIntegerField(
        _("umur"), validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]
    )
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    education = models.CharField(_("pendidikan"), max_length=8, choices=Education.choices)
    occupation = models.CharField(_("pekerjaan"), max_length=12, choices=Occupation.choices)
    suggestion = models.TextField(_("saran dan masukan"), blank=True)
    submitted_at = models.DateTimeField(_("diisi pada"), db_index=True)

    class Meta:
        verbose_name = _("isian SKM")
        verbose_name_plural = _("isian SKM")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["application"], name="survey_one_response_per_application"),
            models.CheckConstraint(
                condition=Q(age__gte=MIN_AGE) & Q(age__lte=MAX_AGE), name="survey_response_age_range"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "submitted_at"], name="survey_response_period_idx"),
            models.Index(fields=["service", "submitted_at"], name="survey_response_service_idx"),
        ]

    def __str__(self) -> str:
        return f"SKM #{self.pk} ({self.get_channel_display()})"


class Answer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("isian"), on_delete=models.CASCADE, related_name="answers"
    )
    element = models.CharField(_("unsur"), max_length=2, choices=Element.choices)
    score = models.PositiveSmallIntegerField(_("nilai"))

    class Meta:
        verbose_name = _("jawaban SKM")
        verbose_name_plural = _("jawaban SKM")
        ordering = ["response", "element"]
        constraints = [
            models.UniqueConstraint(fields=["response", "element"], name="answer_element_unique"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=4), name="answer_score_1_to_4"),
            models.CheckConstraint(condition=Q(element__in=Element.values), name="answer_element_known"),
        ]

    def __str__(self) -> str:
        return f"{self.element}={self.score}"
