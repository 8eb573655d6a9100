"""Password rules beyond Django's own, and Vietnamese text where Django's is not translated."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError


class MinimumLengthVietnameseValidator(MinimumLengthValidator):
    """Django's length rule; its message changed wording and lost its Vietnamese translation."""

    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self) -> str:
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class LettersAndDigitsValidator:
    """A password mixes letters and digits, unless it is a long passphrase."""

    def __init__(self, passphrase_length: int = 16) -> None:
        self.passphrase_length = passphrase_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) >= self.passphrase_length:
            return
        if any(c.isalpha() for c in password) and any(c.isdigit() for c in password):
            return
        raise ValidationError(
            "Mật khẩu phải có cả chữ cái và chữ số, hoặc dài từ %(length)d ký tự trở lên.",
            code="password_needs_letters_and_digits",
            params={"length": self.passphrase_length},
        )

    def get_help_text(self) -> str:
        return (
            f"Mật khẩu cần có cả chữ cái và chữ số, hoặc là một cụm từ dài từ "
            f"{self.passphrase_length} ký tự trở lên."
        )
