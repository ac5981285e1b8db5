"""What several test files share: documents and files to test with, and test-only hooks.

Test files import from here (``from tests.helpers.judgments import JUDGMENT``), never from
each other; shared pytest fixtures are in ``tests/conftest.py``.
"""
