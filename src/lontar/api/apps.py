from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lontar.api"
    label = "api"
    verbose_name = "API"
