"""Public survey pages (/survei/): the invitation of a completed application and the counter kiosk.

Invitation: the applicant proves the application's secret once, exactly as on the tracking page
(`public_services.access`: an unknown number and a wrong secret answer the same, wrong guesses are
rate limited per client address and number, the proof is remembered in this browser's session).
Kiosk: a device activated by the front desk holds a signed, HttpOnly cookie; its forms carry a
single-use nonce (see `services/kiosks.py` for every defence). Thin views: a form parses, a service
saves, a refused input re-renders the form as typed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lontar.public_services import access
from lontar.public_services.services.applications import applicant_label
from lontar.surveys.forms.survey import KioskSurveyForm, SecretForm, SurveyForm
from lontar.surveys.selectors import public as selectors
from lontar.surveys.services import kiosks as kiosk_services
from lontar.surveys.services.questionnaires import active_questionnaire
from lontar.surveys.services.responses import INVITATION, AlreadyAnswered, submit_response

KIOSK_COOKIE = "lontar_kios"
KIOSK_SALT = "lontar.surveys.kiosk"


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- the invitation of a completed application -------------------------------------------------


def _prove(request, number: str, form=None, *, failed=False, refused=False):
    return _private(
        render(
            request,
            "surveys/portal/prove.html",
            {"number": number[:30], "form": form or SecretForm(), "failed": failed, "refused": refused},
            status=429 if refused else 200,
        )
    )


def _page(request, application, template: str, **context):
    return _private(render(request, template, {"application": application, **context}))


@require_http_methods(["GET", "POST"])
def invitation(request, number: str):
    application = access.granted_application(request, number)
    if request.method == "POST" and application is None:
        secret_form = SecretForm(request.POST)
        if not secret_form.is_valid():
            return _prove(request, number, secret_form)
        if access.tracking_refused(request, number):
            return _prove(request, number, refused=True)
        application = access.reachable_application(request, number, secret_form.cleaned_data["rahasia"])
        if application is None:
            return _prove(request, number, failed=True)
        return redirect("surveys:invitation", number=application.number)
    if application is None:
        return _prove(request, number)
    if not selectors.is_completed(application):
        return _page(request, application, "surveys/portal/not_yet.html")
    if selectors.is_answered(application):
        return _page(request, application, "surveys/portal/answered.html")
    questionnaire = active_questionnaire(application.organisation)
    questions = selectors.questions_of(questionnaire)
    if request.method == "POST" and "rahasia" in request.POST:
        # The tracking page's button (browser not granted yet) lands here once proven: show the form.
        return redirect("surveys:invitation", number=application.number)
    form = SurveyForm(request.POST if request.method == "POST" else None, questions=questions)
    if form.is_bound and form.is_valid():
        try:
            submit_response(
                questionnaire=questionnaire,
                channel=INVITATION,
                application=application,
                actor=request.user,
                actor_label=applicant_label(application),
                **form.answers(),
            )
        except AlreadyAnswered:
            return _page(request, application, "surveys/portal/answered.html")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _page(request, application, "surveys/portal/thanks.html")
    return _page(
        request,
        application,
        "surveys/portal/survey.html",
        form=form,
        questionnaire=questionnaire,
        action=request.path,
    )


# --- the counter kiosk -------------------------------------------------------------------------


def device_kiosk(request):
    token = request.get_signed_cookie(KIOSK_COOKIE, default="", salt=KIOSK_SALT)
    return selectors.kiosk_for_token(token)


def _not_a_kiosk(request):
    return _private(render(request, "surveys/portal/kiosk_off.html", status=403))


def _kiosk_page(request, kiosk, form, questionnaire, nonce: str):
    return _private(
        render(
            request,
            "surveys/portal/kiosk.html",
            {"kiosk": kiosk, "form": form, "questionnaire": questionnaire, "nonce": nonce},
        )
    )


@require_http_methods(["GET", "POST"])
def kiosk(request):
    device = device_kiosk(request)
    if device is None:
        return _not_a_kiosk(request)
    questionnaire = active_questionnaire(device.organisation)
    questions = selectors.questions_of(questionnaire)
    services = selectors.kiosk_services(device)
    if request.method == "GET":
        form = KioskSurveyForm(questions=questions, services=services)
        return _kiosk_page(request, device, form, questionnaire, kiosk_services.issue_nonce(device))
    form = KioskSurveyForm(request.POST, questions=questions, services=services)
    nonce = request.POST.get("nonce", "")[:100]
    if form.is_valid():
        try:
            kiosk_services.submit_kiosk_response(kiosk=device, nonce=nonce, answers=form.answers())
        except kiosk_services.KioskRefused as exc:
            form.add_error(None, exc)
            if exc.fresh_form:
                nonce = kiosk_services.issue_nonce(device)
            if exc.code == "inactive":
                return _not_a_kiosk(request)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("surveys:kiosk_thanks")
    return _kiosk_page(request, device, form, questionnaire, nonce)


@require_GET
def kiosk_thanks(request):
    device = device_kiosk(request)
    if device is None:
        return _not_a_kiosk(request)
    return _private(render(request, "surveys/portal/kiosk_thanks.html", {"kiosk": device}))
