"""Where the data the tool ships lives: rule packs, policies, dictionaries, models.

Three places, first found wins:
1. REDACTOR_RULES / REDACTOR_MODELS: a court's own copy;
2. the package's data (``redactor/_data/rules``, ``redactor/_data/models``): what a wheel or
   ``pip install .`` carries (setup.py copies the repository's folders there at build time);
3. the repository's top-level ``rules/`` and ``models/``: a checkout or an editable install.
"""

import os
from importlib.resources import files
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _shipped(name: str) -> Path:
    packaged = files("redactor").joinpath("_data", name)
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return REPO_ROOT / name


RULES_DIR = Path(os.environ.get("REDACTOR_RULES") or _shipped("rules"))
MODELS_DIR = Path(os.environ.get("REDACTOR_MODELS") or _shipped("models"))
POLICIES_DIR = RULES_DIR / "policies"
RECOGNIZERS_DIR = RULES_DIR / "recognizers"
DICTIONARIES_DIR = RULES_DIR / "dictionaries"
