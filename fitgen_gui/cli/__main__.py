"""``python -m fitgen_gui.cli``: the ``fitgen`` command."""

import sys

from fitgen_gui.cli import main

sys.exit(main())
