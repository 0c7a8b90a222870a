"""Start AnimeID Desktop (the GUI). ``python main.py --help`` lists the options."""

import sys

if __name__ == "__main__":
    from animeid_desktop.gui.app import main

    sys.exit(main())
