"""The built app's entry point: the same as the `intheroom` console script."""

from __future__ import annotations

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
