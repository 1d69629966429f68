"""The planning screens under /perencanaan/. Thin: selectors read, forms parse, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.permissions import authorize
from lontar.planning import documents
from lontar.planning.forms import (
    AchievementForm,
    BudgetRevisionForm,
    IndicatorForm,
    LockForm,
    MonthlyPlanForm,
    NodeForm,
    PlanYearForm,
    RealisationForm,
    ReportFilterForm,
    SubActivityForm,
    ThresholdForm,
    UnlockForm,
)
from lontar.planning.permissions import (
    DECIDE,
    ENTER_REALISATION,
    EXPORT_REPORT,
    LOCK_MONTH,
    MANAGE_STRUCTURE,
    VIEW_PLANNING,
)
from lontar.planning.selectors import planning as selectors
from lontar.planning.services import realisation as realisation_services
from lontar.planning.services import structure as services
from lontar.planning.texts import MONTH_NAMES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(request, *, title, back_url, back_label, form, context=None, template="planning/form.html"):
    return render(
        request,
        template,
        {"title": title, "back_url": back_url, "back_label": back_label, "form": form, **(context or {})},
    )


def _year_url(plan_year) -> str:
    return reverse("planning:year_detail", args=[plan_year.pk])


# --- dashboard, years ------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    """The head's view: absorption, physical progress, lagging sub-activities, plan-vs-realisation chart."""
    years = list(selectors.plan_years(request.user))
    if not years and not selectors.offices_for(request.user).exists():
        raise PermissionDenied(VIEW_PLANNING)
    wanted = request.GET.get("tahun")
    if wanted:
        plan_year = next((y for y in years if str(y.pk) == wanted), None)
        if plan_year is None:
            raise Http404
    else:
        plan_year = selectors.default_plan_year(request.user)
    context = {"years": years, "plan_year": plan_year}
    if plan_year is not None:
        report = selectors.year_report(plan_year)
        series = selectors.monthly_series(plan_year)
        context = {
            **context,
            "report": report,
            "total": report.total,
            "lagging": report.lagging(),
            "chart": documents.series_svg(series),
            "series": series,
            "month_names": MONTH_NAMES,
        }
    context["may_create"] = any(
        authorize(request.user, MANAGE_STRUCTURE, office) for office in selectors.offices_for(request.user)
    )
    return render(request, "planning/dashboard.html", context)


@login_required
@require_GET
def mine(request):
    rows = list(selectors.my_sub_activities(request.user))
    return render(request, "planning/mine.html", {"rows": rows, "month_names": MONTH_NAMES})


@login_required
@require_http_methods(["GET", "POST"])
def year_list(request):
    offices = list(selectors.offices_for(request.user))
    if not offices:
        raise PermissionDenied(VIEW_PLANNING)
    managed = [o for o in offices if authorize(request.user, MANAGE_STRUCTURE, o)]
    form = None
    if managed:
        form = PlanYearForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            office = next((o for o in managed if str(o.pk) == request.POST.get("kantor")), managed[0])
            try:
                plan_year = services.create_plan_year(
                    actor=request.user, organisation=office, **form.cleaned_data
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Rencana tahun %(year)s dibuat.") % {"year": plan_year.year})
                return redirect(_year_url(plan_year))
    elif request.method == "POST":
        raise PermissionDenied(MANAGE_STRUCTURE)
    return render(
        request,
        "planning/years.html",
        {"years": selectors.plan_years(request.user), "form": form, "managed": managed},
    )


def _report_of(request, plan_year):
    default = selectors.reference_month(plan_year)
    form = ReportFilterForm(request.GET or None, initial={"periode": "bulan", "bulan": default})
    period, number = form.period(default)
    return form, selectors.year_report(plan_year, period=period, number=number)


@login_required
@require_GET
def year_detail(request, pk: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    form, report = _report_of(request, plan_year)
    return render(
        request,
        "planning/year.html",
        {
            "plan_year": plan_year,
            "report": report,
            "form": form,
            "may_manage": authorize(request.user, MANAGE_STRUCTURE, plan_year),
            "may_decide": authorize(request.user, DECIDE, plan_year),
            "may_lock": authorize(request.user, LOCK_MONTH, plan_year),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thresholds(request, pk: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    if not authorize(request.user, DECIDE, plan_year):
        raise PermissionDenied(DECIDE)
    form = ThresholdForm(
        request.POST or None,
        initial={"amber_threshold": plan_year.amber_threshold, "red_threshold": plan_year.red_threshold},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_thresholds(actor=request.user, plan_year=plan_year, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Batas peringatan disimpan."))
            return redirect(_year_url(plan_year))
    return _form_page(
        request,
        title=_("Batas peringatan deviasi %(year)s") % {"year": plan_year.year},
        back_url=_year_url(plan_year),
        back_label=str(plan_year.year),
        form=form,
    )


# --- structure -------------------------------------------------------------------------------------


def _node_form_view(request, *, allowed_on, create, initial, title, back_url, done_message, redirect_to):
    if not authorize(request.user, MANAGE_STRUCTURE, allowed_on):
        raise PermissionDenied(MANAGE_STRUCTURE)
    form = NodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(**form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(redirect_to(obj))
    return _form_page(request, title=title, back_url=back_url, back_label=_("Kembali"), form=form)


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request, pk: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    return _node_form_view(
        request,
        allowed_on=plan_year,
        create=lambda **data: services.create_program(actor=request.user, plan_year=plan_year, **data),
        initial={},
        title=_("Program baru %(year)s") % {"year": plan_year.year},
        back_url=_year_url(plan_year),
        done_message=_("Program ditambahkan."),
        redirect_to=lambda obj: _year_url(plan_year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, pk: int):
    program = selectors.program_of(request.user, pk)
    return _node_form_view(
        request,
        allowed_on=program,
        create=lambda **data: services.update_program(actor=request.user, program=program, **data),
        initial={"code": program.code, "name": program.name},
        title=_("Ubah program"),
        back_url=_year_url(program.plan_year),
        done_message=_("Program disimpan."),
        redirect_to=lambda obj: _year_url(program.plan_year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request, pk: int):
    program = selectors.program_of(request.user, pk)
    return _node_form_view(
        request,
        allowed_on=program,
        create=lambda **data: services.create_activity(actor=request.user, program=program, **data),
        initial={"code": program.code + "."},
        title=_("Kegiatan baru dalam %(program)s") % {"program": program.code},
        back_url=_year_url(program.plan_year),
        done_message=_("Kegiatan ditambahkan."),
        redirect_to=lambda obj: _year_url(program.plan_year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    activity = selectors.activity_of(request.user, pk)
    return _node_form_view(
        request,
        allowed_on=activity,
        create=lambda **data: services.update_activity(actor=request.user, activity=activity, **data),
        initial={"code": activity.code, "name": activity.name},
        title=_("Ubah kegiatan"),
        back_url=_year_url(activity.program.plan_year),
        done_message=_("Kegiatan disimpan."),
        redirect_to=lambda obj: _year_url(activity.program.plan_year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sub_create(request, pk: int):
    activity = selectors.activity_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, activity):
        raise PermissionDenied(MANAGE_STRUCTURE)
    people, units = selectors.people_and_units(activity.organisation)
    form = SubActivityForm(
        request.POST or None, people=people, units=units, initial={"code": activity.code + "."}
    )
    if request.method == "POST" and form.is_valid():
        try:
            sub = services.create_sub_activity(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Sub kegiatan ditambahkan. Isi rencana bulanannya."))
            return redirect("planning:sub_plan", sub.pk)
    return _form_page(
        request,
        title=_("Sub kegiatan baru dalam %(activity)s") % {"activity": activity.code},
        back_url=_year_url(activity.program.plan_year),
        back_label=_("Kembali"),
        form=form,
    )


@login_required
@require_GET
def sub_detail(request, pk: int):
    sub = selectors.sub_activity_of(request.user, pk)
    plan_year = sub.activity.program.plan_year
    plans = selectors.plans_of(sub)
    reals = selectors.realisations_of(sub)
    locks = selectors.locked_months(plan_year)
    last_open = realisation_services.last_open_month(plan_year)
    may_enter = authorize(request.user, ENTER_REALISATION, sub)
    report = selectors.year_report(plan_year)
    node = next((n for n in report.sub_activities() if n.obj.pk == sub.pk), None)
    months = []
    cumulative_plan = cumulative_real = 0
    for month, name in MONTH_NAMES.items():
        plan, real = plans.get(month), reals.get(month)
        cumulative_plan += plan.amount if plan else 0
        cumulative_real += real.amount if real else 0
        months.append(
            {
                "month": month,
                "name": name,
                "plan": plan,
                "real": real,
                "cumulative_plan": cumulative_plan,
                "cumulative_real": cumulative_real if month <= last_open else None,
                "locked": month in locks,
                "may_enter": may_enter and month <= last_open and month not in locks,
                "evidence": list(selectors.evidence_of(real)) if real else [],
            }
        )
    return render(
        request,
        "planning/sub.html",
        {
            "sub": sub,
            "plan_year": plan_year,
            "node": node,
            "report": report,
            "months": months,
            "versions": selectors.budget_versions(sub),
            "indicators": selectors.indicators_of(sub),
            "planned_total": sum(p.amount for p in plans.values()),
            "may_manage": authorize(request.user, MANAGE_STRUCTURE, sub),
            "chart": documents.series_svg(selectors.monthly_series(plan_year, sub)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sub_edit(request, pk: int):
    sub = selectors.sub_activity_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, sub):
        raise PermissionDenied(MANAGE_STRUCTURE)
    people, units = selectors.people_and_units(sub.organisation)
    form = SubActivityForm(
        request.POST or None,
        people=people,
        units=units,
        editing=True,
        initial={
            "code": sub.code,
            "name": sub.name,
            "responsible": sub.responsible_id,
            "unit": sub.unit_id,
            "location": sub.location,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_sub_activity(actor=request.user, sub_activity=sub, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Sub kegiatan disimpan."))
            return redirect("planning:sub_detail", sub.pk)
    return _form_page(
        request,
        title=_("Ubah sub kegiatan"),
        back_url=reverse("planning:sub_detail", args=[sub.pk]),
        back_label=sub.code,
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sub_budget(request, pk: int):
    sub = selectors.sub_activity_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, sub):
        raise PermissionDenied(MANAGE_STRUCTURE)
    form = BudgetRevisionForm(request.POST or None, initial={"amount": sub.pagu})
    if request.method == "POST" and form.is_valid():
        try:
            services.revise_budget(actor=request.user, sub_activity=sub, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Versi pagu baru dicatat."))
            return redirect("planning:sub_detail", sub.pk)
    return _form_page(
        request,
        title=_("Revisi pagu %(code)s") % {"code": sub.code},
        back_url=reverse("planning:sub_detail", args=[sub.pk]),
        back_label=sub.code,
        form=form,
        context={"versions": selectors.budget_versions(sub)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sub_plan(request, pk: int):
    sub = selectors.sub_activity_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, sub):
        raise PermissionDenied(MANAGE_STRUCTURE)
    plans = selectors.plans_of(sub)
    initial = {}
    for month in MONTH_NAMES:
        plan = plans.get(month)
        initial[f"amount_{month}"] = plan.amount if plan else 0
        initial[f"target_{month}"] = plan.physical_target if plan else 0
    form = MonthlyPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_monthly_plan(actor=request.user, sub_activity=sub, rows=form.rows())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rencana bulanan disimpan."))
            return redirect("planning:sub_detail", sub.pk)
    return render(request, "planning/plan_form.html", {"sub": sub, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def realisation_entry(request, pk: int, month: int):
    sub = selectors.sub_activity_of(request.user, pk)
    month = selectors.require_month(month)
    if not authorize(request.user, ENTER_REALISATION, sub):
        raise PermissionDenied(ENTER_REALISATION)
    plan_year = sub.activity.program.plan_year
    current = selectors.realisations_of(sub).get(month)
    indicators = selectors.indicators_of(sub)
    achieved = selectors.achievements_of([i.pk for i in indicators])
    initial = {f"indicator_{i.pk}": achieved.get((i.pk, month)) for i in indicators}
    if current is not None:
        initial = {
            **initial,
            "amount": current.amount,
            "physical_progress": current.physical_progress,
            "notes": current.notes,
            "correction_reason": current.correction_reason,
        }
    form = RealisationForm(
        request.POST or None, request.FILES or None, indicators=indicators, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            realisation_services.record_realisation(
                actor=request.user,
                sub_activity=sub,
                month=month,
                amount=data["amount"],
                physical_progress=data["physical_progress"],
                notes=data["notes"],
                correction_reason=data["correction_reason"],
                achievements=form.achievements(),
                files=data["evidence"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Realisasi %(month)s disimpan.") % {"month": MONTH_NAMES[month]})
            return redirect("planning:sub_detail", sub.pk)
    return render(
        request,
        "planning/realisation_form.html",
        {
            "sub": sub,
            "plan_year": plan_year,
            "month": month,
            "month_name": MONTH_NAMES[month],
            "form": form,
            "plan": selectors.plans_of(sub).get(month),
            "locked": month in selectors.locked_months(plan_year),
            "evidence": list(selectors.evidence_of(current)) if current else [],
        },
    )


# --- indicators ------------------------------------------------------------------------------------


def _indicator_owner(request, level: str, pk: int):
    if level == "program":
        owner = selectors.program_of(request.user, pk)
        return owner, owner.plan_year
    if level == "kegiatan":
        owner = selectors.activity_of(request.user, pk)
        return owner, owner.program.plan_year
    if level == "sub_kegiatan":
        owner = selectors.sub_activity_of(request.user, pk)
        return owner, owner.activity.program.plan_year
    raise Http404


def _back_of(owner, plan_year) -> str:
    if hasattr(owner, "pagu"):
        return reverse("planning:sub_detail", args=[owner.pk])
    return _year_url(plan_year)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, level: str, pk: int):
    owner, plan_year = _indicator_owner(request, level, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, owner):
        raise PermissionDenied(MANAGE_STRUCTURE)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_indicator(actor=request.user, owner=owner, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Indikator ditambahkan."))
            return redirect(_back_of(owner, plan_year))
    return _form_page(
        request,
        title=_("Indikator baru: %(code)s %(name)s") % {"code": owner.code, "name": owner.name},
        back_url=_back_of(owner, plan_year),
        back_label=_("Kembali"),
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk: int):
    indicator = selectors.indicator_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, indicator):
        raise PermissionDenied(MANAGE_STRUCTURE)
    owner = indicator.program or indicator.activity or indicator.sub_activity
    plan_year = selectors.plan_year_for(indicator)
    form = IndicatorForm(
        request.POST or None,
        initial={"name": indicator.name, "unit": indicator.unit, "target": indicator.target},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_indicator(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Indikator disimpan."))
            return redirect(_back_of(owner, plan_year))
    return _form_page(
        request,
        title=_("Ubah indikator"),
        back_url=_back_of(owner, plan_year),
        back_label=_("Kembali"),
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_achievement(request, pk: int):
    indicator = selectors.indicator_of(request.user, pk)
    if not authorize(request.user, MANAGE_STRUCTURE, indicator):
        raise PermissionDenied(MANAGE_STRUCTURE)
    plan_year = selectors.plan_year_for(indicator)
    owner = indicator.program or indicator.activity or indicator.sub_activity
    form = AchievementForm(request.POST or None, initial={"month": selectors.reference_month(plan_year)})
    if request.method == "POST" and form.is_valid():
        try:
            realisation_services.record_indicator_achievement(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Capaian indikator dicatat."))
            return redirect(_back_of(owner, plan_year))
    return _form_page(
        request,
        title=_("Capaian: %(name)s (target %(target)s %(unit)s)")
        % {"name": indicator.name, "target": indicator.target, "unit": indicator.unit},
        back_url=_back_of(owner, plan_year),
        back_label=_("Kembali"),
        form=form,
    )


# --- month locks -----------------------------------------------------------------------------------


@login_required
@require_GET
def months(request, pk: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    locks = selectors.month_locks(plan_year)
    last_open = realisation_services.last_open_month(plan_year)
    rows = [
        {"month": m, "name": name, "lock": locks.get(m), "open": m <= last_open}
        for m, name in MONTH_NAMES.items()
    ]
    return render(
        request,
        "planning/months.html",
        {
            "plan_year": plan_year,
            "rows": rows,
            "may_lock": authorize(request.user, LOCK_MONTH, plan_year),
            "lock_form": LockForm(),
            "unlock_form": UnlockForm(),
        },
    )


@login_required
@require_POST
def month_lock(request, pk: int, month: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    month = selectors.require_month(month)
    if not authorize(request.user, LOCK_MONTH, plan_year):
        raise PermissionDenied(LOCK_MONTH)
    form = LockForm(request.POST)
    try:
        note = form.cleaned_data["note"] if form.is_valid() else ""
        realisation_services.lock_month(actor=request.user, plan_year=plan_year, month=month, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Bulan %(month)s dikunci.") % {"month": MONTH_NAMES[month]})
    return redirect("planning:months", plan_year.pk)


@login_required
@require_POST
def month_unlock(request, pk: int, month: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    month = selectors.require_month(month)
    if not authorize(request.user, LOCK_MONTH, plan_year):
        raise PermissionDenied(LOCK_MONTH)
    form = UnlockForm(request.POST)
    try:
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        realisation_services.unlock_month(actor=request.user, plan_year=plan_year, month=month, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kunci bulan %(month)s dibuka.") % {"month": MONTH_NAMES[month]})
    return redirect("planning:months", plan_year.pk)


# --- reports ---------------------------------------------------------------------------------------


@login_required
@require_GET
def report(request, pk: int):
    plan_year = selectors.plan_year_of(request.user, pk)
    form, report_ = _report_of(request, plan_year)
    return render(
        request,
        "planning/report.html",
        {
            "plan_year": plan_year,
            "report": report_,
            "form": form,
            "query": request.GET.urlencode(),
            "may_export": authorize(request.user, EXPORT_REPORT, plan_year),
        },
    )


def _download(request, pk: int, file_format: str):
    plan_year = selectors.plan_year_of(request.user, pk)
    if not authorize(request.user, EXPORT_REPORT, plan_year):
        raise PermissionDenied(EXPORT_REPORT)
    _form, report_ = _report_of(request, plan_year)
    realisation_services.record_report_export(
        actor=request.user,
        plan_year=plan_year,
        period=report_.period,
        number=report_.number,
        file_format=file_format,
    )
    if file_format == "pdf":
        body, content_type = documents.report_pdf(report_), "application/pdf"
    else:
        body, content_type = documents.report_xlsx(report_), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.report_filename(report_, file_format)}"'
    )
    return response


@login_required
@require_GET
def report_pdf(request, pk: int):
    return _download(request, pk, "pdf")


@login_required
@require_GET
def report_xlsx(request, pk: int):
    return _download(request, pk, "xlsx")
