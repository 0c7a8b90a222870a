"""The "Export for other tools" menu: ONNX model, labels as CSV / JSON / folders, caption files, XMP sidecars."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtWidgets import QMenu, QWidget

from animeid_desktop.core.exchange import exports
from animeid_desktop.core.exchange.xmp import export_xmp
from animeid_desktop.core.library.sidecars import SIDECAR_STYLES
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.jobs import Job

ONNX_FILTER = "ONNX models (*.onnx)"
JSON_FILTER = "JSON files (*.json)"
XMP_STYLES = {f"{SIDECAR_STYLES[0]} (darktable, digiKam)": SIDECAR_STYLES[0],
              f"{SIDECAR_STYLES[1]} (Lightroom)": SIDECAR_STYLES[1]}


def describe(fmt: str, result: dict) -> str:
    """One sentence about a finished export."""
    if fmt == "onnx":
        v = result.get("verification") or {}
        check = f"; ONNX Runtime matches PyTorch on {v['same_top1']}/{v['images']} validation images" if v else ""
        return f"Wrote {result['path']} with {len(result['classes'])} classes{check}"
    if fmt in ("csv", "json"):
        return f"Wrote {result['images']:,} labelled images to {result['path']}"
    if fmt == "folders":
        return f"Copied {result['copied']:,} images into {result['folder']}"
    if fmt == "xmp":
        text = (f"Wrote {result['sidecars']:,} XMP sidecars ({result['unchanged']:,} unchanged) beside "
                f"{result['images']:,} labelled images")
        if result["failed"]:
            path, reason = result["failed"][0]
            text += f"; {len(result['failed']):,} left alone, e.g. {path}: {reason}"
        return text
    return f"Wrote {result['captions']:,} caption files into {result['folder'] or 'the original folders'}"


class ExportMenu(QMenu):
    """Each action asks where to, then runs the export as a background job."""

    def __init__(self, session, parent: QWidget, on_done: Optional[Callable[[str], None]] = None) -> None:
        super().__init__("Export", parent)
        self.session = session
        self.owner = parent
        self.on_done = on_done
        self.job: Optional[Job] = None
        self.addAction("Model as ONNX (with class list)…", lambda: self.export("onnx"))
        self.addSeparator()
        self.addAction("Labels as CSV…", lambda: self.export("csv"))
        self.addAction("Labels as JSON…", lambda: self.export("json"))
        self.addAction("Labels as character folders…", lambda: self.export("folders"))
        self.addAction("Caption files for image generators…", lambda: self.export("captions"))
        self.addAction("Tags as XMP sidecars beside the images (digiKam, darktable, Lightroom)…",
                       lambda: self.export("xmp"))

    def _target(self, fmt: str) -> Optional[str]:
        if fmt == "onnx":
            return dialogs.save_file(self.owner, "Export the model as ONNX", ONNX_FILTER)
        if fmt == "csv":
            return dialogs.save_file(self.owner, "Export labels as CSV", dialogs.CSV_FILTER)
        if fmt == "json":
            return dialogs.save_file(self.owner, "Export labels as JSON", JSON_FILTER)
        if fmt == "xmp":
            choice = dialogs.ask_choice(self.owner, "Export tags as XMP sidecars", "Name each sidecar like",
                                        list(XMP_STYLES))
            return XMP_STYLES[choice] if choice else None
        title = ("Copy labelled images into one folder per character, inside" if fmt == "folders" else
                 "Copy labelled images with a caption .txt beside each, inside")
        return dialogs.open_folder(self.owner, title)

    def export(self, fmt: str) -> Optional[Job]:
        lib = self.session.lib
        if lib is None:
            return None
        target = self._target(fmt)
        if not target:
            return None

        def work(control):
            if fmt == "onnx":
                return exports.export_onnx(lib, target, on_progress=control.progress)
            if fmt == "xmp":
                return export_xmp(lib, style=target, on_progress=control.progress, should_stop=control.should_stop)
            return exports.export_labels(lib, fmt, target, control.progress, control.should_stop)

        job = self.session.runner.job("export-curation", work, lib=lib, title="Exporting")
        job.succeeded.connect(lambda result: self._finished(describe(fmt, result)))
        job.failed.connect(lambda message: dialogs.show_error(self.owner, message))
        self.job = job
        job.start()
        return job

    def _finished(self, text: str) -> None:
        self.session.message.emit(text)
        if self.on_done:
            self.on_done(text)
