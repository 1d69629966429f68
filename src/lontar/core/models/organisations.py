"""Organisations, units, positions, staff records, user accounts and role memberships."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lontar.core import civil_service


class OrganisationKind(models.TextChoices):
    CITY = "kota", _("Kota/Kabupaten")
    DISTRICT = "kecamatan", _("Kecamatan")
    VILLAGE = "kelurahan", _("Kelurahan/Desa")


# The tree is fixed: a kota has no parent, a kecamatan sits under a kota, a kelurahan under a kecamatan.
EXPECTED_PARENT_KIND = {
    OrganisationKind.CITY: None,
    OrganisationKind.DISTRICT: OrganisationKind.CITY,
    OrganisationKind.VILLAGE: OrganisationKind.DISTRICT,
}


class Organisation(models.Model):
    """An office in the tree kota -> kecamatan -> kelurahan. The tenant of all office data."""

    kind = models.CharField(_("jenis"), max_length=16, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/1/4/9/") so "this office and everything under it" is one
    # indexed prefix query instead of a recursive walk.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name = models.CharField(_("nama"), max_length=150)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    code = models.CharField(
        _("kode"),
        max_length=30,
        unique=True,
        help_text=_("Kode singkat kantor yang dipakai dalam penomoran, misalnya Kec.Jts."),
    )
    region_code = models.CharField(_("kode wilayah (Kemendagri)"), max_length=20, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    letterhead_government = models.CharField(
        _("baris kop: pemerintah"),
        max_length=150,
        blank=True,
        help_text=_("Contoh: PEMERINTAH KOTA SUKAMAJU"),
    )
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    timezone = models.CharField(
        _("zona waktu"),
        max_length=40,
        default="Asia/Jakarta",
        choices=[
            ("Asia/Jakarta", "WIB"),
            ("Asia/Makassar", "WITA"),
            ("Asia/Jayapura", "WIT"),
        ],
    )
    require_2fa_for_leaders = models.BooleanField(
        _("wajibkan verifikasi dua langkah untuk pimpinan dan administrator"),
        default=False,
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            Organisation.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                for child in Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.save()

    def clean(self) -> None:
        errors = {}
        expected_parent = EXPECTED_PARENT_KIND.get(self.kind)
        parent_kind = self.parent.kind if self.parent_id else None
        if self.kind in EXPECTED_PARENT_KIND and parent_kind != expected_parent:
            errors["parent"] = {
                OrganisationKind.CITY: gettext(
                    "Kota/kabupaten berada di puncak susunan dan tidak memiliki induk."
                ),
                OrganisationKind.DISTRICT: gettext("Kecamatan harus berada di bawah sebuah kota/kabupaten."),
                OrganisationKind.VILLAGE: gettext("Kelurahan/desa harus berada di bawah sebuah kecamatan."),
            }[self.kind]
        if self.code:
            clash = Organisation.objects.filter(code__iexact=self.code.strip()).exclude(pk=self.pk).first()
            if clash is not None:
                errors["code"] = gettext(
                    "Kode %(code)s sudah dipakai %(office)s. Kode kantor tidak boleh sama, "
                    "huruf besar dan kecil tidak dibedakan."
                ) % {"code": clash.code, "office": clash.name}
        if message := civil_service.phone_error(self.phone):
            errors["phone"] = message
        if errors:
            raise ValidationError(errors)

    def subtree(self):
        return Organisation.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return Organisation.objects.filter(pk__in=ids).order_by("path")


class User(AbstractUser):
    """A sign-in account. Its person, when it belongs to staff, is `self.staff`."""

    email = models.EmailField(_("surel"), blank=True)
    preferred_language = models.CharField(
        _("bahasa"),
        max_length=8,
        default="id",
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("akun pengguna")
        verbose_name_plural = _("akun pengguna")

    @property
    def display_name(self) -> str:
        staff = getattr(self, "staff", None)
        if staff is not None:
            return staff.full_name
        return self.get_full_name() or self.username


class TenantQuerySet(models.QuerySet):
    """The one place that restricts tenant-owned rows to the offices a user may see."""

    organisation_field = "organisation"

    def visible_to(self, user):
        from lontar.core.permissions import visible_organisation_ids

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self.organisation_field}__in": visible_organisation_ids(user)})

    def of_organisation(self, organisation):
        return self.filter(**{self.organisation_field: organisation})


class TenantOwned(models.Model):
    """Abstract base of every row that belongs to one office."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisasi"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class UnitKind(models.TextChoices):
    LEADERSHIP = "pimpinan", _("Pimpinan")
    SECRETARIAT = "sekretariat", _("Sekretariat")
    SUBDIVISION = "subbagian", _("Sub Bagian")
    SECTION = "seksi", _("Seksi")
    FUNCTIONAL = "fungsional", _("Kelompok Jabatan Fungsional")
    SERVICE = "pelayanan", _("Unit Pelayanan")


class Unit(TenantOwned):
    """An organisational unit inside an office (sekretariat, subbag TU, seksi ...)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=UnitKind.choices)
    name = models.CharField(_("nama"), max_length=150)
    code = models.CharField(_("kode unit"), max_length=30, help_text=_("Dipakai dalam penomoran naskah."))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unit_code_unique_per_org"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.code and self.organisation_id:
            clash = (
                Unit.objects.filter(organisation_id=self.organisation_id, code__iexact=self.code.strip())
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "code": gettext("Kode unit %(code)s sudah dipakai %(unit)s di kantor ini.")
                        % {"code": clash.code, "unit": clash.name}
                    }
                )


class Position(TenantOwned):
    """A post (jabatan) such as Camat or Kepala Seksi Pemerintahan, held by one person at a time."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("nama jabatan"), max_length=150)
    superior = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subordinates",
    )
    is_unit_head = models.BooleanField(_("kepala unit"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["organisation", "order", "title"]

    def __str__(self) -> str:
        return self.title

    def holder_on(self, day=None):
        """The assignment whose holder acts in this position on `day`, or None when nobody does.

        An acting appointment (Plh. for a short absence, Plt. for a vacancy or a long one) exists
        precisely because the definitive holder cannot act in that period, so while it runs it
        comes first: Plh. before Plt. before the definitive holder.
        """
        day = day or timezone.localdate()
        in_force = self.assignments.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day
        )
        return in_force.order_by("-kind", "-start_date").select_related("staff").first()


class Staff(TenantOwned):
    """A person working in an office (PNS, PPPK or non-ASN), optionally linked to an account."""

    class EmploymentType(models.TextChoices):
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")
        NON_ASN = "non_asn", _("Non-ASN")

    user = models.OneToOneField(
        User,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=30, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    nip = models.CharField(_("NIP/NI PPPK"), max_length=18, blank=True, db_index=True)
    employment_type = models.CharField(
        _("status kepegawaian"),
        max_length=10,
        choices=EmploymentType.choices,
        default=EmploymentType.PNS,
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=60, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["organisation", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="staff_nip_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name_with_titles

    @property
    def name_with_titles(self) -> str:
        name = f"{self.front_title} {self.full_name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nip_display(self) -> str:
        """NIP (and NI PPPK) written the usual way: `19860926 201505 1 001`."""
        return civil_service.format_nip(self.nip)

    @property
    def nip_masked(self) -> str:
        return civil_service.mask_nip(self.nip)

    @property
    def phone_masked(self) -> str:
        return civil_service.mask_phone(self.phone)

    @property
    def email_masked(self) -> str:
        return civil_service.mask_email(self.email)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        self.nip = civil_service.digits_of(self.nip)
        if problems := civil_service.nip_errors(self.nip, self.employment_type):
            errors["nip"] = problems
        elif self.nip:
            clash = (
                Staff.objects.filter(nip=self.nip).exclude(pk=self.pk).select_related("organisation").first()
            )
            if clash is not None and clash.organisation_id == self.organisation_id:
                errors["nip"] = [
                    gettext("NIP/NI PPPK ini sudah terdaftar atas nama %(name)s.") % {"name": clash.full_name}
                ]
            elif clash is not None:
                # Another office's staff are not this administrator's to see: no name here.
                errors["nip"] = [
                    gettext(
                        "NIP/NI PPPK ini sudah terdaftar di kantor lain. Pegawai yang pindah tugas "
                        "dipindahkan datanya oleh administrator kota, tidak didaftarkan ulang."
                    )
                ]
        if message := civil_service.rank_error(self.rank, self.employment_type):
            errors["rank"] = [message]
        if message := civil_service.phone_error(self.phone):
            errors["phone"] = [message]
        if errors:
            raise ValidationError(errors)


class PositionAssignment(TenantOwned):
    """Who holds a position, from when to when; Plt and Plh are acting holders."""

    class Kind(models.TextChoices):
        # Ordered so that a definitive holder sorts before acting ones.
        DEFINITIVE = "1_definitif", _("Definitif")
        PLT = "2_plt", _("Pelaksana Tugas (Plt.)")
        PLH = "3_plh", _("Pelaksana Harian (Plh.)")

    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="assignments"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.DEFINITIVE)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK/surat perintah"), max_length=100, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan jabatan")
        verbose_name_plural = _("penugasan jabatan")
        ordering = ["position", "kind", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signature_prefix}{self.position.title}: {self.staff.full_name}"

    @property
    def signature_prefix(self) -> str:
        """What precedes the title in a signature block: "Plt. ", "Plh. " or nothing."""
        return {self.Kind.PLT: "Plt. ", self.Kind.PLH: "Plh. "}.get(self.kind, "")

    @property
    def is_acting(self) -> bool:
        return self.kind != self.Kind.DEFINITIVE

    def in_force_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": gettext("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
        if self.is_acting and not self.end_date:
            raise ValidationError(
                {
                    "end_date": gettext(
                        "Penugasan Plt./Plh. harus memiliki tanggal selesai, sesuai surat perintahnya."
                    )
                }
            )


class Role(models.TextChoices):
    HEAD = "head", _("Pimpinan (Camat/Lurah)")
    SECRETARY = "secretary", _("Sekretaris")
    SECTION_HEAD = "section_head", _("Kepala Seksi/Kasubag")
    STAFF = "staff", _("Staf")
    FRONT_DESK = "front_desk", _("Petugas Front Office")
    ORG_ADMIN = "org_admin", _("Administrator Organisasi")
    AUDITOR = "auditor", _("Auditor")
    CITY_ADMIN = "city_admin", _("Administrator Kota")


class Membership(TenantOwned):
    """A user's role in one office. The role decides what the user may do there."""

    user = models.ForeignKey(
        User, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan peran")
        verbose_name_plural = _("keanggotaan peran")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"
