"""The one error the extractor raises: its message is shown to officers as it is."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document that cannot be read; str() is a Vietnamese sentence for the user."""
