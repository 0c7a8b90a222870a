"""`python -m animeid_desktop` runs the command-line interface."""

import sys

from animeid_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
