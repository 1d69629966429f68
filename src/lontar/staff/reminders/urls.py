from django.urls import path  # noqa: F401

app_name = "staff_reminders"

urlpatterns: list = []
