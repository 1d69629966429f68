"""Platform reads shared by views and the API, already scoped to the user."""

from lontar.core.models import Organisation, Staff, Unit
from lontar.core.permissions import visible_organisation_ids


def organisations_visible_to(user):
    return Organisation.objects.filter(pk__in=visible_organisation_ids(user)).order_by("path")


def staff_visible_to(user):
    return Staff.objects.visible_to(user).select_related("organisation", "unit")


def units_visible_to(user):
    return Unit.objects.visible_to(user).select_related("organisation")
