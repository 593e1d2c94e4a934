"""``python -m unrolled``: see ``unrolled.cli``."""

import sys

from .cli import main

sys.exit(main())
