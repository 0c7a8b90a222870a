"""Training settings: model, mode, epochs and the main hyperparameters (reference defaults)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from animeid_desktop.gui import style

MODES = [("head", QT_TRANSLATE_NOOP("TrainForm", "Instant (head only)")),
         ("finetune", QT_TRANSLATE_NOOP("TrainForm", "Fine-tune (slower)"))]


def _spin(lo: int, hi: int, step: int = 1, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setSingleStep(step)
    if special:
        box.setSpecialValueText(special)
    return box


def _dspin(lo: float, hi: float, step: float, decimals: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    return box


class TrainForm(QWidget):
    """Edits a ``TrainConfig``; the defaults come from the dataclass itself."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(style.SPACING - 2)
        self.model = QComboBox()
        self.mode = QComboBox()
        for key, title in MODES:
            self.mode.addItem(self.tr(title), key)
        self.epochs = _spin(0, 500, 1, self.tr("Auto"))
        self.batch_size = _spin(4, 512, 4)
        self.lr = _dspin(1e-6, 1.0, 1e-4, 6)
        self.weight_decay = _dspin(0.0, 1.0, 1e-4, 6)
        self.mixup = _dspin(0.0, 2.0, 0.05, 2)
        self.smoothing = _dspin(0.0, 0.5, 0.01, 3)
        self.image_size = _spin(0, 1024, 32, self.tr("Model default"))
        self.val_percent = _spin(5, 50, 5)
        self.val_percent.setSuffix(" %")  # notr
        self.seed = _spin(0, 2**31 - 1)
        self.final_fit = QCheckBox(self.tr("Retrain on all images"))
        self.final_fit.setChecked(True)
        self.final_fits = _spin(1, 4)  # 4: core.training_finetune.MAX_FINAL_FITS; the default comes with set_config
        self.detected_faces = QCheckBox(self.tr("Learn from their crops"))
        self.detected_faces.setChecked(True)
        self._add_rows(form)
        self._defaults: Dict[str, Any] = {}
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.final_fit.toggled.connect(self._mode_changed)
        self._mode_changed()

    def _add_rows(self, form: QFormLayout) -> None:
        """One labelled row per setting, each with its tooltip."""
        rows = [
            (self.tr("Model"), self.model, self.tr("Backbone network; the defaults run fast on a CPU")),
            (self.tr("Mode"), self.mode, self.tr("Instant: only the last layer learns, on cached features "
                                                 "(seconds). Fine-tune: the whole network learns (minutes, usually "
                                                 "more accurate)")),
            (self.tr("Epochs"), self.epochs, self.tr("Passes over the training images; Auto picks a good number "
                                                     "for the mode")),
            (self.tr("Batch size"), self.batch_size, self.tr("Images per optimisation step")),
            (self.tr("Learning rate"), self.lr, self.tr("AdamW learning rate")),
            (self.tr("Weight decay"), self.weight_decay, self.tr("AdamW weight decay")),
            (self.tr("Mixup α"), self.mixup, self.tr("Strength of Mixup augmentation (0 turns it off)")),
            (self.tr("Label smoothing"), self.smoothing, self.tr("Softens the targets; helps with noisy labels")),
            (self.tr("Image size"), self.image_size, self.tr("Input resolution in pixels")),
            (self.tr("Validation"), self.val_percent, self.tr("Share of each character's images held out to "
                                                              "measure accuracy")),
            (self.tr("Final fit"), self.final_fit, self.tr("Fine-tune: after measuring accuracy on the held-out "
                                                           "images, train the saved model on all images (more "
                                                           "accurate, about three times as long)")),
            (self.tr("Final fits"), self.final_fits, self.tr("Fine-tune: how many final fits (different seeds) are "
                                                             "averaged into the saved model; each fit takes about "
                                                             "as long as the validated run")),
            (self.tr("Detected faces"), self.detected_faces, self.tr("A picture with one character in which the face "
                                                            "detector finds one face also teaches from that "
                                                            "face's crop, so faces in group shots are recognised "
                                                            "(the labels do not change)")),
            (self.tr("Seed"), self.seed, self.tr("Random seed: the same seed and data give the same model")),
        ]
        for label, widget, tip in rows:
            widget.setToolTip(tip)
            form.addRow(label, widget)

    def _mode_changed(self, *_args) -> None:
        finetune = self.mode.currentData() == "finetune"
        self.final_fit.setEnabled(finetune)
        self.final_fits.setEnabled(finetune and self.final_fit.isChecked())

    def set_models(self, names, titles, defaults: Dict[str, str]) -> None:
        """Fill the model list (``titles[name]`` is shown) after a first entry "the mode's default"
        (``defaults``: mode -> model)."""
        self.model.clear()
        self.model.addItem(self.tr("Default: {head} for instant, {finetune} for fine-tune").format(
            head=titles.get(defaults["head"], defaults["head"]),
            finetune=titles.get(defaults["finetune"], defaults["finetune"])), "")
        for name in names:
            self.model.addItem(titles.get(name, name), name)
        self.model.setCurrentIndex(0)

    def set_config(self, config) -> None:
        """Show the values of a ``TrainConfig``."""
        index = self.model.findData(config.model or "")
        if index >= 0:
            self.model.setCurrentIndex(index)
        self.mode.setCurrentIndex(max(0, self.mode.findData(config.mode)))
        self.epochs.setValue(config.epochs or 0)
        self.batch_size.setValue(config.batch_size)
        self.lr.setValue(config.lr)
        self.weight_decay.setValue(config.weight_decay)
        self.mixup.setValue(config.mixup_alpha)
        self.smoothing.setValue(config.label_smoothing)
        self.image_size.setValue(config.image_size or 0)
        self.val_percent.setValue(round(config.val_fraction * 100))
        self.seed.setValue(config.seed)
        self.final_fit.setChecked(config.refit is not False)
        self.final_fits.setValue(config.resolved_final_fits())
        self.detected_faces.setChecked(config.detected_faces)

    def values(self) -> Dict[str, Any]:
        """The form as ``TrainConfig`` keyword arguments."""
        return {
            "model": self.model.currentData() or None,
            "mode": self.mode.currentData(),
            "epochs": self.epochs.value() or None,
            "batch_size": self.batch_size.value(),
            "lr": self.lr.value(),
            "weight_decay": self.weight_decay.value(),
            "mixup_alpha": self.mixup.value(),
            "label_smoothing": self.smoothing.value(),
            "image_size": self.image_size.value() or None,
            "val_fraction": self.val_percent.value() / 100.0,
            "seed": self.seed.value(),
            "refit": None if self.final_fit.isChecked() else False,
            "final_fits": self.final_fits.value(),
            "detected_faces": self.detected_faces.isChecked(),
        }

    def config(self, config_cls):
        """A ``config_cls`` (``TrainConfig``) from the form, keeping fields the form does not show."""
        names = {f.name for f in dataclasses.fields(config_cls)}
        return config_cls(**{k: v for k, v in self.values().items() if k in names})
