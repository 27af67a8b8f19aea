"""``python -m fitgen_gui``: start the app."""

import sys

from fitgen_gui.app import main

sys.exit(main())
