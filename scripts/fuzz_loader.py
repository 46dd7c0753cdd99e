#!/usr/bin/env python3
"""A bounded fuzzing pass on the loader and checker.

Mutates the real fact sheet and article list (byte flips, inserted YAML punctuation and
control characters, deleted, duplicated or swapped lines, random indentation) and runs
load + check on each mutant in a throw-away copy. Any exception other than a reported
problem is a crash: it is printed with its input and the run exits 1.

    .venv/bin/python scripts/fuzz_loader.py --seconds 60 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer.pipeline import Project, run_check  # noqa: E402

TOKENS = [b":", b": ", b"- ", b"'", b'"', b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!python/object:os.system ", b"\t",
          b"\x00", b"\x07", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\r\n", b"\n", b"#", b"---\n", b"<<: *a\n", b"? ",
          b"no", b"on", b"12:30", b"2020-09-31", b"|\n", b">\n", b"%YAML 1.1\n", b"\\", b"..", b"  ", b"~"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(lines))
        if op == 0:  # insert a token in a line
            line = lines[i]
            j = rng.randint(0, len(line))
            lines[i] = line[:j] + rng.choice(TOKENS) + line[j:]
        elif op == 1 and len(lines) > 1:
            del lines[i]
        elif op == 2:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 3:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 4:
            lines[i] = b" " * rng.randint(0, 8) + lines[i].lstrip()
        else:  # flip a byte
            line = bytearray(lines[i] or b" ")
            line[rng.randrange(len(line))] = rng.randrange(256)
            lines[i] = bytes(line)
    return b"\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    shutil.copy(ROOT / "facts.yml", work / "facts.yml")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    originals = {name: (ROOT / name).read_bytes() for name in ("facts.yml", "seeds/articles.yml")}
    project = Project(root=work)
    runs, crashes, outcomes = 0, 0, Counter()
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        target = rng.choice(list(originals))
        mutant = mutate(originals[target], rng)
        for name, data in originals.items():
            (work / name).write_bytes(mutant if name == target else data)
        runs += 1
        try:
            result = run_check(project)
        except Exception:  # a crash is what we are looking for
            crashes += 1
            print(f"CRASH on a mutant of {target}:\n{mutant[:2000]!r}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        if not result.problems:
            outcomes["accepted"] += 1
        else:
            first = result.problems.items[0].message.split(" : ")[0].split(" (")[0]
            outcomes[first[:60]] += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"{runs} mutants in {args.seconds:.0f} s (seed {args.seed}): {crashes} crash(es)")
    for outcome, n in outcomes.most_common(12):
        print(f"  {n:6d}  {outcome}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
