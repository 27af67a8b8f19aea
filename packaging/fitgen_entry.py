"""The bundle's executable: ``fitgen`` is the command line, ``fitgen-gui`` (on Linux a link
to the same file) the desktop app."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # loader processes start from this executable
    # The bundle has no Python sources: AutoGraph says, for each function it cannot read,
    # that it "will run it as-is" (which is what it should do; the exports' self-tests
    # agree 100%). Keep TensorFlow's Python log to errors.
    import logging

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    if os.path.basename(sys.argv[0]).lower().startswith("fitgen-gui"):
        from fitgen_gui.app import main
    else:
        from fitgen_gui.cli import main
    sys.exit(main())
