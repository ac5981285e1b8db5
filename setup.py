"""Packaging hook: the wheel carries the rules and the model.

``rules/`` and ``models/`` stay at the top of the repository (one copy, which an editable
install reads in place); a built wheel or ``pip install .`` copies them into the package as
``redactor/_data/rules`` and ``redactor/_data/models``, where ``redactor.paths`` finds them
through ``importlib.resources``. The model's training recipe is not shipped.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED_DATA = ("rules", "models")
NOT_SHIPPED = shutil.ignore_patterns("recipe", "__pycache__", "*.pyc", ".*")


class BuildPyWithData(build_py):
    def run(self):
        if not getattr(self, "editable_mode", False):
            # setuptools reuses build/lib between builds: a module removed or moved since the
            # last build (redactor/synth, redactor/readers) would still be shipped.
            for stale in ("redactor", "redactor_synth"):
                shutil.rmtree(Path(self.build_lib) / stale, ignore_errors=True)
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads rules/ and models/ where they are
        for name in SHIPPED_DATA:
            dest = Path(self.build_lib) / "redactor" / "_data" / name
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(ROOT / name, dest, ignore=NOT_SHIPPED)


setup(cmdclass={"build_py": BuildPyWithData})
