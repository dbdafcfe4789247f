"""``python -m kz_inspection_checklists``: the same as ``kz-checklists``."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
