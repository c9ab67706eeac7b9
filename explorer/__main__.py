"""``python -m explorer``: the same as the ``korean-war-explorer`` command."""

import sys

from explorer.cli import main

sys.exit(main())
