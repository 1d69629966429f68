"""Navigation entry, dashboard work and audit labels of planning (imported by PlanningConfig.ready)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lontar.core import audit
from lontar.core.navigation import NavItem, PendingWork, register_nav, register_pending_work
from lontar.core.permissions import authorize, organisation_ids_with
from lontar.planning import figures as fig
from lontar.planning.permissions import DECIDE, VIEW_PLANNING
from lontar.planning.selectors import planning as selectors

register_nav(
    NavItem(
        "planning",
        gettext_lazy("Perencanaan"),
        "planning:dashboard",
        VIEW_PLANNING,
        order=60,
        description=gettext_lazy("Program, kegiatan, sub kegiatan: pagu, rencana, realisasi, dan laporan."),
    )
)

audit.register_action_labels(
    gettext_lazy("Perencanaan program"),
    {
        "planning.year.create": gettext_lazy("Rencana tahunan dibuat"),
        "planning.year.thresholds": gettext_lazy("Batas peringatan deviasi diubah"),
        "planning.program.create": gettext_lazy("Program ditambahkan"),
        "planning.program.update": gettext_lazy("Program diubah"),
        "planning.activity.create": gettext_lazy("Kegiatan ditambahkan"),
        "planning.activity.update": gettext_lazy("Kegiatan diubah"),
        "planning.sub_activity.create": gettext_lazy("Sub kegiatan ditambahkan"),
        "planning.sub_activity.update": gettext_lazy("Sub kegiatan diubah"),
        "planning.sub_activity.revise_budget": gettext_lazy("Pagu sub kegiatan direvisi"),
        "planning.sub_activity.plan": gettext_lazy("Rencana bulanan sub kegiatan diubah"),
        "planning.indicator.create": gettext_lazy("Indikator kinerja ditambahkan"),
        "planning.indicator.update": gettext_lazy("Indikator kinerja diubah"),
        "planning.indicator.achievement": gettext_lazy("Capaian indikator dicatat"),
        "planning.realisation.create": gettext_lazy("Realisasi bulanan dicatat"),
        "planning.realisation.update": gettext_lazy("Realisasi bulanan dikoreksi"),
        "planning.month.lock": gettext_lazy("Bulan realisasi dikunci"),
        "planning.month.unlock": gettext_lazy("Kunci bulan realisasi dibuka"),
        "planning.report.export": gettext_lazy("Laporan realisasi diekspor"),
    },
)


def planning_work(user) -> list[PendingWork]:
    """The responsible person's lagging sub-activities and months to fill; the head's red warnings."""
    if not organisation_ids_with(user, VIEW_PLANNING):
        return []
    items = []
    dashboard = reverse("planning:dashboard")
    for plan_year in selectors.current_years(user):
        report = selectors.year_report(plan_year)
        mine = [n for n in report.sub_activities() if n.obj.responsible_id == user.pk]
        lagging_mine = [n for n in mine if n.severity != fig.OK]
        if lagging_mine:
            items.append(
                PendingWork(
                    _("Sub kegiatan Anda tertinggal dari rencana"),
                    len(lagging_mine),
                    reverse("planning:mine"),
                    "danger" if any(n.severity == fig.RED for n in lagging_mine) else "warning",
                    _("Realisasi s.d. %(period)s di bawah rencana.") % {"period": report.period_label},
                )
            )
        filled = selectors.filled_months(plan_year, user)
        missing = [n for n in mine if report.last_month not in filled.get(n.obj.pk, set())]
        if missing:
            items.append(
                PendingWork(
                    _("Realisasi bulan lalu belum diisi"),
                    len(missing),
                    reverse("planning:mine"),
                    "warning",
                    _("%(period)s.") % {"period": report.period_label},
                )
            )
        if authorize(user, DECIDE, plan_year):
            red = [n for n in report.sub_activities() if n.severity == fig.RED]
            if red:
                items.append(
                    PendingWork(
                        _("Sub kegiatan dengan deviasi merah"),
                        len(red),
                        f"{dashboard}?tahun={plan_year.pk}",
                        "danger",
                        _("%(office)s, s.d. %(period)s.")
                        % {"office": plan_year.organisation.name, "period": report.period_label},
                    )
                )
    return items


register_pending_work(planning_work)
