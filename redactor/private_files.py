"""Files that show original values (review and diff pages): owner-only from the first byte.

The file is created with mode 0600 (``O_CREAT | O_EXCL``, whatever the umask), filled, and
renamed over the destination, so no other user can read it even while it is written, and
an existing world-readable file of that name is replaced, not reused.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600


def write_private_text(dest: Path, text: str) -> None:
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, PRIVATE_FILE_MODE)  # O_CREAT's mode is masked by the umask; never widened by it
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
