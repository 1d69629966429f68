"""Signing issued PDFs behind one interface.

`get_signer()` returns the signer named by `settings.LONTAR_SIGNER` (a dotted path). Two exist:

* `LocalCASigner` - a certificate authority private to this deployment, created on first use under
  `settings.LONTAR_CA_DIR`. Its PAdES signatures are cryptographically real and checkable with
  poppler's `pdfsig` or any PDF reader, but the root is not trusted by anyone outside the deployment,
  so it is for demonstrations, tests and internal documents.
* `BsreSigner` - the adapter for BSrE (Balai Sertifikasi Elektronik, BSSN), the certified signing
  service for government. The signatory's NIK and passphrase are sent with the PDF over HTTPS and the
  signed PDF comes back. It has not been exercised against a live BSrE service in this repository.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import json
import os
import threading
import uuid
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from urllib import error as urlerror
from urllib import request as urlrequest

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


class SigningError(Exception):
    """Signing failed; the message is safe to show to staff."""


class SignerConfigurationError(ImproperlyConfigured, SigningError):
    """The signer cannot work with the current settings or without credentials."""


class Signer:
    """Turns PDF bytes into signed PDF bytes."""

    kind = ""
    #: Who issued the certificate, as printed in the footer of a signed document. It is part of the
    #: document's text, which is always Indonesian, so it is not translated.
    certificate_issuer = ""

    def sign(
        self,
        pdf_bytes: bytes,
        *,
        signer_name: str,
        reason: str,
        location: str,
        credentials: Mapping[str, str] | None = None,
    ) -> bytes:
        raise NotImplementedError


def get_signer() -> Signer:
    return import_string(settings.LONTAR_SIGNER)()


# --- local certificate authority ------------------------------------------------------------
ROOT_KEY = "root-ca.key.pem"
ROOT_CERT = "root-ca.cert.pem"
SIGNING_KEY = "signing.key.pem"
SIGNING_CERT = "signing.cert.pem"


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)


def _write_public(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    os.chmod(path, 0o644)


def _deployment_label() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or "localhost"


def create_local_ca(ca_dir: Path) -> None:
    """Create a root CA and one document-signing certificate issued by it, unless they exist.

    A file lock makes concurrent first uses (several workers) create exactly one CA.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(ca_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if all((ca_dir / name).exists() for name in (ROOT_KEY, ROOT_CERT, SIGNING_KEY, SIGNING_CERT)):
            return
        label = _deployment_label()
        now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        root_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        root_name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lontar"),
                x509.NameAttribute(NameOID.COMMON_NAME, f"Lontar Local CA ({label})"),
            ]
        )
        root_cert = (
            x509.CertificateBuilder()
            .subject_name(root_name)
            .issuer_name(root_name)
            .public_key(root_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256())
        )
        signing_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        signing_cert = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lontar"),
                        x509.NameAttribute(NameOID.COMMON_NAME, f"Lontar Document Signing ({label})"),
                    ]
                )
            )
            .issuer_name(root_name)
            .public_key(signing_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=365 * 5))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                critical=False,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(signing_key.public_key()), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
            )
            .sign(root_key, hashes.SHA256())
        )

        def pem_key(key) -> bytes:
            return key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )

        _write_private(ca_dir / ROOT_KEY, pem_key(root_key))
        _write_private(ca_dir / SIGNING_KEY, pem_key(signing_key))
        _write_public(ca_dir / ROOT_CERT, root_cert.public_bytes(serialization.Encoding.PEM))
        _write_public(ca_dir / SIGNING_CERT, signing_cert.public_bytes(serialization.Encoding.PEM))


class LocalCASigner(Signer):
    """PAdES signatures with this deployment's own certificate authority (pyHanko)."""

    kind = "local_ca"
    _cache: dict[str, object] = {}
    _cache_lock = threading.Lock()

    def __init__(self, ca_dir: Path | str | None = None):
        self.ca_dir = Path(ca_dir or settings.LONTAR_CA_DIR)

    @property
    def certificate_issuer(self) -> str:
        return f"otoritas sertifikat lokal Lontar ({_deployment_label()})"

    def _pyhanko_signer(self):
        from pyhanko.sign import signers

        key = str(self.ca_dir.resolve())
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is None:
                create_local_ca(self.ca_dir)
                cached = signers.SimpleSigner.load(
                    key_file=str(self.ca_dir / SIGNING_KEY),
                    cert_file=str(self.ca_dir / SIGNING_CERT),
                    ca_chain_files=(str(self.ca_dir / ROOT_CERT),),
                )
                if cached is None:
                    raise SigningError(_("Kunci atau sertifikat penandatangan lokal tidak dapat dibaca."))
                self._cache[key] = cached
        return cached

    def root_certificate_pem(self) -> bytes:
        create_local_ca(self.ca_dir)
        return (self.ca_dir / ROOT_CERT).read_bytes()

    def sign(self, pdf_bytes, *, signer_name, reason, location, credentials=None) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        meta = signers.PdfSignatureMetadata(
            field_name=f"Tandatangan-{uuid.uuid4().hex[:8]}",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            name=signer_name,
            reason=reason,
            location=location,
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
        output = signers.sign_pdf(writer, meta, signer=self._pyhanko_signer())
        return output.getvalue()


# --- BSrE -------------------------------------------------------------------------------------
class BsreSigner(Signer):
    """Adapter for the BSrE (BSSN) electronic signature API.

    The shape used here is the one BSrE publishes for its signing client: `POST {url}/api/sign/pdf`,
    HTTP Basic authentication with the client account the institution receives from BSrE, and a
    multipart form with `file` (the PDF), `nik` and `passphrase` of the signatory and
    `tampilan=invisible` (the QR and footer are already part of the rendered page). The response body
    is the signed PDF; errors come back as JSON `{"error": "..."}` with a non-2xx status.

    Settings: `LONTAR_BSRE_URL`, `LONTAR_BSRE_USERNAME`, `LONTAR_BSRE_PASSWORD`,
    `LONTAR_BSRE_TIMEOUT` (seconds, default 60). The signatory's `nik` and `passphrase` arrive per
    call through `credentials`; they are never stored.

    Not exercised against a live BSrE service here: the request shape follows the public
    documentation and must be confirmed with the institution's BSrE account before production use.
    """

    kind = "bsre"

    def __init__(self, *, url=None, username=None, password=None, timeout=None):
        self.url = (url if url is not None else getattr(settings, "LONTAR_BSRE_URL", "")).rstrip("/")
        self.username = username if username is not None else getattr(settings, "LONTAR_BSRE_USERNAME", "")
        self.password = password if password is not None else getattr(settings, "LONTAR_BSRE_PASSWORD", "")
        self.timeout = timeout or getattr(settings, "LONTAR_BSRE_TIMEOUT", 60)

    certificate_issuer = "Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"

    def _check_configuration(self, credentials) -> tuple[str, str]:
        if not self.url or not self.username or not self.password:
            raise SignerConfigurationError(
                _(
                    "Penandatanganan BSrE belum dikonfigurasi: isi LONTAR_BSRE_URL, "
                    "LONTAR_BSRE_USERNAME dan LONTAR_BSRE_PASSWORD."
                )
            )
        if not self.url.startswith("https://"):
            raise SignerConfigurationError(_("Alamat layanan BSrE harus memakai https://."))
        nik = (credentials or {}).get("nik", "")
        passphrase = (credentials or {}).get("passphrase", "")
        if not nik or not passphrase:
            raise SignerConfigurationError(
                _("Penandatanganan BSrE memerlukan NIK dan passphrase penandatangan.")
            )
        return nik, passphrase

    @staticmethod
    def _multipart(fields: dict[str, str], pdf_bytes: bytes) -> tuple[bytes, str]:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="dokumen.pdf"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + pdf_bytes
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return b"".join(parts), f"multipart/form-data; boundary={boundary}"

    def sign(self, pdf_bytes, *, signer_name, reason, location, credentials=None) -> bytes:
        nik, passphrase = self._check_configuration(credentials)
        body, content_type = self._multipart(
            {
                "nik": nik,
                "passphrase": passphrase,
                "tampilan": "invisible",
                "reason": reason,
                "location": location,
            },
            pdf_bytes,
        )
        auth = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        req = urlrequest.Request(  # noqa: S310 - the scheme is checked to be https above
            f"{self.url}/api/sign/pdf",
            data=body,
            method="POST",
            headers={"Content-Type": content_type, "Authorization": f"Basic {auth}"},
        )
        try:
            with urlrequest.urlopen(req, timeout=self.timeout) as response:  # noqa: S310
                signed = response.read()
        except urlerror.HTTPError as exc:
            raise SigningError(
                _("BSrE menolak permintaan tanda tangan: {reason}").format(reason=self._error_text(exc))
            ) from exc
        except (urlerror.URLError, TimeoutError) as exc:
            raise SigningError(_("Layanan BSrE tidak dapat dihubungi: {reason}").format(reason=exc)) from exc
        if not signed.startswith(b"%PDF"):
            raise SigningError(_("Jawaban BSrE bukan berkas PDF."))
        return signed

    @staticmethod
    def _error_text(exc: urlerror.HTTPError) -> str:
        try:
            payload = json.loads(exc.read().decode("utf-8", "replace"))
            return str(payload.get("error") or payload)[:300]
        except (ValueError, AttributeError):
            return f"HTTP {exc.code}"
