"""Digital signatures on issued PDFs (PAdES, with pyHanko): sign with a PKCS#12 file, verify."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import pem, x509
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

SIGNATURE_FIELD = "ChuKySo"
# Changes a later signer may make without invalidating an earlier signature.
HARMLESS_CHANGES = {
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
}


class SigningError(Exception):
    pass


@dataclass(frozen=True)
class SignatureCheck:
    signer: str
    signed_at: datetime | None
    intact: bool  # the signed bytes hash to the signed digest
    valid: bool  # the signature over that digest verifies with the signer's key
    unchanged: bool  # nothing but harmless updates (another signature) was added later
    trusted: bool  # the certificate chains to one of the trust roots given

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.unchanged

    def message(self) -> str:
        if not self.intact:
            return f"Chữ ký của {self.signer}: văn bản đã bị sửa đổi sau khi ký, chữ ký không còn giá trị."
        if not self.valid:
            return f"Chữ ký của {self.signer}: chữ ký không hợp lệ."
        if not self.unchanged:
            return f"Chữ ký của {self.signer}: văn bản đã bị thêm nội dung sau khi ký."
        when = ""
        if self.signed_at:
            when = f" lúc {timezone.localtime(self.signed_at):%H:%M ngày %d/%m/%Y}"
        trust = "" if self.trusted else " (chứng thư số chưa được xác nhận là tin cậy)"
        return f"Chữ ký của {self.signer}{when}: hợp lệ, văn bản còn nguyên vẹn{trust}."


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(BytesIO(pdf), strict=False)
    except (PdfError, ValueError) as error:
        raise SigningError("Tệp không phải là tệp PDF hợp lệ.") from error


def sign_pdf(
    pdf: bytes,
    p12: bytes,
    passphrase: str | None,
    *,
    reason: str = "Ký ban hành văn bản",
    location: str = "",
) -> bytes:
    """The PDF with a PAdES signature appended by the key and certificate of a PKCS#12 file."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            p12, other_certs=(), passphrase=passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as error:
        raise SigningError(
            "Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12."
        ) from error
    names = {f"{SIGNATURE_FIELD}{n}" for n in range(1, 100)}
    taken = {name for name, _, _ in fields.enumerate_sig_fields(_reader(pdf))}
    field_name = min(names - taken, key=lambda name: int(name.removeprefix(SIGNATURE_FIELD)))
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location or None,
    )
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except (PdfError, ValueError) as error:
        raise SigningError("Tệp không phải là tệp PDF hợp lệ.") from error
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


def _common_name(certificate: x509.Certificate) -> str:
    subject = certificate.subject.native
    return subject.get("common_name") or certificate.subject.human_friendly


def verify_pdf(pdf: bytes, trust_roots: tuple[bytes, ...] = ()) -> list[SignatureCheck]:
    """One check per signature; trust_roots are DER or PEM certificates of trusted authorities."""
    reader = _reader(pdf)
    if not reader.embedded_signatures:
        raise SigningError("Tệp PDF chưa được ký số.")
    roots = [_load_certificate(root) for root in trust_roots]
    checks = []
    for embedded in reader.embedded_signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
        checks.append(
            SignatureCheck(
                signer=_common_name(status.signing_cert),
                signed_at=status.signer_reported_dt,
                intact=status.intact,
                valid=status.valid,
                unchanged=status.modification_level in HARMLESS_CHANGES,
                trusted=status.trusted,
            )
        )
    return checks


def _load_certificate(data: bytes) -> x509.Certificate:
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)
