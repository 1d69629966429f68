"""The history sections of a personnel file, declared once: their URL slug, model, editable fields and
audit action names. Services, forms, views and templates all read this table, so a section cannot be
editable on one screen and forgotten in the audit trail of another."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lontar.staff.models import (
    Education,
    EmployeeDocument,
    FamilyMember,
    PositionHistory,
    RankHistory,
    SalaryIncrease,
)


@dataclass(frozen=True)
class Section:
    slug: str
    model: type
    fields: tuple[str, ...]
    title: str
    row_label: str

    @property
    def action(self) -> str:
        return f"staff.{self.slug}"


SECTIONS: dict[str, Section] = {
    section.slug: section
    for section in (
        Section(
            "pangkat",
            RankHistory,
            ("rank", "kind", "tmt", "decree_number", "decree_date", "service_years", "service_months"),
            _("Riwayat pangkat/golongan"),
            _("riwayat pangkat"),
        ),
        Section(
            "kgb",
            SalaryIncrease,
            ("tmt", "basic_salary", "decree_number", "decree_date"),
            _("Kenaikan gaji berkala (KGB)"),
            _("KGB"),
        ),
        Section(
            "jabatan",
            PositionHistory,
            ("title", "position_type", "unit_name", "tmt", "end_date", "decree_number"),
            _("Riwayat jabatan"),
            _("riwayat jabatan"),
        ),
        Section(
            "pendidikan",
            Education,
            ("level", "institution", "major", "graduation_year", "certificate_number"),
            _("Pendidikan"),
            _("riwayat pendidikan"),
        ),
        Section(
            "keluarga",
            FamilyMember,
            ("relation", "full_name", "birth_date", "sex", "is_dependent"),
            _("Keluarga"),
            _("anggota keluarga"),
        ),
        Section(
            "dokumen",
            EmployeeDocument,
            ("kind", "title", "number", "issued_on", "expires_on", "stored_file"),
            _("Dokumen"),
            _("dokumen"),
        ),
    )
}


def section(slug: str) -> Section:
    try:
        return SECTIONS[slug]
    except KeyError as exc:
        raise Http404(slug) from exc


def section_of(row) -> Section:
    return next(s for s in SECTIONS.values() if isinstance(row, s.model))
