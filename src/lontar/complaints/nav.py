"""Navigation entries, dashboard work and audit labels of complaints (imported by ComplaintsConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.complaints.permissions import MANAGE_CATEGORIES, VIEW_COMPLAINT
from lontar.complaints.selectors import complaints as selectors
from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import organisation_ids_with

register_nav(
    NavItem(
        "complaints",
        gettext_lazy("Pengaduan"),
        "complaints:office_inbox",
        VIEW_COMPLAINT,
        order=35,
        description=gettext_lazy("Pengaduan, saran, dan pertanyaan warga: verifikasi, teruskan, tanggapi."),
    )
)
register_nav(
    NavItem(
        "complaint_categories",
        gettext_lazy("Kategori pengaduan"),
        "complaints:category_list",
        MANAGE_CATEGORIES,
        order=925,
        description=gettext_lazy("Kategori pengaduan dan unit penanggung jawabnya."),
        group="settings",
    )
)

audit.register_action_labels(
    gettext_lazy("Pengaduan"),
    {
        "complaints.complaint.create": gettext_lazy("Pengaduan diterima"),
        "complaints.complaint.attach": gettext_lazy("Lampiran pengaduan diunggah"),
        "complaints.complaint.route": gettext_lazy("Unit tujuan pengaduan diubah"),
        "complaints.complaint.assign": gettext_lazy("Petugas pengaduan ditetapkan"),
        "complaints.complaint.respond": gettext_lazy("Tanggapan kepada pelapor"),
        "complaints.complaint.note": gettext_lazy("Catatan internal pengaduan"),
        "complaints.complaint.reply": gettext_lazy("Balasan pelapor"),
        "complaints.complaint.publication": gettext_lazy("Ringkasan publik pengaduan diubah"),
        "complaints.complaint.rate": gettext_lazy("Pelapor menilai tanggapan"),
        "complaints.complaint.escalate": gettext_lazy("Pengaduan dieskalasi kepada pimpinan"),
        "complaints.complaint.decide_escalation": gettext_lazy("Arahan pimpinan atas eskalasi"),
        "complaints.complaint.remind": gettext_lazy("Pengingat tenggat pengaduan dikirim"),
        "complaints.complaint.export": gettext_lazy("Daftar pengaduan diekspor"),
        "complaints.category.create": gettext_lazy("Kategori pengaduan dibuat"),
        "complaints.category.update": gettext_lazy("Kategori pengaduan diubah"),
    },
)


def complaint_work(user) -> list[PendingWork]:
    """Complaints to verify and forward, assigned to this user, overdue, escalated to the head."""
    if not organisation_ids_with(user, VIEW_COMPLAINT):
        return []
    counts = selectors.counts_for_dashboard(user)
    inbox = reverse("complaints:office_inbox")
    items = []
    if counts["to_verify"]:
        items.append(
            PendingWork(
                _("Pengaduan menunggu verifikasi/diteruskan"),
                counts["to_verify"],
                f"{inbox}?status=diterima",
                "warning",
                _("SP4N-LAPOR!: verifikasi dan teruskan dalam 3 hari kerja."),
            )
        )
    if counts["mine"]:
        items.append(PendingWork(_("Pengaduan yang Anda tangani"), counts["mine"], f"{inbox}?saya=on"))
    if counts["overdue"]:
        items.append(
            PendingWork(_("Pengaduan terlambat"), counts["overdue"], f"{inbox}?terlambat=on", "danger")
        )
    if counts["escalated"]:
        items.append(
            PendingWork(
                _("Pengaduan dieskalasi kepada pimpinan"),
                counts["escalated"],
                f"{inbox}?eskalasi=on",
                "danger",
            )
        )
    return items


register_pending_work(complaint_work)
