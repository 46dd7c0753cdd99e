#!/usr/bin/env python3
"""Build the explainer site: load → check → render → write → publish.

    python build_site.py build   # check, generate docs/, build site/ with MkDocs (strict)
    python build_site.py check   # check only (fast): facts.yml, seeds/, quotes
    python build_site.py serve   # live preview on 127.0.0.1, regenerated on every edit

The stages live in the `explainer` package; see ARCHITECTURE.md.
"""

import sys

try:
    from explainer.cli import main
except KeyboardInterrupt:  # Ctrl+C while Python loads the program: nothing was started
    print("Interrompu (Ctrl+C) avant tout travail : relancez la commande.", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
