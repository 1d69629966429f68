"""REST API wiring and versioning. Each module keeps its own serializers and viewsets."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from lontar.assets import api as assets_api
from lontar.assets.bookings import api as bookings_api
from lontar.assets.supplies import api as supplies_api
from lontar.core import api as core_api
from lontar.correspondence import api as correspondence_api
from lontar.correspondence import api_outgoing as correspondence_outgoing_api
from lontar.meetings import api as meetings_api
from lontar.planning import api as planning_api
from lontar.public_services import api as public_services_api
from lontar.records import api as records_api
from lontar.staff import api as staff_api
from lontar.staff.attendance import api as attendance_api
from lontar.staff.leave import api as leave_api
from lontar.staff.reminders import api as staff_reminders_api
from lontar.staff.travel import api as travel_api

router = DefaultRouter()
core_api.register(router)
records_api.register(router)
correspondence_api.register(router)
correspondence_outgoing_api.register(router)
public_services_api.register(router)
staff_api.register(router)
leave_api.register(router)
travel_api.register(router)
attendance_api.register(router)
staff_reminders_api.register(router)
assets_api.register(router)
bookings_api.register(router)
supplies_api.register(router)
planning_api.register(router)
meetings_api.register(router)

app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]
