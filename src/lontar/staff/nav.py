"""Navigation entries, dashboard work, audit labels, the staff-list import and the audience of
personnel documents (imported by StaffConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.files.audience import Audience, register_owner_audience
from lontar.core.imports.registry import register_importer
from lontar.core.navigation import (
    NavItem,
    PendingWork,
    register_nav,
    register_nav_group,
    register_pending_work,
)
from lontar.core.permissions import organisation_ids_with
from lontar.core.workdays.calendar import organisation_today
from lontar.staff.importers import staff_list_importer
from lontar.staff.models import EmployeeDocument
from lontar.staff.permissions import MANAGE_PERSONNEL, VIEW_PERSONNEL
from lontar.staff.selectors.personnel import expiring_documents, offices

# One header menu for the staff module and its sub-apps (leave, attendance, travel, agenda).
register_nav_group("staff", gettext_lazy("Kepegawaian"))
register_nav(
    NavItem(
        "personnel",
        gettext_lazy("Berkas pegawai"),
        "staff:staff_list",
        VIEW_PERSONNEL,
        order=60,
        description=gettext_lazy("Data pegawai, riwayat pangkat dan jabatan, DUK, dan formasi."),
        group="staff",
    )
)
register_nav(
    NavItem(
        "my_personnel_file",
        gettext_lazy("Data saya"),
        "staff:my_file",
        None,
        order=990,
        description=gettext_lazy(
            "Data kepegawaian Anda: pangkat, KGB, jabatan, pendidikan, keluarga, dokumen."
        ),
        group="staff",
    )
)

register_importer(staff_list_importer)

# A personnel document's scan is personal data: through the platform's download and search it reaches
# only the person; readers of personnel files open it through the file's own audited download.
register_owner_audience(
    EmployeeDocument,
    lambda document: Audience(True, (document.staff.user_id,) if document.staff.user_id else ()),
)

audit.register_action_labels(
    gettext_lazy("Kepegawaian"),
    {
        "staff.employee.create": gettext_lazy("Data pokok pegawai diisi"),
        "staff.employee.update": gettext_lazy("Data pokok pegawai diubah"),
        "staff.employee.import": gettext_lazy("Pegawai diimpor dari daftar pegawai"),
        "staff.rank_sync": gettext_lazy("Pangkat pegawai mengikuti riwayat pangkat terakhir"),
        "staff.position_sync": gettext_lazy("Jabatan pegawai mengikuti riwayat jabatan terakhir"),
        "staff.document.download": gettext_lazy("Dokumen kepegawaian diunduh"),
        "staff.duk.export": gettext_lazy("DUK diekspor"),
        "staff.formation.export": gettext_lazy("Laporan formasi diekspor"),
        "staff.formation.create": gettext_lazy("Formasi jabatan ditambahkan"),
        "staff.formation.update": gettext_lazy("Formasi jabatan diubah"),
        "staff.formation.delete": gettext_lazy("Formasi jabatan dihapus"),
        "staff.pangkat.create": gettext_lazy("Riwayat pangkat ditambahkan"),
        "staff.pangkat.update": gettext_lazy("Riwayat pangkat diubah"),
        "staff.pangkat.delete": gettext_lazy("Riwayat pangkat dihapus"),
        "staff.kgb.create": gettext_lazy("KGB ditambahkan"),
        "staff.kgb.update": gettext_lazy("KGB diubah"),
        "staff.kgb.delete": gettext_lazy("KGB dihapus"),
        "staff.jabatan.create": gettext_lazy("Riwayat jabatan ditambahkan"),
        "staff.jabatan.update": gettext_lazy("Riwayat jabatan diubah"),
        "staff.jabatan.delete": gettext_lazy("Riwayat jabatan dihapus"),
        "staff.pendidikan.create": gettext_lazy("Riwayat pendidikan ditambahkan"),
        "staff.pendidikan.update": gettext_lazy("Riwayat pendidikan diubah"),
        "staff.pendidikan.delete": gettext_lazy("Riwayat pendidikan dihapus"),
        "staff.keluarga.create": gettext_lazy("Anggota keluarga ditambahkan"),
        "staff.keluarga.update": gettext_lazy("Anggota keluarga diubah"),
        "staff.keluarga.delete": gettext_lazy("Anggota keluarga dihapus"),
        "staff.dokumen.create": gettext_lazy("Dokumen kepegawaian ditambahkan"),
        "staff.dokumen.update": gettext_lazy("Dokumen kepegawaian diubah"),
        "staff.dokumen.delete": gettext_lazy("Dokumen kepegawaian dihapus"),
    },
)


def personnel_work(user) -> list[PendingWork]:
    """Personnel documents (contracts, certificates) lapsing within 90 days, for those who keep files."""
    if not organisation_ids_with(user, MANAGE_PERSONNEL):
        return []
    own = offices(user, MANAGE_PERSONNEL)
    count = expiring_documents(user, organisation_today(own[0])).count() if own else 0
    if not count:
        return []
    return [
        PendingWork(
            _("Dokumen kepegawaian segera habis masa berlakunya"),
            count,
            reverse("staff:staff_list") + "?dokumen=segera",
            "warning",
            _("Perjanjian kerja PPPK, sertifikat, dan izin yang berakhir dalam 90 hari."),
        )
    ]


register_pending_work(personnel_work)
