"""Staff screens of the survey (/survei/kelola/): the responses with filters, one response, the
questionnaire settings, and the counter kiosks. Thin: parse with a form, call a selector or a
service, render; a refused input re-renders the form as typed with the reason in Bahasa Indonesia."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lontar.core.permissions import organisation_ids_with
from lontar.surveys.forms.staff import QuestionnaireForm, ResponseFilterForm
from lontar.surveys.forms.survey import KioskActivateForm, KioskSurveyForm
from lontar.surveys.permissions import CONFIGURE_SURVEY, RUN_KIOSK, VIEW_SURVEY
from lontar.surveys.selectors import responses as response_selectors
from lontar.surveys.selectors import staff as selectors
from lontar.surveys.services import kiosks as kiosk_services
from lontar.surveys.services.questionnaires import active_questionnaire, save_questionnaire, standard_settings
from lontar.surveys.services.responses import COUNTER, submit_response
from lontar.surveys.views.public import KIOSK_COOKIE, KIOSK_SALT

PAGE_SIZE = 50
KIOSK_COOKIE_AGE = 365 * 24 * 3600


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _require_any(user, action: str) -> None:
    if not organisation_ids_with(user, action):
        raise PermissionDenied(action)


@login_required
@require_GET
def response_list(request):
    _require_any(request.user, VIEW_SURVEY)
    services = list(selectors.services_of(request.user))
    form = ResponseFilterForm(request.GET or None, services=services)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "service": data["layanan"],
            "start": data["dari"],
            "end": data["sampai"],
            "channel": data["kanal"],
        }
    responses = response_selectors.responses_in(request.user, **filters)
    page = Paginator(selectors.response_list(responses), PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "surveys/staff/responses.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "may_configure": bool(organisation_ids_with(request.user, CONFIGURE_SURVEY)),
            "may_run_kiosk": bool(organisation_ids_with(request.user, RUN_KIOSK)),
        },
    )


@login_required
@require_GET
def response_detail(request, pk: int):
    response = selectors.response_detail(request.user, pk)
    return render(
        request,
        "surveys/staff/response_detail.html",
        {"response": response, "answers": selectors.answered_questions(response)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request):
    _require_any(request.user, VIEW_SURVEY)
    office = selectors.office_from(request.user, VIEW_SURVEY, request.GET.get("kantor"))
    may_configure = selectors.may_configure(request.user, office)
    current = selectors.active_questionnaire_of(office)
    if request.method == "POST":
        if not may_configure:
            raise PermissionDenied(CONFIGURE_SURVEY)
        if current is None:
            current = active_questionnaire(office, actor=request.user)
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            try:
                saved = save_questionnaire(actor=request.user, questionnaire=current, **form.settings())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if saved.pk != current.pk:
                    messages.success(
                        request,
                        _("Kuesioner sudah pernah diisi, jadi disimpan sebagai versi baru (versi %(v)s).")
                        % {"v": saved.version},
                    )
                else:
                    messages.success(request, _("Pengaturan kuesioner disimpan."))
                return redirect(f"{reverse('surveys:questionnaire')}?kantor={office.pk}")
    else:
        questions = selectors.questions_of(current) if current is not None else standard_settings()
        form = QuestionnaireForm(questionnaire=current, questions=questions)
    return render(
        request,
        "surveys/staff/questionnaire.html",
        {
            "office": office,
            "offices": selectors.offices_with(request.user, VIEW_SURVEY),
            "questionnaire": current,
            "questions": selectors.questions_of(current) if current is not None else [],
            "versions": selectors.questionnaire_versions(request.user, office) if office else [],
            "form": form,
            "may_configure": may_configure,
            "may_run_kiosk": bool(organisation_ids_with(request.user, RUN_KIOSK)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def kiosks(request):
    _require_any(request.user, RUN_KIOSK)
    office = selectors.office_from(
        request.user, RUN_KIOSK, request.POST.get("kantor") or request.GET.get("kantor")
    )
    services = list(selectors.services_of(request.user, RUN_KIOSK, office))
    form = KioskActivateForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        try:
            _kiosk, token = kiosk_services.activate_kiosk(
                actor=request.user,
                organisation=office,
                name=form.cleaned_data["nama"],
                service=form.service(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            response = redirect("surveys:kiosk")
            response.set_signed_cookie(
                KIOSK_COOKIE,
                token,
                salt=KIOSK_SALT,
                max_age=KIOSK_COOKIE_AGE,
                httponly=True,
                secure=settings.SESSION_COOKIE_SECURE,
                samesite="Lax",
            )
            return response
    return render(
        request,
        "surveys/staff/kiosks.html",
        {
            "office": office,
            "offices": selectors.offices_with(request.user, RUN_KIOSK),
            "kiosks": selectors.kiosks(request.user, office),
            "form": form,
        },
    )


@login_required
@require_POST
def kiosk_deactivate(request, pk: int):
    kiosk = selectors.kiosk_to_manage(request.user, pk)
    kiosk_services.deactivate_kiosk(actor=request.user, kiosk=kiosk)
    messages.success(request, _("Kios %(nama)s dinonaktifkan.") % {"nama": kiosk.name})
    return redirect(f"{reverse('surveys:kiosks')}?kantor={kiosk.organisation_id}")


@login_required
@require_http_methods(["GET", "POST"])
def record_at_counter(request):
    """A visitor's answers on paper (or read out at the counter), typed in by the front desk."""
    _require_any(request.user, RUN_KIOSK)
    office = selectors.office_from(
        request.user, RUN_KIOSK, request.POST.get("kantor") or request.GET.get("kantor")
    )
    questionnaire = active_questionnaire(office, actor=request.user)
    questions = selectors.questions_of(questionnaire)
    services = list(selectors.services_of(request.user, RUN_KIOSK, office))
    form = KioskSurveyForm(request.POST or None, questions=questions, services=services)
    if request.method == "POST" and form.is_valid():
        try:
            submit_response(
                questionnaire=questionnaire, channel=COUNTER, actor=request.user, **form.answers()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Isian survei dicatat. Terima kasih."))
            return redirect(f"{reverse('surveys:record')}?kantor={office.pk}")
    return render(
        request,
        "surveys/staff/record.html",
        {
            "office": office,
            "offices": selectors.offices_with(request.user, RUN_KIOSK),
            "form": form,
            "questionnaire": questionnaire,
        },
    )
