#!/usr/bin/env python3
"""A bounded fuzzing pass on the loader and checker.

Mutates the real fact sheet, article list and articles in a throw-away copy and runs
load + check on each mutant. Any exception other than a reported problem is a crash, and
so is a run that does not finish within --hang seconds: each is printed with its input and
the run exits 1.

Shapes of mutants:
- text: byte flips, inserted YAML punctuation and control characters, deleted, duplicated
  or swapped lines, random indentation;
- deep nesting: hundreds to thousands of `[`, `{a: ` or indented keys, closed or not;
- control characters written as YAML escapes ("\\0", "\\x01", "\\e", "\\ud800", "\\uffff");
- line separators typed raw: NEL (U+0085), U+2028, U+2029;
- special files in place of facts.yml, seeds/articles.yml or an article: a named pipe, a
  link to /dev/zero, /etc/passwd, /proc/self/environ or a file outside the project, a
  link loop, a folder, an empty file.

    .venv/bin/python scripts/fuzz_loader.py --seconds 60 [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
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
#: Raw line separators (UTF-8) that YAML reads as line breaks and editors do not show.
SEPARATORS = [b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9"]
#: Control characters and non-characters written as escapes inside a double-quoted value.
ESCAPES = [b"\\0", b"\\x01", b"\\x07", b"\\e", b"\\x1b[31m", b"\\x7f", b"\\x85", b"\\u0000", b"\\ud800", b"\\udfff",
           b"\\uffff", b"\\U0000001f", b"\\N", b"\\L", b"\\P", b"\\x", b"\\u12"]


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


def deep(data: bytes, rng: random.Random) -> bytes:
    """Deep nesting somewhere in the file: flow sequences or mappings, or indented keys."""
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    depth = rng.choice([41, 100, 330, 999, 1000, 2000, 10_000])
    shape = rng.randrange(4)
    if shape == 0:
        nest = b"[" * depth + b"]" * (depth if rng.random() < 0.7 else rng.randrange(depth))
    elif shape == 1:
        nest = b"{a: " * depth + b"1" + b"}" * (depth if rng.random() < 0.7 else 0)
    elif shape == 2:
        nest = b"\n" + b"".join(b" " * k + b"a:" + b"\n" for k in range(min(depth, 3000)))
    else:
        nest = b"[" * depth + b"\na: &x 1\nb: *x"  # the fallback parser used to recurse before the alias
    key = lines[i].split(b":")[0] if b":" in lines[i] else b"  x"
    lines[i] = key + b": " + nest
    return b"\n".join(lines)


def escaped(data: bytes, rng: random.Random) -> bytes:
    """A value rewritten as a double-quoted string holding an escape."""
    lines = data.split(b"\n")
    candidates = [k for k, line in enumerate(lines) if b": " in line and not line.rstrip().endswith(b":")]
    i = rng.choice(candidates) if candidates else rng.randrange(len(lines))
    key, _, value = lines[i].partition(b": ")
    value = value.strip().strip(b'"').replace(b"\\", b"").replace(b'"', b"")
    j = rng.randint(0, len(value))
    lines[i] = key + b': "' + value[:j] + rng.choice(ESCAPES) + value[j:] + b'"'
    return b"\n".join(lines)


def separated(data: bytes, rng: random.Random) -> bytes:
    """A raw NEL, U+2028 or U+2029 somewhere (a comment, a value, an indentation)."""
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    j = rng.randint(0, len(lines[i]))
    lines[i] = lines[i][:j] + rng.choice(SEPARATORS) + lines[i][j:]
    return b"\n".join(lines)


SHAPES = [(mutate, 6), (deep, 1), (escaped, 2), (separated, 1)]


def special(path: Path, outside: Path, rng: random.Random) -> str:
    """Put a special file where `path` was; returns its name for the report."""
    remove(path)
    kind = rng.choice(["fifo", "dev-zero", "passwd", "environ", "outside", "loop", "folder", "empty"])
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "passwd":
        path.symlink_to("/etc/passwd")
    elif kind == "environ":
        path.symlink_to("/proc/self/environ")
    elif kind == "outside":
        path.symlink_to(outside)
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"")
    return kind


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file() or path.is_fifo():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


class Hang(BaseException):
    pass


def _alarm(signum, frame):
    raise Hang()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang", type=int, default=60, help="seconds after which one run counts as a hang")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    project_root = work / "project"
    project_root.mkdir()
    shutil.copy(ROOT / "facts.yml", project_root / "facts.yml")
    shutil.copytree(ROOT / "seeds", project_root / "seeds", symlinks=True)
    outside = work / "outside.txt"
    outside.write_bytes((ROOT / "facts.yml").read_bytes() + b"\nOUTSIDE-SECRET\n")
    article = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[0]
    names = ["facts.yml", "seeds/articles.yml", f"seeds/{article}"]
    originals = {name: (ROOT / name).read_bytes() for name in names}
    project = Project(root=project_root)
    signal.signal(signal.SIGALRM, _alarm)
    runs, crashes, outcomes, shapes = 0, 0, Counter(), Counter()
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        target = rng.choice(names)
        for name, data in originals.items():
            remove(project_root / name)
            (project_root / name).write_bytes(data)
        if rng.random() < 0.05:
            shape = f"special file ({special(project_root / target, outside, rng)})"
            mutant = b""
        else:
            function = rng.choices([f for f, _ in SHAPES], weights=[w for _, w in SHAPES])[0]
            shape = function.__name__
            mutant = function(originals[target], rng)
            (project_root / target).write_bytes(mutant)
        shapes[shape.split(" (")[0]] += 1
        runs += 1
        signal.alarm(args.hang)
        try:
            result = run_check(project)
        except Hang:
            crashes += 1
            print(f"HANG ({shape}) on {target}:\n{mutant[:2000]!r}", file=sys.stderr)
            continue
        except BaseException:  # a crash is what we are looking for (RecursionError, MemoryError...)
            crashes += 1
            print(f"CRASH ({shape}) on a mutant of {target}:\n{mutant[:2000]!r}\n{traceback.format_exc()}", file=sys.stderr)
            continue
        finally:
            signal.alarm(0)
        text = "\n".join(str(p) for p in result.problems.items)
        if "OUTSIDE-SECRET" in text or "root:x:0:0" in text:
            crashes += 1
            print(f"LEAK ({shape}) on {target}: a message shows what lies outside the project:\n{text[:2000]}", file=sys.stderr)
        if not result.problems:
            outcomes["accepted"] += 1
        else:
            first = result.problems.items[0].message.split(" : ")[0].split(" (")[0]
            outcomes[first[:60]] += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"{runs} mutants in {args.seconds:.0f} s (seed {args.seed}): {crashes} crash(es)")
    print("  shapes: " + ", ".join(f"{name} {n}" for name, n in shapes.most_common()))
    for outcome, n in outcomes.most_common(14):
        print(f"  {n:6d}  {outcome}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
