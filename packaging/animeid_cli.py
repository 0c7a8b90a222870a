"""Bundle entry point of the console ``animeid-cli`` executable (same as the ``animeid`` command)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # frozen worker processes start here, not in the CLI
    from animeid_desktop.cli import main

    sys.exit(main())
