"""Which NER backends exist, by name, and what version each one is, without loading one.

The parent process of ``redact run`` needs the backend's name (a flag's default, the check
that the name exists) and its version (the run's fingerprint: a new model redoes every
document), but it never runs a model: its workers do. This module answers both without
importing Presidio, spaCy or a model (about 1.2 CPU s of every start-up otherwise), so that
nothing here may import them at module level. The backends themselves live in
``redactor/recognizers/ner*.py``, which re-export this registry.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from redactor.paths import MODELS_DIR

if TYPE_CHECKING:  # the protocol lives with the backends (and imports Presidio)
    from redactor.recognizers.ner import NerBackend

# The shipped judgment model (models/zh_judgment_ner): more accurate on judgments than LAC
# and about 4x faster per CPU second (models/README.md). LAC stays selectable as "lac".
DEFAULT_NER = "judgment"
JUDGMENT_MODEL = "zh_judgment_ner"


def judgment_model_version(path: Path | None = None) -> str:
    """The judgment model's version as its meta.json gives it (zh_judgment_ner-1.1.0).
    Raises FileNotFoundError where there is no model."""
    model = Path(path) if path else MODELS_DIR / JUDGMENT_MODEL
    meta_path = model / "meta.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"NER model not found at {model} (see models/README.md to rebuild it)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return f"{meta.get('name', JUDGMENT_MODEL)}-{meta.get('version', 'unknown')}"


def _lac_backend() -> "NerBackend":
    from redactor.recognizers.ner import LacBackend

    return LacBackend()


def _judgment_backend() -> "NerBackend":  # the project's own model (models/zh_judgment_ner)
    from redactor.recognizers.ner_spacy import SpacyNerBackend

    return SpacyNerBackend()


_FACTORIES: dict[str, Callable[[], "NerBackend"]] = {"lac": _lac_backend, "judgment": _judgment_backend}
# name -> the version the backend reports, read without loading it (where that is possible)
_VERSIONS: dict[str, Callable[[], str]] = {"judgment": judgment_model_version}
_INSTANCES: dict[str, "NerBackend"] = {}
_REGISTRY_LOCK = threading.Lock()


def register_backend(name: str, factory: Callable[[], "NerBackend"]) -> None:
    """Make ``get_backend(name)`` build a backend with ``factory()``."""
    _FACTORIES[name] = factory
    _VERSIONS.pop(name, None)  # a new factory's version is read from what it builds
    _INSTANCES.pop(name, None)


def available_backends() -> list[str]:
    return sorted(_FACTORIES)


def get_backend(name: str) -> "NerBackend":
    """The backend called ``name``, loaded once per process."""
    with _REGISTRY_LOCK:
        if name not in _INSTANCES:
            if name not in _FACTORIES:
                raise KeyError(f"unknown NER backend '{name}' (known: {', '.join(available_backends())})")
            _INSTANCES[name] = _FACTORIES[name]()
        return _INSTANCES[name]


def backend_version(name: str) -> str:
    """``name@version`` of a backend, as ``get_backend(name)`` would report it; read from the
    model's metadata where the backend allows it, else from the loaded backend."""
    if name in _VERSIONS and name not in _INSTANCES:
        return f"{name}@{_VERSIONS[name]()}"
    b = get_backend(name)
    return f"{b.name}@{b.version}"
