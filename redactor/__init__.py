"""redactor: publish-ready Chinese court judgments (裁判文书) under the SPC publication rules."""

__version__ = "0.1.0"
