# SPDX-License-Identifier: Apache-2.0
"""Backup and restore: one file with a consistent database copy, the photos and the keys.

The database is copied with SQLite's online backup API (a consistent snapshot even while
the window writes); the signing keys are the sealed rows inside it and the files under
``keys/``, copied as they are. A restore unpacks into a staging folder, checks every file
against the manifest's SHA-256, opens the copy and verifies every signature, signed file
and the audit chain, and only then swaps it in; the data it replaces is kept aside.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from fieldcheck import paths
from fieldcheck.core import clock
from fieldcheck.core.errors import DomainError
from fieldcheck.services.context import AppContext, open_context
from fieldcheck.services.sync.home_check import RESTORED_KEY
from fieldcheck.services.trust.verify import verify_all
from fieldcheck.storage import device_repo, notice_repo

FORMAT = "fieldcheck-backup/1"
MANIFEST = "manifest.json"
DB_NAME = "fieldcheck.db"


class BackupError(DomainError):
    """A backup that cannot be made, read or trusted; nothing was replaced."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    device_code: str
    created_at: str
    files: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _device(ctx: AppContext) -> str:
    with ctx.db.transaction() as s:
        return notice_repo.device_code(s)


def _folders(home: paths.Home) -> tuple[Path, ...]:
    """What a backup holds beside the database: the evidence (photos, the issued and
    pulled documents' signed PDFs and certificates, citizens' report photos) and the keys."""
    return (home.photos, home.documents, home.report_photos, home.keys)


def create_backup(ctx: AppContext, out: str | Path) -> BackupInfo:
    """Write one .zip with the database snapshot, the folders of ``_folders`` and their
    hashes."""
    out = Path(out)
    device = _device(ctx)
    with tempfile.TemporaryDirectory(prefix="fieldcheck-backup-") as tmp:
        snap = Path(tmp) / DB_NAME
        src = sqlite3.connect(ctx.home.database)
        dst = sqlite3.connect(snap)
        try:
            src.backup(dst)  # consistent even while the app writes
        finally:
            dst.close()
            src.close()
        entries = [(DB_NAME, snap)]
        for folder in _folders(ctx.home):
            if folder.is_dir():
                entries += [
                    (p.relative_to(ctx.home.root).as_posix(), p)
                    for p in sorted(folder.rglob("*"))
                    if p.is_file()
                ]
        manifest = {
            "format": FORMAT,
            "device_code": device,
            "created_at": clock.now().isoformat(),
            "files": {name: _sha256(p) for name, p in entries},
        }
        part = out.with_name(out.name + ".part")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, p in entries:
                z.write(p, name)
        part.replace(out)
    return BackupInfo(out, device, str(manifest["created_at"]), len(entries))


def read_manifest(path: str | Path) -> dict[str, object]:
    try:
        with zipfile.ZipFile(path) as z:
            manifest: dict[str, object] = json.loads(z.read(MANIFEST))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path}: not a fieldcheck backup ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    return manifest


class ForeignBackupError(BackupError):
    """The backup holds another device's data; restore it only to move devices."""


def device_of_home(root: str | Path) -> str | None:
    """The device code of the data at root, or None where there is no data yet."""
    home = paths.home(root)
    if not home.database.exists():
        return None
    with open_context(home.root) as current:
        return _device(current)


def check_backup(root: str | Path, backup: str | Path, *, move_device: bool = False) -> Path:
    """Unpack the backup beside the data at root and check all of it; nothing is replaced.

    Returns the checked copy (a folder under root) for ``install_checked``. Every file
    must match the manifest's SHA-256, and every signature, signed file and the audit
    chain must verify. A backup of another device's data is refused (ForeignBackupError)
    unless ``move_device``.
    """
    home = paths.home(root)
    manifest = read_manifest(backup)
    files = manifest.get("files")
    if not isinstance(files, dict) or DB_NAME not in files:
        raise BackupError(f"{backup}: the backup lists no database")
    mine = device_of_home(home.root)
    if mine is not None and not move_device and mine != manifest.get("device_code"):
        raise ForeignBackupError(
            f"{backup} holds device {manifest.get('device_code')}'s data, this is device "
            f"{mine}; restore it only to move devices (--move-device)"
        )
    home.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=home.root))
    try:
        with zipfile.ZipFile(backup) as z:
            names = set(z.namelist()) - {MANIFEST}
            if names != set(files):
                raise BackupError(f"{backup}: its files do not match its manifest")
            for name in sorted(names):
                target = (staging / name).resolve()
                if staging.resolve() not in target.parents:
                    raise BackupError(f"{backup}: a file name leaves the folder: {name!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(name) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                if _sha256(target) != files[name]:
                    raise BackupError(f"{backup}: {name} does not match its SHA-256")
        with open_context(staging) as ctx:
            report = verify_all(ctx)
            if report.failures or report.audit_problem:
                first = report.failures[0].reason if report.failures else report.audit_problem
                raise BackupError(f"{backup}: the data does not verify ({first})")
            with ctx.db.transaction() as s:
                device_repo.put(s, RESTORED_KEY, str(manifest.get("created_at")))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def install_checked(root: str | Path, staging: Path) -> None:
    """Swap a checked copy in; the replaced data is kept aside. Close the data first."""
    try:
        _swap(paths.home(root), staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_backup(
    root: str | Path, backup: str | Path, *, move_device: bool = False
) -> BackupInfo:
    """Replace the data at root with the backup, after checking all of it.

    A backup of another device's data is refused unless ``move_device`` (this machine
    takes over that device's records). The restored home is flagged for re-enrolment.
    """
    manifest = read_manifest(backup)
    staging = check_backup(root, backup, move_device=move_device)
    install_checked(root, staging)
    files = manifest.get("files")
    count = len(files) if isinstance(files, dict) else 0
    return BackupInfo(Path(backup), str(manifest.get("device_code")), "", count)


def _swap(home: paths.Home, staging: Path) -> None:
    """Keep the replaced data aside (never deleted), then move the checked copy in."""
    aside = home.root / f"before-restore-{clock.now():%Y%m%dT%H%M%S}"
    aside.mkdir()
    folders = [f.name for f in _folders(home)]
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", *folders):
        if (home.root / name).exists():
            (home.root / name).replace(aside / name)
    for name in (DB_NAME, *folders):
        if (staging / name).exists():
            (staging / name).replace(home.root / name)


def restored_needs_enrolment(ctx: AppContext) -> bool:
    """True on a home restored from a backup and not enrolled again since (home_check.py)."""
    with ctx.db.read() as s:
        return bool(device_repo.get(s, RESTORED_KEY))
