"""Building blocks of the Open311 tests: an office with services, a client key, and complaints in
several states moved through the real services."""

from __future__ import annotations

from lontar.complaints.models import ComplaintCategory, ComplaintChannel
from lontar.complaints.open311 import services as open311
from lontar.complaints.services import complaints as services
from lontar.core.models import Role
from lontar.core.tests.factories import UnitFactory, member

DESCRIPTION = "Lampu jalan di depan Balai Warga mati sejak sepekan, gelap dan rawan."


def category(office, *, code="lampu", name="Penerangan jalan", unit_name="Seksi Trantib", **kwargs):
    unit = UnitFactory(organisation=office, name=unit_name)
    return ComplaintCategory.objects.create(
        organisation=office,
        code=code,
        name=name,
        unit=unit,
        description=kwargs.pop("description", f"Laporan tentang {name.lower()}."),
        keywords=kwargs.pop("keywords", "lampu,jalan,gelap"),
        **kwargs,
    )


def admin_of(office):
    return member(office, Role.ORG_ADMIN, full_name=f"Admin {office.name}")


def client_key(office, name="Aplikasi Lapor Kota", actor=None):
    new = open311.create_client(actor=actor or admin_of(office), organisation=office, name=name)
    return new.client, new.key


def filed(office, cat, *, description=DESCRIPTION, **kwargs):
    values = {
        "organisation": office,
        "channel": ComplaintChannel.PORTAL,
        "category": cat,
        "description": description,
        "address": "Jl. Melati No. 3",
        "latitude": "-6.914744",
        "longitude": "107.609810",
        "reporter": {"name": "Siti Pelapor", "phone": "081234567890", "email": "siti@example.com"},
        **kwargs,
    }
    return services.file_complaint(**values).complaint


def resolved(
    complaint,
    actor,
    *,
    response="Lampu sudah diganti oleh petugas.",
    summary="Laporan sudah ditangani.",
    publish=True,
):
    services.verify(complaint=complaint, actor=actor)
    services.forward(complaint=complaint, actor=actor)
    services.start_follow_up(complaint=complaint, actor=actor)
    services.resolve(
        complaint=complaint, actor=actor, response=response, public_summary=summary, publish=publish
    )
    complaint.refresh_from_db()
    return complaint
