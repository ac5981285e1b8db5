"""Where the data the tool ships lives: rule packs, policies, dictionaries, models.

The repository layout is the install layout (``pip install -e .``); REDACTOR_RULES and
REDACTOR_MODELS override it for a court's own copy.
"""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = Path(os.environ.get("REDACTOR_RULES", REPO_ROOT / "rules"))
MODELS_DIR = Path(os.environ.get("REDACTOR_MODELS", REPO_ROOT / "models"))
POLICIES_DIR = RULES_DIR / "policies"
RECOGNIZERS_DIR = RULES_DIR / "recognizers"
DICTIONARIES_DIR = RULES_DIR / "dictionaries"
