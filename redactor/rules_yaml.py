"""Reading the YAML the tool ships (rule packs, dictionaries, role tables).

libyaml's C loader where PyYAML has it (the Debian and PyPI wheels do): the same safe subset,
about ten times faster. A run reads these files in the parent and again in every worker, and
with the pure-Python loader they were about 0.2 CPU s of each process's start-up. A court's
own policy and decisions files keep the pure-Python loader (``policy_schema``, ``decisions``):
its error messages point at the line and column a clerk has to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_text(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


def load_file(path: Path | str) -> Any:
    return load_text(Path(path).read_text(encoding="utf-8"))
