"""The "Export for other tools" menu: ONNX model, labels as CSV / JSON / folders, caption files, XMP sidecars."""

from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from animeid_desktop.core.exchange import exports
from animeid_desktop.core.exchange.xmp import export_xmp
from animeid_desktop.core.library.sidecars import SIDECAR_STYLES
from animeid_desktop.gui import dialogs
from animeid_desktop.gui.jobs import Job

translate = QCoreApplication.translate
XMP_STYLES = {f"{SIDECAR_STYLES[0]} (darktable, digiKam)": SIDECAR_STYLES[0],
              f"{SIDECAR_STYLES[1]} (Lightroom)": SIDECAR_STYLES[1]}


def describe(fmt: str, result: dict) -> str:
    """One sentence about a finished export."""
    if fmt == "onnx":
        v = result.get("verification") or {}
        text = translate("CurationExport", "Wrote {path} with %n classes", None, len(result["classes"])).format(
            path=result["path"])
        if v:
            text = translate("CurationExport", "{text}; ONNX Runtime matches PyTorch on {same}/{images} validation "
                             "images").format(text=text, same=v["same_top1"], images=v["images"])
        return text
    if fmt in ("csv", "json"):
        return translate("CurationExport", "Wrote %n labelled images to {path}", None, result["images"]).format(
            path=result["path"])
    if fmt == "folders":
        return translate("CurationExport", "Copied %n images into {folder}", None, result["copied"]).format(
            folder=result["folder"])
    if fmt == "xmp":
        text = translate("CurationExport", "Wrote %n XMP sidecars ({unchanged} unchanged) beside {images} labelled "
                         "images", None, result["sidecars"]).format(unchanged=f"{result['unchanged']:,}",
                                                                    images=f"{result['images']:,}")
        if result["failed"]:
            path, reason = result["failed"][0]
            text = translate("CurationExport", "{text}; %n left alone, e.g. {path}: {reason}", None,
                             len(result["failed"])).format(text=text, path=path, reason=reason)
        return text
    folder = result["folder"] or translate("CurationExport", "the original folders")
    return translate("CurationExport", "Wrote %n caption files into {folder}", None, result["captions"]).format(
        folder=folder)


class ExportMenu(QMenu):
    """Each action asks where to, then runs the export as a background job."""

    def __init__(self, session, parent: QWidget, on_done: Optional[Callable[[str], None]] = None) -> None:
        super().__init__(self.tr("Export"), parent)
        self.session = session
        self.owner = parent
        self.on_done = on_done
        self.job: Optional[Job] = None
        self.addAction(self.tr("Model as ONNX (with class list)…"), lambda: self.export("onnx"))
        self.addSeparator()
        self.addAction(self.tr("Labels as CSV…"), lambda: self.export("csv"))
        self.addAction(self.tr("Labels as JSON…"), lambda: self.export("json"))
        self.addAction(self.tr("Labels as character folders…"), lambda: self.export("folders"))
        self.addAction(self.tr("Caption files for image generators…"), lambda: self.export("captions"))
        self.addAction(self.tr("Tags as XMP sidecars beside the images (digiKam, darktable, Lightroom)…"),
                       lambda: self.export("xmp"))

    def _target(self, fmt: str) -> Optional[str]:
        if fmt == "onnx":
            return dialogs.save_file(self.owner, self.tr("Export the model as ONNX"), self.tr("ONNX models (*.onnx)"))
        if fmt == "csv":
            return dialogs.save_file(self.owner, self.tr("Export labels as CSV"), self.tr("CSV files (*.csv)"))
        if fmt == "json":
            return dialogs.save_file(self.owner, self.tr("Export labels as JSON"), self.tr("JSON files (*.json)"))
        if fmt == "xmp":
            choice = dialogs.ask_choice(self.owner, self.tr("Export tags as XMP sidecars"),
                                        self.tr("Name each sidecar like"), list(XMP_STYLES))
            return XMP_STYLES[choice] if choice else None
        title = (self.tr("Copy labelled images into one folder per character, inside") if fmt == "folders" else
                 self.tr("Copy labelled images with a caption .txt beside each, inside"))
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

        job = self.session.runner.job("export-curation", work, lib=lib, title=self.tr("Exporting"))
        job.succeeded.connect(lambda result: self._finished(describe(fmt, result)))
        job.failed.connect(lambda message: dialogs.show_error(self.owner, message))
        self.job = job
        job.start()
        return job

    def _finished(self, text: str) -> None:
        self.session.message.emit(text)
        if self.on_done:
            self.on_done(text)
