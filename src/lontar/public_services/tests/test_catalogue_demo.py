"""The public-services demo: every demo kecamatan publishes at least ten services with complete standards,
a Maklumat signed by its Camat and counter hours; loading twice creates nothing new."""

from __future__ import annotations

import pytest

from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples
from lontar.core.models import AuditEvent, Organisation, OrganisationKind
from lontar.public_services.demo import load_public_services_demo
from lontar.public_services.models import (
    CounterSettings,
    FormField,
    Requirement,
    Service,
    ServicePledge,
    ServiceStandard,
)
from lontar.public_services.selectors import catalogue as selectors
from lontar.public_services.services.catalogue import PLACEHOLDER, PLACEHOLDER_ALLOWED

pytestmark = pytest.mark.django_db
MODELS = (Service, ServiceStandard, Requirement, FormField, ServicePledge, CounterSettings, AuditEvent)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_every_demo_kecamatan_publishes_at_least_ten_services_and_loading_twice_adds_nothing():
    load_demo()
    load_samples()
    first = load_public_services_demo()
    counts = _counts()
    assert not load_public_services_demo()
    assert _counts() == counts

    districts = Organisation.objects.filter(kind=OrganisationKind.DISTRICT)
    assert districts.count() == 3 and first["maklumat pelayanan"] == 3 and first["pengaturan loket"] == 3
    for district in districts:
        published = selectors.public_services().filter(organisation=district)
        assert published.count() >= 10, district.name
        for service in published:
            standard = selectors.standard_in_force(service)
            assert standard.procedure and standard.product and standard.legal_basis, service.code
            assert "Pelimpahan Sebagian Kewenangan Wali Kota kepada Camat" in standard.legal_basis
            assert standard.requirements.exists() and standard.form_fields.exists(), service.code
            for placeholder in PLACEHOLDER.findall(service.result_body):
                assert PLACEHOLDER_ALLOWED.match(placeholder), (service.code, placeholder)
                if placeholder.startswith("data."):
                    assert standard.form_fields.filter(key=placeholder[5:]).exists(), (
                        service.code,
                        placeholder,
                    )
        free = [s for s in published if selectors.standard_in_force(s).fee_amount == 0]
        assert len(free) >= len(published) - 1
        pledge = selectors.pledge_in_force(district)
        head_name, head_post = selectors.head_of_office(district)
        assert (pledge.signatory_name, pledge.signatory_position) == (head_name, head_post)
        assert head_post.startswith("Camat ")
    jatisari = Organisation.objects.get(code="Kec.Jts")
    assert selectors.pledge_in_force(jatisari).signatory_name == "Asep Saepudin Hidayat, S.STP., M.Si."
