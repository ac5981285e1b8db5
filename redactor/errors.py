"""Errors that end one document's run with a clear, value-free reason.

Messages must never contain a detected value or document text: they go to the report
and to the console.
"""


class RedactorError(Exception):
    """Base class; ``reason`` is a short machine-readable code, ``str()`` a human sentence."""

    reason = "error"

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        if reason:
            self.reason = reason


class UnreadableDocument(RedactorError):
    """The text of the document cannot be read safely (scanned, encrypted, corrupt...)."""

    reason = "unreadable"


class UnsupportedFormat(RedactorError):
    reason = "unsupported_format"


class WriteFailed(RedactorError):
    reason = "write_failed"


class VerificationFailed(RedactorError):
    """The written file still exposes a masked value, or differs from what was intended."""

    reason = "verification_failed"
