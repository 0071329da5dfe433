"""`make bench` (`python -m benchmarks`): how the generator's build compares with MkDocs' own.

Builds, on temporary copies: (a) the shipped guide, (b) the guide plus free-exercise-db imported,
(c) (b) with every exercise three times; and (b) once more by plain MkDocs from `emit`'s output.
Prints medians and PASS/FAIL per target, writes them into BENCHMARKS.md, exits 1 if a target fails.
"""

import sys
from pathlib import Path

# The site as the browser tests build, serve and open it (tests/support/local_site.py), so that the
# benchmark measures what the tests check.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
