"""Error answers: JSON under /api/, a page in Bahasa Indonesia elsewhere."""

from django.test import RequestFactory
from django.urls import reverse

from lontar.core import errors


def test_an_api_address_that_matches_no_route_answers_json_404(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/api/v1/pegawai/-6.78e-214/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Tidak ditemukan."}


def test_a_page_that_does_not_exist_explains_itself_in_indonesian(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert reverse("core:dashboard") in response.content.decode()


def test_a_refused_page_says_the_role_does_not_allow_it(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("core:audit_list"))
    assert response.status_code == 403
    assert "tidak berwenang" in response.content.decode()


def test_server_errors_answer_json_under_the_api_and_a_plain_page_elsewhere():
    factory = RequestFactory()
    api = errors.server_error(factory.get("/api/v1/unit/"))
    assert api.status_code == 500
    assert api["Content-Type"] == "application/json"
    page = errors.server_error(factory.get("/surat/masuk/"))
    assert page.status_code == 500
    assert "Terjadi galat pada server" in page.content.decode()
