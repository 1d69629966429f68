from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lontar.core.background import MANAGE_BACKGROUND_JOBS, queue_overview
from lontar.core.notifications import selectors, services
from lontar.core.notifications.forms import PreferenceForm
from lontar.core.notifications.tasks import MAX_ATTEMPTS, retry_delay
from lontar.core.permissions import require


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(request.user), 30).get_page(request.GET.get("halaman"))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def open_notification(request, pk: int):
    notification = selectors.inbox(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.mark_read(user=request.user, notification_id=pk)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:notifications")


@login_required
@require_POST
def read_all(request):
    services.mark_all_read(user=request.user)
    return redirect("core:notifications")


@login_required
def background_jobs(request):
    """Administrators' view of the task queue and of outside notification deliveries."""
    require(request.user, MANAGE_BACKGROUND_JOBS)
    delivery_counts, delivery_failures = selectors.delivery_overview()
    return render(
        request,
        "core/notifications/background_jobs.html",
        {
            "queue": queue_overview(),
            "delivery_counts": delivery_counts,
            "delivery_failures": delivery_failures,
            "max_attempts": MAX_ATTEMPTS,
            "retry_waits": ", ".join(
                str(int(retry_delay(n).total_seconds() // 60)) for n in range(1, MAX_ATTEMPTS)
            ),
        },
    )


@login_required
@require_POST
def retry_deliveries(request):
    count = services.retry_deliveries(actor=request.user)
    messages.success(
        request,
        ngettext("%(n)d pengiriman diantrekan ulang.", "%(n)d pengiriman diantrekan ulang.", count)
        % {"n": count},
    )
    return redirect("core:background_jobs")


@login_required
def preferences(request):
    current = selectors.preferences_of(request.user)
    form = PreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(user=request.user, **form.cleaned_data)
        messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("core:notification_preferences")
    return render(
        request,
        "core/notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
