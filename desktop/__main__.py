"""`python -m desktop`: the command line (`desktop/cli/`)."""

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
