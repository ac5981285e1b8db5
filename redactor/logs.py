"""Logging policy: the console carries statuses and counts, never document content.

PDF libraries log warnings about broken objects (sometimes quoting strings from the file)
at WARNING level; the report already carries each document's status and reason, so they
are raised to ERROR in every process (the CLI and each worker).
"""

import logging

NOISY = ("pypdf", "pdfminer", "presidio-analyzer", "presidio_analyzer", "jieba", "distributed.utils_perf")


def quiet_libraries() -> None:
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.ERROR)
