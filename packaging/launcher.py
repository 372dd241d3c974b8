# SPDX-License-Identifier: Apache-2.0
"""The script inside both bundled executables; the executable's name picks the mode.

`fieldcheck` (windowed on Windows) opens the window, or runs a command when given
one; `fieldcheck-cli` (a console program everywhere) is always the command line, so
`fieldcheck-cli` alone prints the help instead of opening a window.
"""

from __future__ import annotations

import sys
from pathlib import Path

CLI_NAME = "fieldcheck-cli"


def main() -> int:
    if Path(sys.executable).stem.lower() == CLI_NAME:
        from fieldcheck.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from fieldcheck.app import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
