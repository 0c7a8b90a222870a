"""Bundle entry point of the windowed ``AnimeID`` executable (same as ``python main.py``)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # frozen worker processes start here, not in the GUI
    from animeid_desktop.gui.app import main

    sys.exit(main())
