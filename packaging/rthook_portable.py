# SPDX-License-Identifier: Apache-2.0
"""PyInstaller runtime hook: portable mode, i.e. data in ./data beside the executables.

A `portable.txt` beside the executable (a USB stick, a shared folder on a township
PC) keeps every byte of the app's data there. fieldcheck.paths already looks for the
marker; the hook also exports FIELDCHECK_HOME so that every process started from the
bundle (the CLI run by the window, a county IT script) agrees on the same folder.
An explicit FIELDCHECK_HOME or --home still wins.
"""

import os
import sys
from pathlib import Path

from fieldcheck.paths import ENV_HOME, PORTABLE_MARKER


def _portable_home() -> Path | None:
    here = Path(sys.executable).resolve().parent
    if (here / PORTABLE_MARKER).exists():
        return here / "data"
    return None


_home = _portable_home()
if _home is not None and not os.environ.get(ENV_HOME):
    os.environ[ENV_HOME] = str(_home)
del _home
