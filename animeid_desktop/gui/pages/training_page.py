"""Training: settings, Start/Cancel/Retrain, live curves, ETA and log, then the results."""

from __future__ import annotations

import time
from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
)

from animeid_desktop.core.library.labels import labelled_counts, training_problem
from animeid_desktop.gui import dialogs, style, training_text
from animeid_desktop.gui.icons import icon
from animeid_desktop.gui.jobs import Job
from animeid_desktop.gui.pages.base import Page, PageSpec
from animeid_desktop.gui.widgets.plots import TrainingPlots
from animeid_desktop.gui.widgets.train_form import TrainForm
from animeid_desktop.gui.widgets.train_progress import TrainProgress
from animeid_desktop.gui.widgets.train_results import TrainResults, mode_name


class TrainingPage(Page):
    """Train a recogniser on the labelled images and decide whether to use it."""

    def __init__(self, session, window) -> None:
        super().__init__(session, window)
        self.job: Optional[Job] = None
        self.result = None
        self._epoch_base = 1
        self.models_ready = False
        self._models_job: Optional[Job] = None

        self._build_controls()
        settings_card = self._build_settings_card()
        right = self._build_results(window)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(style.SPACING + 2, style.SPACING + 2, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(settings_card)
        layout.addWidget(right, 1)

        self._redraw_timer = QTimer(self, singleShot=True, interval=160)
        self._redraw_timer.timeout.connect(self.plots.redraw)
        self._retrain_timer = QTimer(self, singleShot=True, interval=400)
        self._retrain_timer.timeout.connect(self._update_retrain)
        session.libraryChanged.connect(self._library_changed)
        session.labelsChanged.connect(lambda _ids: self._retrain_timer.start())
        session.imagesChanged.connect(self.mark_dirty)
        session.charactersChanged.connect(self.mark_dirty)
        session.modelChanged.connect(self._model_changed)

    def _build_controls(self) -> None:
        """The form, its buttons and the status labels of the settings card."""
        self.form = TrainForm()
        self.half_precision = QCheckBox(self.tr("Store in half precision (smaller file)"))
        self.half_precision.setToolTip(self.tr("Save the network's weights as fp16: about half the file for "
                                               "fine-tuned models, the same predictions ('animeid models shrink' "
                                               "does it later)"))
        self.start_button = QPushButton(icon("play", "white"), self.tr("Start training"))
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(icon("stop"), self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.retrain_button = QPushButton(icon("retrain"), self.tr("Retrain"))
        self.retrain_button.setToolTip(self.tr("Your labels changed since the active model was trained: "
                                               "train again with these settings"))
        self.retrain_button.clicked.connect(self.start)
        self.retrain_button.hide()
        self.defaults_button = QPushButton(self.tr("Defaults"))
        self.defaults_button.setToolTip(self.tr("Reset every setting to the reference defaults"))
        self.defaults_button.clicked.connect(self.reset_defaults)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        self.progress = TrainProgress()

    def _build_settings_card(self) -> QFrame:
        """The left card: summary, settings, start/cancel/retrain/defaults and progress."""
        settings_card = QFrame()
        settings_card.setObjectName("Card")
        sl = QVBoxLayout(settings_card)
        sl.setContentsMargins(12, 12, 12, 12)
        sl.setSpacing(style.SPACING)
        title = QLabel(self.tr("Train a recogniser"))
        title.setObjectName("Title")
        sl.addWidget(title)
        sl.addWidget(self.summary)
        sl.addWidget(self.form)
        sl.addWidget(self.half_precision)
        row = QHBoxLayout()
        row.addWidget(self.start_button, 1)
        row.addWidget(self.cancel_button)
        sl.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.retrain_button, 1)
        row.addStretch(0)
        row.addWidget(self.defaults_button)
        sl.addLayout(row)
        sl.addWidget(self.progress)
        sl.addStretch(1)
        settings_card.setFixedWidth(330)

        return settings_card

    def _build_results(self, window) -> QSplitter:
        """The right side: epoch curves above the results and log tabs."""
        self.plots = TrainingPlots()
        self.results = TrainResults()
        self.results.useModel.connect(self.use_model)
        self.results.runChosen.connect(self.show_run)
        self.results.healthWanted.connect(lambda: window.go_to("health"))
        self.results.cellChosen.connect(lambda ids, title: window.show_in_gallery(ids, title))
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.results, icon("check"), self.tr("Results"))
        self.tabs.addTab(self.log, icon("edit"), self.tr("Log"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.plots)
        right.addWidget(self.tabs)
        right.setSizes([260, 420])
        right.setChildrenCollapsible(False)
        return right

    # ------------------------------------------------------------------ state
    def _library_changed(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
        self.result = None
        self.results.show_result(None)
        self.results.set_runs([], None)
        self.plots.reset()
        self.log.clear()
        self.mark_dirty()

    def _load_models(self) -> None:
        """Fill the model list from the core (imports torch: done on a worker thread, once)."""
        if self._models_job is not None:
            return

        no_weights = self.tr(" (no pretrained weights)")

        def work(_control):
            from animeid_desktop.core.engine import registry as models
            from animeid_desktop.core.training import pipeline as training

            titles = {}
            for name in models.MODEL_NAMES:
                available = models.weights_status(name).get("available")
                titles[name] = models.get_spec(name).title + ("" if available else no_weights)
            defaults = {mode: training.default_model(mode) for mode in training.MODES}
            return models.MODEL_NAMES, titles, defaults, training.TrainConfig()

        def loaded(result) -> None:
            names, titles, default, config = result
            self.form.set_models(names, titles, default)
            self.form.set_config(config)
            self.models_ready = True
            self.reload()

        job = self.session.runner.job("load-models", work, title=self.tr("Loading models"))
        job.succeeded.connect(loaded)
        job.failed.connect(lambda message: self._log(
            self.tr("Cannot list the models: {message}").format(message=message)))
        self._models_job = job
        job.start()

    def reload(self) -> None:
        if not self.models_ready:
            self._load_models()
        lib = self.session.lib
        if lib is None:
            return
        counts = labelled_counts(lib)
        problem = training_problem(counts)
        text = self.tr("%n labelled images of {characters} characters.", "", sum(counts.values())).format(
            characters=len(counts))
        if problem:
            text += " " + training_text.training_problem(counts, problem)
        self.summary.setText(text)
        self.start_button.setEnabled(problem is None and self.models_ready and not (self.job and self.job.running))
        self._update_retrain()
        self._refresh_runs()

    def _refresh_runs(self) -> None:
        """Fill the run list; with no result on screen yet, show the active model's run."""
        from animeid_desktop.core.library import runs

        lib = self.session.lib
        if lib is None:
            return
        active = runs.active_run_id(lib)
        if self.result is None and active and not (self.job and self.job.running):
            self.show_run(active)
            return
        self.results.set_runs(runs.list_runs(lib), self.result.run_id if self.result else active)

    def show_run(self, run_id: str) -> None:
        """Show the results and epoch curves of a stored run."""
        from animeid_desktop.core.library import runs
        from animeid_desktop.gui.widgets.train_results import run_result

        lib = self.session.require_lib()
        with dialogs.reporting(self):
            self.result = run_result(runs.get_run(lib, run_id))
            self.results.show_result(self.result, runs.active_run_id(lib))
            self.results.set_runs(runs.list_runs(lib), run_id)
            self.plots.show_history(self.result.history)

    def _model_changed(self) -> None:
        self.results.set_active(self.session.active_run_id())
        self._update_retrain()
        if self.session.lib is not None and not (self.job and self.job.running):
            self._refresh_runs()

    def _update_retrain(self) -> None:
        """Show Retrain when the labels changed since the active model (checked on a worker)."""
        lib = self.session.lib
        running = self.job is not None and self.job.running
        if lib is None or running or not self.session.active_run_id() or not self.models_ready:
            self.retrain_button.hide()
            return

        def work(_control):
            from animeid_desktop.core.training import pipeline as training

            return bool(training.labelled_set_changed(lib))

        job = self.session.runner.job("retrain-check", work, lib=lib, title="")
        job.succeeded.connect(lambda changed: self.retrain_button.setVisible(
            bool(changed) and not (self.job is not None and self.job.running)))
        job.start()

    def reset_defaults(self) -> None:
        from animeid_desktop.core.training import pipeline as training

        self.form.set_config(training.TrainConfig())

    # ------------------------------------------------------------------ running
    def start(self) -> Optional[Job]:
        """Start training with the form's settings (cancels a running training)."""
        from animeid_desktop.core.training import pipeline as training

        lib = self.session.lib
        if lib is None or not self.models_ready:
            return None
        config = self.form.config(training.TrainConfig)
        self.plots.reset()
        self.log.clear()
        self._epoch_base = 1
        self._log(self.tr("Training {model} ({mode}) on {library}").format(
            model=training.model_for(lib, config), mode=mode_name(config.mode), library=lib.root.name))
        half = self.half_precision.isChecked()
        stored = self.tr("Stored in half precision: {before} MB -> {after} MB")

        def work(c):
            result = training.train(lib, config, on_progress=c.progress, should_stop=c.should_stop,
                                    on_event=c.event)
            if half and result.path:
                from animeid_desktop.core.engine.fp16_storage import store_fp16

                before, after = store_fp16(result.path)
                c.event(training.TrainEvent("log", message=stored.format(before=f"{before / 1e6:.1f}",
                                                                         after=f"{after / 1e6:.1f}")))
            return result

        job = self.session.runner.job("train", work, lib=lib, title=self.tr("Training"))
        job.progress.connect(self.progress.show_progress)
        job.events.connect(self._events)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(lambda: self._log(self.tr("Cancelled.")))
        job.finished.connect(self._finished)
        self.job = job
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.retrain_button.hide()
        self.progress.starting()
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.stage.setText(self.tr("Cancelling after this batch…"))

    def _events(self, batch: list) -> None:
        for ev in batch:
            kind = getattr(ev, "kind", "")
            if getattr(ev, "epoch", None) == 0:
                self._epoch_base = 0
            if kind == "batch" and ev.train_loss is not None and ev.steps:
                self.plots.add_batch(ev.epoch - self._epoch_base + ev.step / ev.steps, float(ev.train_loss))
            elif kind == "epoch":
                epoch = ev.epoch - self._epoch_base + 1
                self.plots.add_epoch(epoch, ev.val_loss, ev.val_acc)
                parts = [self.tr("epoch {epoch}/{epochs}").format(epoch=epoch, epochs=ev.epochs)]
                for label, value, fmt in ((self.tr("train loss {value}"), ev.train_loss, ".3f"),
                                          (self.tr("val loss {value}"), ev.val_loss, ".3f"),
                                          (self.tr("val acc {value}"), ev.val_acc, ".1%")):
                    if value is not None:
                        parts.append(label.format(value=f"{value:{fmt}}"))
                self._log(" · ".join(parts))
            elif kind in ("stage", "log") and ev.message:
                text = training_text.message(ev.message)
                self._log(text)
                if kind == "stage":
                    self.progress.stage.setText(text)
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()  # at most ~6 plot redraws a second, however fast batches come

    def _succeeded(self, result) -> None:
        self._redraw_timer.stop()
        self.plots.redraw()
        self.result = result  # training makes the new run the active model
        self.results.show_result(result, self.session.active_run_id())
        self.tabs.setCurrentWidget(self.results)
        done = self.tr("Done: best validation accuracy {accuracy}").format(accuracy=f"{result.best_val_acc:.1%}")
        if result.skipped:
            done += self.tr(" · %n labelled image(s) skipped", "", len(result.skipped))
        self.progress.stage.setText(done)
        self._log(self.tr("Finished in {seconds} s · best {best} · final {final}").format(
            seconds=f"{result.seconds:.1f}", best=f"{result.best_val_acc:.1%}", final=f"{result.final_val_acc:.1%}"))
        self.session.modelChanged.emit()

    def _failed(self, message: str) -> None:
        self._log(self.tr("Failed: {message}").format(message=message))
        self.progress.stage.setText(self.tr("Training failed"))
        self.tabs.setCurrentWidget(self.log)
        dialogs.show_error(self, self.tr("Training failed: {message}").format(message=message))

    def _finished(self) -> None:
        self._redraw_timer.stop()
        self.plots.redraw()
        self.cancel_button.setEnabled(False)
        self.progress.finished(self.job is not None and self.job.state == "succeeded")
        if self.job is not None and self.job.state == "cancelled":
            self.progress.stage.setText(self.tr("Cancelled"))
        self.reload()

    def use_model(self, run_id: str) -> None:
        from animeid_desktop.core.library import runs

        with dialogs.reporting(self):
            runs.set_active(self.session.require_lib(), run_id)
            self.session.modelChanged.emit()
            self.session.message.emit(self.tr("This model is active now: Suggestions and Recognition use it"))

    def _log(self, text: str) -> None:
        self.log.appendPlainText(f"{time.strftime('%H:%M:%S')}  {text}")


PAGE = PageSpec("training", QT_TRANSLATE_NOOP("PageSpec", "Training"), "training", TrainingPage,
                QT_TRANSLATE_NOOP("PageSpec", "Train a recogniser on your labels"))
