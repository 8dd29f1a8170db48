"""The fit's results kept between runs: the .docx is written at once when the same notice was measured before.

Why: the fit (`casplan.render.fit`) asks LibreOffice where the 署名 lands — one or two
LibreOffice runs, seconds, on every `render X.docx`. What it finds depends only on the
document measured, the fonts, LibreOffice and casplan's own code; a plan office renders
the same notice dozens of times a day while it edits the tasks of the attachment (which
the measurement of the 署名 never reads). The result, an `Adjust` of a few numbers, is
kept under the key of all of that; a change to any of it is a new key, so a stale entry
is never found, never trusted.

The key (BLAKE2b): the format, casplan's code fingerprint (`casplan.cache.code_fingerprint`),
the blocks measured (a picture by its file's content), the writer's options and profile,
the fontconfig setup (FONTCONFIG_FILE and its content; the file fontconfig picks for each
family of the profile, with its size and time), and LibreOffice (its program's real path,
its versionrc, the program's size and time).

Trust, as the query cache's: an entry is JSON (never pickle) in the user's cache folder
($XDG_CACHE_HOME/casplan/fit/KEY.json), used only if it is a regular file owned by the
current user, writable by no one else, small, naming its own key and holding an `Adjust`
of the expected shape; anything else is a miss and is measured again. Writing is best
effort: a read-only or full cache folder only means measuring next time. `--no-cache`
and CASPLAN_NO_CACHE bypass it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import asdict, fields
from functools import cache
from pathlib import Path
from typing import Any

from casplan.cache import Miss, read_owned, store as store_entry
from casplan.blocks import Block, Role
from casplan.render.docx_writer import Adjust, Options
from casplan.render.layout import Profile

FORMAT = 1
MAX_ENTRIES = 256
MAX_BYTES = 4096


def folder() -> Path:
    from casplan import cache

    return cache.folder() / "fit"


def disabled() -> bool:
    from casplan import cache

    return cache.disabled()


def key(blocks: list[Block], options: Options, profile: Profile) -> str | None:
    """The entry's name for measuring `blocks`; None when LibreOffice is not installed (nothing is measured)."""
    office = _office()
    if office is None:
        return None
    from casplan.cache import code_fingerprint

    digest = hashlib.blake2b(digest_size=20)
    for part in (f"format {FORMAT}", code_fingerprint(), office, _fonts(profile), repr(options), repr(profile)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for block in blocks:
        text = block.text
        if block.role is Role.IMAGE:
            text = _file_digest(Path(text))  # a chart lives in a temporary file: its content is what counts
        digest.update(f"{block.role.value}\x1f{block.number}\x1f{text}\x1e".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def lookup(name: str) -> Adjust | None:
    """The stored `Adjust` for key `name`, or None: absent, foreign, corrupt or unsafe entries are never used."""
    try:
        raw = read_owned(folder() / f"{name}.json", MAX_BYTES)
    except Miss:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != name:
        return None
    return _adjust(data.get("adjust"))


def store(name: str, adjust: Adjust) -> None:
    """Keep `adjust` under `name`, atomically; any failure (read-only, full, no folder) is silent."""
    payload = json.dumps({"format": FORMAT, "key": name, "adjust": asdict(adjust)}, sort_keys=True).encode()
    store_entry(folder() / f"{name}.json", payload, MAX_ENTRIES)


def _adjust(values: Any) -> Adjust | None:
    if not isinstance(values, dict) or set(values) != {f.name for f in fields(Adjust)}:
        return None
    pitch, before, blank, unnumbered = (values["body_pitch_pt"], values["body_before_pt"],
                                        values["closing_blank_pt"], values["no_imprint_number"])

    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 1000

    if not (pitch is None or number(pitch)) or not number(before) or not (blank is None or number(blank)):
        return None
    if not isinstance(unnumbered, bool):
        return None
    return Adjust(body_pitch_pt=None if pitch is None else float(pitch), body_before_pt=float(before),
                  closing_blank_pt=None if blank is None else float(blank), no_imprint_number=unnumbered)


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _file_digest(path: Path) -> str:
    try:
        return "file " + hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError:
        return f"unreadable {path}"


def _office() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        return None
    program = Path(os.path.realpath(found))
    version = program.parent / "versionrc"
    try:
        rc = version.read_text(encoding="utf-8", errors="replace")
    except OSError:
        rc = ""
    return f"{_stat(program)}\n{rc}"


def _fonts(profile: Profile) -> str:
    """What fontconfig gives LibreOffice for each family: the setup file, and the file it picks."""
    setup = os.environ.get("FONTCONFIG_FILE", "")
    out = [f"FONTCONFIG_FILE={setup}", _file_digest(Path(setup)) if setup else ""]
    for family in sorted(set(asdict(profile.fonts).values())):
        out.append(f"{family}={_match(family, setup)}")
    return "\n".join(out)


@cache
def _match(family: str, setup: str) -> str:
    """The font file fontconfig picks for `family` under the setup file `setup` (FONTCONFIG_FILE)."""
    if shutil.which("fc-match") is None:
        return "no fontconfig"
    try:
        done = subprocess.run(["fc-match", "-f", "%{file}|%{index}", family], capture_output=True, text=True,
                              timeout=10, env={**os.environ, "FONTCONFIG_FILE": setup} if setup else None)
    except (OSError, subprocess.SubprocessError):
        return "fc-match failed"
    file, _, index = done.stdout.partition("|")
    return f"{_stat(Path(file))}:{index}" if file else "none"
