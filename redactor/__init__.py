"""redactor: publish-ready Chinese court judgments (裁判文书) under the SPC publication rules.

The Python API (see README "Python API")::

    import redactor
    result = redactor.redact_text(text, policy="strict")   # .text, .spans, .status
    redactor.detect(text)                                   # every span with its decision
    redactor.redact_file("judgments/", "out/")              # the full pipeline, with audit
    from redactor import presidio                           # our recognizers for Presidio

Everything is imported on first use: ``import redactor`` loads no rule, model or library.
"""

__version__ = "0.1.0"

_API = ("redact_text", "redact_file", "Span", "TextResult", "FileResult")
__all__ = ["__version__", *_API, "detect", "presidio"]


def __getattr__(name: str):
    if name in _API:
        from redactor import api

        return getattr(api, name)
    if name in ("presidio", "detect"):
        # redactor.detect is the detect stage's module, callable as the API's dry run.
        import importlib

        return importlib.import_module(f"redactor.{name}")
    raise AttributeError(f"module 'redactor' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
