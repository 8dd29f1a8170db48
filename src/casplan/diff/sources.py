"""Where each side of a diff comes from: a git revision, a directory, or the working tree.

A revision is read straight from git objects (`git ls-tree`, `git cat-file
--batch`) into a temporary folder: no checkout, and nothing in the work tree
or the index changes. The plan folder inside the repository is the one the
other commands use (--plan, $CASPLAN_PLAN, ./plan), taken relative to the
repository's top, so `casplan diff HEAD~1` compares the same folder in the
past.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError
from casplan.load import ENV_VAR, PLAN_FILE, find_plan

OLD, NEW = "旧版", "新版"
WORKTREE = "工作区"


@dataclass(frozen=True)
class Spec:
    """One side as the user wrote it."""

    kind: Literal["rev", "dir", "worktree", "merge-base"]
    text: str = ""  # the revision or the path
    other: str = ""  # for merge-base: the second revision of A...B


@dataclass(frozen=True)
class Side:
    """One side as a plan folder on disk, and how to name it."""

    role: str  # 旧版 or 新版
    label: str  # HEAD~1, 工作区, 目录“old”, …
    root: Path  # the plan folder to load
    shown: str = ""  # what diagnostics call the folder (HEAD~1:plan); "" = the root itself

    def display(self, file: str) -> str:
        """A loaded file's name as the user should read it: HEAD~1:plan/sections/x.yaml."""
        prefix = self.root.as_posix()
        if self.shown and (file == prefix or file.startswith(prefix + "/")):
            return self.shown + file[len(prefix):]
        return file


def parse(old: str | None, new: str | None) -> tuple[Spec, Spec]:
    """The two sides: `A...B` is (merge base of A and B, B), `A..B` is (A, B); NEW omitted is the working tree."""
    if old is None:
        return Spec("rev", "HEAD"), Spec("worktree")
    for sep in ("...", ".."):
        if sep in old and not Path(old).exists():
            if new is not None:
                raise UsageError(f"给了修订范围“{old}”，就不能再给 NEW（“{new}”）")
            a, _, b = old.partition(sep)
            a, b = a or "HEAD", b or "HEAD"
            return (Spec("merge-base", a, b) if sep == "..." else Spec("rev", a)), Spec("rev", b)
    return _spec(old), (_spec(new) if new is not None else Spec("worktree"))


def _spec(text: str) -> Spec:
    if text.startswith("-"):
        raise UsageError(f"“{text}”既不是目录也不是 git 修订")
    return Spec("dir", text) if Path(text).is_dir() else Spec("rev", text)


@contextmanager
def open_sides(
    old: str | None, new: str | None, plan_option: Path | None, env: Mapping[str, str] | None = None
) -> Iterator[tuple[Side, Side]]:
    """Both sides on disk for as long as the block runs (temporary folders are removed after)."""
    env = os.environ if env is None else env
    old_spec, new_spec = parse(old, new)
    with tempfile.TemporaryDirectory(prefix="casplan-diff-") as tmp:
        yield (
            _materialize(OLD, old_spec, plan_option, env, Path(tmp) / "old"),
            _materialize(NEW, new_spec, plan_option, env, Path(tmp) / "new"),
        )


def _materialize(role: str, spec: Spec, plan_option: Path | None, env: Mapping[str, str], tmp: Path) -> Side:
    if spec.kind == "worktree":
        try:
            return Side(role, WORKTREE, find_plan(plan_option, env))
        except UserError as exc:
            raise UserError([_named(role, WORKTREE, d) for d in exc.diagnostics]) from None
    if spec.kind == "dir":
        label = f"目录“{spec.text}”"
        return Side(role, label, _plan_in_dir(role, label, Path(spec.text), plan_option, env))
    wanted = _plan_path(plan_option, env)
    label = f"{spec.text}...{spec.other}" if spec.kind == "merge-base" else spec.text
    repo = Repo.around(wanted, role, label)
    rel = repo.relative(wanted, role, label)
    if spec.kind == "merge-base":
        sha = repo.merge_base(spec.text, spec.other, role)
        label = f"{label} 的合并基础 {sha[:8]}"
    else:
        sha = repo.commit(spec.text, role)
    repo.extract(sha, rel, tmp, role, label, wanted)
    shown = f"{spec.text if spec.kind == 'rev' else sha[:8]}:{rel or '.'}"
    return Side(role, label, tmp, shown)


def _named(role: str, label: str, d: Diagnostic) -> Diagnostic:
    return Diagnostic.make(d.file, (d.line, d.column), d.code, f"{role}（{label}）：{d.message}")


def _error(file: str, code: str, role: str, label: str, message: str) -> UserError:
    return UserError([Diagnostic.make(file, (0, 0), code, f"{role}（{label}）：{message}")])


def _plan_path(plan_option: Path | None, env: Mapping[str, str]) -> Path:
    if plan_option is not None:
        return plan_option
    return Path(env[ENV_VAR]) if env.get(ENV_VAR) else Path("plan")


def _plan_in_dir(role: str, label: str, folder: Path, plan_option: Path | None, env: Mapping[str, str]) -> Path:
    """A directory side: a plan folder itself, or a folder holding the plan where --plan says (./plan by default)."""
    if (folder / PLAN_FILE).is_file():
        return folder
    inner = _plan_path(plan_option, env)
    if not inner.is_absolute() and (folder / inner).is_dir():
        return folder / inner
    msg = f"目录“{folder}”既不是计划目录（没有 {PLAN_FILE}），其中也没有“{inner}”"
    raise _error(folder.as_posix(), "plan-not-found", role, label, msg)


@dataclass(frozen=True)
class Repo:
    """A git repository, read only through plumbing commands that never touch the index."""

    top: Path

    @classmethod
    def around(cls, path: Path, role: str, label: str) -> Repo:
        start = path.absolute()
        while not start.is_dir() and start != start.parent:
            start = start.parent
        out = _git(["rev-parse", "--show-toplevel"], start, role, label)
        if out.returncode != 0:
            msg = f"计划目录“{path}”不在 git 仓库中，读不了修订“{label}”（比较两个目录可写 casplan diff 旧目录 新目录）"
            raise _error(path.as_posix(), "not-a-repository", role, label, msg)
        return cls(Path(out.stdout.decode().strip()))

    def relative(self, path: Path, role: str, label: str) -> str:
        """The plan folder as a path inside the repository ('' for its top)."""
        try:
            rel = path.resolve().relative_to(self.top.resolve())
        except ValueError:
            msg = f"计划目录“{path}”不在仓库“{self.top}”之内"
            raise _error(path.as_posix(), "not-a-repository", role, label, msg) from None
        return "" if str(rel) == "." else rel.as_posix()

    def commit(self, rev: str, role: str) -> str:
        out = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], self.top, role, rev)
        if out.returncode != 0:
            raise _error(self.top.as_posix(), "bad-revision", role, rev, f"仓库中没有修订“{rev}”")
        return out.stdout.decode().strip()

    def merge_base(self, a: str, b: str, role: str) -> str:
        label = f"{a}...{b}"
        first, second = self.commit(a, role), self.commit(b, role)
        out = _git(["merge-base", first, second], self.top, role, label)
        if out.returncode != 0:
            raise _error(self.top.as_posix(), "bad-revision", role, label, f"“{a}”与“{b}”没有共同的祖先")
        return out.stdout.decode().strip()

    def extract(self, sha: str, rel: str, dest: Path, role: str, label: str, wanted: Path) -> None:
        """Write the blobs under `rel` at commit `sha` into `dest`."""
        listing = _git(["ls-tree", "-r", "-z", sha, *(["--", rel] if rel else [])], self.top, role, label)
        entries: list[tuple[str, str]] = []  # (object id, path inside the plan folder)
        prefix = f"{rel}/" if rel else ""
        for record in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
            meta, _, path = record.partition("\t")
            parts = meta.split()
            # Only regular files: symlinks (120000) and submodules (commit) are not plan files.
            if len(parts) == 3 and parts[1] == "blob" and parts[0] != "120000" and path.startswith(prefix):
                entries.append((parts[2], path[len(prefix):]))
        if not entries:
            msg = f"修订中没有计划目录“{rel or '.'}”（按 --plan、${ENV_VAR} 或 ./plan 找到的“{wanted}”）"
            raise _error(wanted.as_posix(), "plan-not-found", role, label, msg)
        blobs = _git(["cat-file", "--batch"], self.top, role, label, "".join(f"{oid}\n" for oid, _ in entries))
        data, at = blobs.stdout, 0
        for _, path in entries:
            header_end = data.index(b"\n", at)
            size = int(data[at:header_end].split()[2])
            body = data[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1  # the body is followed by a newline
            target = dest.joinpath(*PurePosixPath(path).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


def _git(args: list[str], cwd: Path, role: str, label: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    # GIT_OPTIONAL_LOCKS=0: no command here may refresh the index behind the user's back.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        out = subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True,
            input=stdin.encode() if stdin is not None else None, check=False,
        )
    except FileNotFoundError:
        raise _error(cwd.as_posix(), "git-failed", role, label, "找不到 git 命令；请先安装 git") from None
    if out.returncode != 0 and args[0] in {"ls-tree", "cat-file"}:
        why = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _error(cwd.as_posix(), "git-failed", role, label, f"git {args[0]} 失败：{why[-1] if why else out.returncode}")
    return out
