from __future__ import annotations

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from matplotlib.figure import Figure
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from rendering.signing import SigningError, sign_pdf, verify_pdf
from rendering.tests.certs import make_credentials


@pytest.fixture(scope="module")
def credentials():
    return make_credentials()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    figure = Figure(figsize=(8.27, 11.69))
    figure.text(0.5, 0.5, "BÁO CÁO", ha="center")
    buffer = BytesIO()
    figure.savefig(buffer, format="pdf")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def signed(pdf, credentials) -> bytes:
    return sign_pdf(pdf, credentials.p12, credentials.passphrase, location="Bắc Giang")


def test_signed_pdf_verifies_with_the_signer_name(signed, credentials):
    (check,) = verify_pdf(signed, (credentials.ca_pem,))
    assert check.ok and check.intact and check.valid and check.trusted
    assert check.signer == "Nguyễn Văn An"
    assert "hợp lệ, văn bản còn nguyên vẹn" in check.message()


def test_signature_without_trust_roots_is_valid_but_not_trusted(signed):
    (check,) = verify_pdf(signed)
    assert check.ok and not check.trusted
    assert "chưa được xác nhận là tin cậy" in check.message()


def test_wrong_passphrase_is_reported_in_vietnamese(pdf, credentials):
    with pytest.raises(SigningError, match="sai mật khẩu"):
        sign_pdf(pdf, credentials.p12, "không đúng")


def test_unsigned_pdf_is_reported(pdf):
    with pytest.raises(SigningError, match="chưa được ký số"):
        verify_pdf(pdf)


def test_not_a_pdf_is_reported(credentials):
    with pytest.raises(SigningError, match="không phải là tệp PDF"):
        sign_pdf(b"not a pdf", credentials.p12, credentials.passphrase)


def test_changing_a_signed_byte_breaks_the_signature(signed):
    position = signed.index(b"stream") + 20  # inside the first (page content) stream
    tampered = signed[:position] + bytes([signed[position] ^ 1]) + signed[position + 1 :]
    (check,) = verify_pdf(tampered)
    assert not check.ok and not check.intact
    assert "đã bị sửa đổi sau khi ký" in check.message()


def test_content_added_after_signing_is_detected(signed):
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = pdf_string("en-US")
    writer.update_root()
    buffer = BytesIO()
    writer.write(buffer)
    (check,) = verify_pdf(buffer.getvalue())
    assert check.intact and not check.unchanged and not check.ok
    assert "thêm nội dung sau khi ký" in check.message()


def test_second_signature_keeps_the_first_valid(signed, credentials):
    twice = sign_pdf(signed, credentials.p12, credentials.passphrase)
    checks = verify_pdf(twice)
    assert len(checks) == 2 and all(check.ok for check in checks)


def test_sign_and_verify_commands(tmp_path, pdf, credentials, monkeypatch, capsys):
    source, p12 = tmp_path / "bao-cao.pdf", tmp_path / "nguoi-ky.p12"
    source.write_bytes(pdf)
    p12.write_bytes(credentials.p12)
    monkeypatch.setenv("MAT_KHAU_KY_SO", credentials.passphrase)
    call_command("sign", str(source), "--p12", str(p12), "--passphrase-env", "MAT_KHAU_KY_SO")
    output = tmp_path / "bao-cao-da-ky.pdf"
    assert "Đã ký số" in capsys.readouterr().out
    call_command("verify", str(output))
    assert "Nguyễn Văn An" in capsys.readouterr().out


def test_verify_command_fails_on_unsigned_pdf(tmp_path, pdf):
    source = tmp_path / "chua-ky.pdf"
    source.write_bytes(pdf)
    with pytest.raises(CommandError, match="chưa được ký số") as raised:
        call_command("verify", str(source))
    assert raised.value.returncode != 0


def test_sign_command_fails_on_missing_passphrase_variable(tmp_path, pdf, credentials):
    source, p12 = tmp_path / "a.pdf", tmp_path / "b.p12"
    source.write_bytes(pdf)
    p12.write_bytes(credentials.p12)
    with pytest.raises(CommandError, match="Chưa đặt biến môi trường"):
        call_command(
            "sign", str(source), "--p12", str(p12), "--passphrase-env", "KHONG_CO_BIEN_NAY"
        )
