"""Allow ``python -m seasontrack``."""

from seasontrack.cli import main

main()
