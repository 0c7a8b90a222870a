"""Training page: "Store in half precision" stores the new run's backbone in fp16."""

from __future__ import annotations

from animeid_desktop.core.engine.fp16_storage import storage_dtype
from animeid_desktop.core.engine.model_files import load_meta, load_tensors
from animeid_desktop.core.library.importer import import_paths


def test_half_precision_checkbox_shrinks_the_new_run(qtbot, threaded_window, pictures):
    window = threaded_window
    import_paths(window.session.lib, [pictures])
    window.session.imagesChanged.emit()
    page = window.go_to("training")
    qtbot.waitUntil(lambda: page.models_ready, timeout=120000)
    assert not page.half_precision.isChecked()  # off by default
    page.form.mode.setCurrentIndex(page.form.mode.findData("finetune"))
    page.form.epochs.setValue(1)
    page.form.batch_size.setValue(8)
    page.form.image_size.setValue(64)
    page.half_precision.setChecked(True)
    job = page.start()
    qtbot.waitUntil(lambda: not job.running, timeout=300000)
    assert job.state == "succeeded", job.error
    path = job.result.path
    assert storage_dtype(load_tensors(path)) == "fp16" and load_meta(path)["storage"] == "fp16"
    qtbot.waitUntil(lambda: "Stored in half precision" in page.log.toPlainText())
    assert window.session.active_run_id() == job.result.run_id
