"""Reading the project's own input files, and nothing else.

Every file the build reads on the editors' behalf (`facts.yml`, `seeds/articles.yml`, the
articles, `links.txt`, `mkdocs.yml`) goes through `read_input`:

- a symbolic link is followed only while it stays inside the project: a link to
  `/etc/passwd` or `/proc/self/environ` is refused, so no message, page or search index
  can ever show what lies outside;
- only regular files are read: a folder, a named pipe (FIFO) or a device such as
  `/dev/zero` is refused before any byte is read (opening never blocks, thanks to
  O_NONBLOCK), so the build can neither hang nor fill the memory;
- the size bound is applied before reading (from `fstat`), and the read itself stops one
  byte past the bound in case the file grows meanwhile.

Refusals are `Refused` exceptions carrying the French message; a missing file is
`FileNotFoundError`, whose message depends on the file and is the caller's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

MAX_BYTES = 5_000_000


class Refused(Exception):
    """The file may not be read; `str()` is the French message (rule and fix)."""


def _size(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def why(exc: OSError) -> str:
    return {
        errno.EISDIR: "c'est un dossier",
        errno.EACCES: "droits insuffisants",
        errno.EPERM: "droits insuffisants",
        errno.ELOOP: "lien symbolique qui tourne en rond",
        errno.ENAMETOOLONG: "nom trop long",
    }.get(exc.errno or 0, "erreur du système de fichiers")


def write_reason(exc: OSError) -> str:
    """Why a write failed, in French, with what to do."""
    return {
        errno.ENOSPC: "disque plein : libérez de la place",
        errno.EDQUOT: "quota de disque dépassé : libérez de la place",
        errno.EROFS: "disque en lecture seule",
        errno.EPERM: "opération interdite : le fichier ou le dossier est protégé (chattr +i ?) ; retirez la protection",
        errno.EACCES: "droits insuffisants : vérifiez les droits du dossier",
        errno.EBUSY: "dossier occupé par un autre programme",
        errno.EFBIG: "fichier trop gros pour ce système de fichiers (limite de taille atteinte) : libérez de la place ou levez la limite",
    }.get(exc.errno or 0, f"erreur du système de fichiers ({os.strerror(exc.errno) if exc.errno else exc})")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "c'est un dossier"
    if stat.S_ISFIFO(mode):
        return "c'est un tube nommé"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "c'est un périphérique"
    if stat.S_ISSOCK(mode):
        return "c'est une prise réseau"
    return "ce n'est pas un fichier ordinaire"


def inside(path: Path, root: Path) -> bool:
    """True when `path`, links resolved, is `root` or lies under it (links resolved too)."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def outside_link(path: Path, root: Path) -> str | None:
    """Where `path` leads when a link along it leaves `root`, else None: the link's own
    target when `path` is the link (as the editor wrote it), else the resolved path."""
    if inside(path, root):
        return None
    return os.readlink(path) if os.path.islink(path) else os.path.realpath(path)


def read_input(path: Path, root: Path, noun: str = "fichier", limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, a regular file inside `root` of at most `limit` bytes.

    Raises FileNotFoundError when it does not exist, `Refused` for anything else."""
    target = outside_link(path, root)
    if target is not None:
        raise Refused(
            f"lien symbolique vers « {target} », hors du projet : le build ne lit rien hors du projet ; "
            "remplacez le lien par une copie du fichier"
        )
    try:
        fd = os.open(os.path.realpath(path), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused(f"{noun} illisible ({why(exc)}) : vérifiez qu'il s'agit d'un fichier texte lisible") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"{noun} illisible ({_kind(info.st_mode)}) : vérifiez qu'il s'agit d'un fichier texte lisible")
        if info.st_size > limit:
            raise Refused(f"fichier trop gros ({_size(info.st_size)} octets, maximum {_size(limit)}) : découpez-le ou allégez-le")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise Refused(f"fichier trop gros (plus de {_size(limit)} octets) : découpez-le ou allégez-le")
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(f"{noun} illisible ({why(exc)}) : vérifiez qu'il s'agit d'un fichier texte lisible") from None
    finally:
        os.close(fd)


def unsafe_entries(folder: Path, root: Path) -> list[tuple[Path, str]]:
    """What in `folder` (a folder the build reads or writes whole: docs/, templates/,
    overrides/) would lead it out of the project or make it hang: a link leading out of the
    project (the folder itself or anything in it) and any special file (FIFO, device,
    socket). Returns (path, French message) pairs; links inside the project are fine."""
    out: list[tuple[Path, str]] = []
    target = outside_link(folder, root)
    if target is not None:
        return [(folder, f"lien symbolique vers « {target} », hors du projet : le build ne lit ni n'écrit rien hors "
                         "du projet ; remplacez le lien par un vrai dossier")]
    if not folder.is_dir():
        return out
    for base, dirs, files in os.walk(folder):  # links are listed, never followed
        for name in sorted(dirs + files):
            path = Path(base) / name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                target = outside_link(path, root)
                if target is not None:
                    out.append((path, f"lien symbolique vers « {target} », hors du projet : le site publierait ce qu'il "
                                      "y a derrière ; remplacez le lien par une copie du fichier"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                out.append((path, f"fichier spécial ({_kind(mode)}) : le build ne lit que des fichiers ordinaires ; "
                                  "supprimez-le"))
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Read once, at import: `os.umask` can only be read by setting it, which is not safe once
#: the preview's threads run.
UMASK = _umask()


def replace_atomically(target: Path, content: str | bytes) -> None:
    """Write `content` to `target` through a temporary file beside it, then a rename: at every
    instant `target` is the whole old file or the whole new one, never a truncated one (a
    full disk, a kill, a crash mid-write). OSError when it cannot be done; `target` is then
    unchanged and no temporary file is left.

    The temporary file has a name of its own (two writers never share one) and is created
    afresh. A file that exists keeps its mode (and its owner and group, where the system lets
    us): a hand-kept file such as mkdocs.yml or links.txt stays as the team set it."""
    tmp = None
    try:
        try:
            kept = os.stat(target)
        except FileNotFoundError:
            kept = None
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), stat.S_IMODE(kept.st_mode) if kept else 0o666 & ~UMASK)
            if kept and (kept.st_uid, kept.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(handle.fileno(), kept.st_uid, kept.st_gid)
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def from_base(path: str, base: Path | None) -> str:
    """`path` from `base` when it lies there (`templates/page.md.j2`), else as given; installed
    packages' files (the theme's, in a virtual environment that may lie in the project) are
    known by where they are installed."""
    if base is not None and not os.path.abspath(path).startswith(os.path.join(sys.prefix, "")):
        relative = os.path.relpath(path, base)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative
    return path


def bytecode_cache(folder: Path, base: Path | None = None):
    """A Jinja bytecode cache in `folder` that never ends a build: a cache that cannot be made,
    read or written (disk full, protected or misplaced `.cache`) only costs the time to
    compile the templates again. None when the folder cannot be made.

    A template file inside `base` (the project) is known by its path from there, not from
    the root of the disk: a copy of the project elsewhere (a test's throw-away project, a
    clone moved) finds the templates compiled for the same sources. Jinja compiles a
    template again whenever its source differs from the one compiled (a checksum)."""
    import jinja2

    class Quiet(jinja2.FileSystemBytecodeCache):
        def get_cache_key(self, name: str, filename: str | None = None) -> str:
            # Jinja encodes the template's path as strict UTF-8: a project path that an
            # ASCII-only locale decoded with escapes (é → \udcc3\udca9) would end the build
            import hashlib

            digest = hashlib.sha1(name.encode("utf-8", "surrogateescape"))
            if filename is not None:
                digest.update(b"|" + os.fsencode(from_base(filename, base)))
            return digest.hexdigest()

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError, EOFError, ValueError):
                super().load_bytecode(bucket)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError, UnicodeError):  # Jinja removes its own temporary file
                super().dump_bytecode(bucket)

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Quiet(str(folder))
