from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from lontar.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("lontar.api.urls")),
    path("surat/", include("lontar.correspondence.urls")),
    path("arsip/", include("lontar.records.urls")),
    path("open311/", include("lontar.complaints.open311.urls")),
    path("pengaduan/", include("lontar.complaints.urls")),
    path("kepegawaian/cuti/", include("lontar.staff.leave.urls")),
    path("kepegawaian/dinas-luar/", include("lontar.staff.travel.urls")),
    path("kepegawaian/kehadiran/", include("lontar.staff.attendance.urls")),
    path("kepegawaian/agenda/", include("lontar.staff.reminders.urls")),
    path("kepegawaian/", include("lontar.staff.urls")),
    path("aset/", include("lontar.assets.urls")),
    path("peminjaman/", include("lontar.assets.bookings.urls")),
    path("persediaan/", include("lontar.assets.supplies.urls")),
    path("perencanaan/", include("lontar.planning.urls")),
    path("rapat/", include("lontar.meetings.urls")),
    path("survei/kelola/ikm/", include("lontar.surveys.urls_reports")),
    path("survei/", include("lontar.surveys.urls")),
    path("", include("lontar.portal.urls")),
    path("", include("lontar.public_services.urls")),
    path("", include("lontar.core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "lontar.core.errors.bad_request"
handler403 = "lontar.core.errors.permission_denied"
handler404 = "lontar.core.errors.page_not_found"
handler500 = "lontar.core.errors.server_error"
