"""Entry script of the frozen (PyInstaller) app: the same as the console command."""

import sys

from explorer.cli import main

if __name__ == "__main__":
    sys.exit(main())
