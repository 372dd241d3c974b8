# SPDX-License-Identifier: Apache-2.0
"""Photos of a finding: drag and drop, paste, file picker or folder; stored off the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QImageReader,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldcheck.core.ids import new_id
from fieldcheck.services.evidence import photo_choice
from fieldcheck.ui.shell.ops import Progress, run_op
from fieldcheck.ui.shell.state import AppState

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp"}
THUMB = 96
PENDING = Qt.ItemDataRole.UserRole + 1  # the file of a photo not saved yet
STORED = Qt.ItemDataRole.UserRole + 2  # the id of a stored photo


def photo_files(paths: Iterable[Path]) -> photo_choice.Chosen:
    """The files among paths, with folders expanded to the photos directly inside them
    (never through a link out of the folder; those come back as refused). A file of a
    wrong kind is refused later by the photo service, with the reason."""
    return photo_choice.choose(paths, recursive=False, suffixes=PHOTO_SUFFIXES)


def thumbnail(path: Path) -> QIcon:
    """A small icon, decoded at reduced size (JPEG scaling) so big photos stay fast."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > THUMB * 2:
        reader.setScaledSize(size.scaled(THUMB * 2, THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()


class PhotoArea(QWidget):
    """Stored photos and ones waiting to be stored with the finding."""

    pending_changed = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.state = state
        self.pending: list[Path] = []
        self.list = QListWidget(self)
        self.list.setObjectName("photoList")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMinimumHeight(THUMB + 40)
        self.list.setAcceptDrops(False)  # the area takes the drop, over the list too
        self.setAcceptDrops(True)
        self.pick_button = QPushButton(self.tr("添加照片…"), self)
        self.folder_button = QPushButton(self.tr("添加文件夹…"), self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setText(self.tr("把照片拖到这里，或按 Ctrl+V 粘贴"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if title:
            layout.addWidget(QLabel(title, self))
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.pick_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.hint, 1)
        self.button_row = row
        layout.addLayout(row)
        self.pick_button.clicked.connect(self._pick_files)
        self.folder_button.clicked.connect(self._pick_folder)
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self.list)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self.remove_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_shortcut.activated.connect(self.remove_selected)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(self.open_item)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)

    def show_stored(self, finding_id: str) -> None:
        """List the photos already stored for a finding."""
        self.list.clear()
        self.pending.clear()
        from fieldcheck.services.evidence import photos

        for shot in photos.list_photos(self.state.ctx, finding_id):
            thumb = photos.thumbnail_of(self.state.ctx, shot)  # made again if a crash lost it
            self.add_stored(thumb, shot.kind.value, shot.original_name, shot.sha256, shot.id)

    def add_stored(
        self, thumb: Path, kind: str, name: str, sha256: str, photo_id: str | None = None
    ) -> QListWidgetItem:
        """Show one stored photo (its thumbnail may come a moment later: set the icon then)."""
        label = {"rectification": self.tr("整改后"), "revisit": self.tr("回头看")}.get(
            kind, self.tr("隐患")
        )
        item = QListWidgetItem(thumbnail(thumb), label, self.list)
        item.setToolTip(f"{name}\nSHA-256 {sha256[:16]}…")
        if photo_id is not None:
            item.setData(STORED, photo_id)
        return item

    def add_button(self, button: QPushButton) -> None:
        """Put another way of adding photos beside the file buttons."""
        self.button_row.insertWidget(2, button)

    def add_paths(self, paths: Iterable[Path]) -> None:
        """Queue files (folders expanded) to be stored with the finding."""
        chosen = photo_files(paths)
        if chosen.refused:
            names = "、".join(Path(name).name for name, _ in chosen.refused[:3])
            self.hint.setText(self.tr("这些链接指向所选文件夹之外或指向文件夹，未导入：") + names)
        for path in chosen.files:
            if path in self.pending:
                continue
            self.pending.append(path)
            item = QListWidgetItem(thumbnail(path), self.tr("待保存"), self.list)
            item.setToolTip(str(path))
            item.setData(PENDING, str(path))
        self.pending_changed.emit(len(self.pending))

    def remove_selected(self) -> int:
        """Take the selected not-yet-saved photos off the list; stored ones stay (evidence)."""
        removed = 0
        for item in self.list.selectedItems():
            path = item.data(PENDING)
            if path is None:
                continue
            self.pending.remove(Path(path))
            self.list.takeItem(self.list.row(item))
            removed += 1
        if removed:
            self.pending_changed.emit(len(self.pending))
        return removed

    def _menu(self, pos: Any) -> None:
        from PySide6.QtWidgets import QMenu

        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("查看原图…"), lambda: self.open_item(item))
        remove = menu.addAction(self.tr("移除这张（Delete）"), self.remove_selected)
        remove.setEnabled(item.data(PENDING) is not None)
        if item.data(PENDING) is None:
            remove.setToolTip(self.tr("已保存的照片是证据，不能删除"))
        self.menu = menu
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def open_item(self, item: QListWidgetItem) -> Any:
        """Open a photo full size, with its time, GPS and hash."""
        from fieldcheck.services.evidence import viewing
        from fieldcheck.ui.evidence.photo_viewer import PhotoViewer

        stored = item.data(STORED)
        if stored is not None:
            facts = viewing.stored_facts(self.state.ctx, str(stored))
        else:
            facts = viewing.file_facts(Path(str(item.data(PENDING))))
        self.viewer = PhotoViewer(self.state, facts, self, photo_id=str(stored or ""))
        self.viewer.open()
        return self.viewer

    def paste(self) -> None:
        """Paste photo files, or an image (a screenshot) saved as PNG in the cache first."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime.hasUrls():
            self.add_paths(Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile())
        elif mime.hasImage():
            image = QImage(mime.imageData())
            folder = self.state.ctx.home.cache / "pasted"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{new_id()}.png"
            if image.save(str(target), "PNG"):  # type: ignore[call-overload]
                self.add_paths([target])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths(Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile())
        event.acceptProposedAction()

    def _pick_files(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择照片"),
            "",
            self.tr("照片 (*.jpg *.jpeg *.png *.heic *.heif *.webp)"),
        )
        self.add_paths(Path(f) for f in files)

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择照片所在的文件夹"))
        if folder:
            self.add_paths([Path(folder)])

    def store_pending(self, finding_id: str, kind: str, done: Callable[[list[Any]], None]) -> None:
        """Attach the queued photos in the background; done(results) runs on the UI thread."""
        if not self.pending:
            done([])
            return
        from fieldcheck.services.evidence import photos

        files = list(self.pending)
        ctx, actor = self.state.ctx, self.state.actor_id

        def work(progress: Progress) -> list[Any]:
            results = []
            for i, f in enumerate(files):
                progress(i, len(files), f.name)
                results.extend(
                    photos.attach_photos(ctx, finding_id, [f], kind=kind, actor_id=actor)
                )
            return results

        self.op = run_op(self, work, success=done)
