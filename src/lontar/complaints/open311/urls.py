"""Open311 GeoReport v2 under /open311/v2/, its discovery document, and the office's key screen."""

from django.urls import path, register_converter

from lontar.complaints.open311 import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CodeConverter:
    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "o311fmt")
register_converter(CodeConverter, "o311code")

app_name = "open311"

urlpatterns = [
    path("discovery.<o311fmt:format>", views.discovery, name="discovery"),
    path("v2/services.<o311fmt:format>", views.service_list, name="services"),
    path("v2/services/<o311code:service_code>.<o311fmt:format>", views.service_definition, name="service"),
    path("v2/requests.<o311fmt:format>", views.request_list_or_create, name="requests"),
    path("v2/requests/<o311code:service_request_id>.<o311fmt:format>", views.request_detail, name="request"),
    path("v2/tokens/<o311code:token_id>.<o311fmt:format>", views.token_detail, name="token"),
    path("kelola/", views.client_list, name="client_list"),
    path("kelola/baru/", views.client_create, name="client_create"),
    path("kelola/<int:pk>/cabut/", views.client_revoke, name="client_revoke"),
]
