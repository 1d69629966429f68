"""Factories for platform objects. Other modules' tests build on these."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from lontar.core.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Role,
    Staff,
    Unit,
    UnitKind,
)

PASSWORD = "Rahasia-Uji-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.DISTRICT
    parent = factory.LazyAttribute(
        lambda o: (
            OrganisationFactory(kind=OrganisationKind.CITY, parent=None)
            if o.kind == OrganisationKind.DISTRICT
            else (
                OrganisationFactory(kind=OrganisationKind.DISTRICT)
                if o.kind == OrganisationKind.VILLAGE
                else None
            )
        )
    )
    name = factory.Sequence(lambda n: f"Kecamatan Uji {n}")
    code = factory.Sequence(lambda n: f"Kec.U{n}")
    letterhead_government = "PEMERINTAH KOTA UJI"
    address = "Jl. Merdeka No. 1"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    kind = UnitKind.SECTION
    name = factory.Sequence(lambda n: f"Seksi Uji {n}")
    code = factory.Sequence(lambda n: f"S{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    nip = factory.Sequence(lambda n: f"19860926201505{1 + n % 2}{n % 1000:03d}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organisation = factory.SubFactory(OrganisationFactory)
    unit = factory.SubFactory(UnitFactory, organisation=factory.SelfAttribute("..organisation"))
    title = factory.Sequence(lambda n: f"Jabatan Uji {n}")


class PositionAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionAssignment

    organisation = factory.SelfAttribute("position.organisation")
    position = factory.SubFactory(PositionFactory)
    staff = factory.SubFactory(StaffFactory, organisation=factory.SelfAttribute("..position.organisation"))
    start_date = factory.Faker("date_between", start_date="-2y", end_date="-1y")


def member(organisation, role: str = Role.STAFF, **user_kwargs):
    """A user with a staff record and one role in `organisation`."""
    staff = StaffFactory(organisation=organisation, **user_kwargs)
    Membership.objects.create(user=staff.user, organisation=organisation, role=role)
    return staff.user
