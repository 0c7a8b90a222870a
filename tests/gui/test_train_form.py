"""Training form: the final-fit and detected-faces switches round-trip through TrainConfig."""

from __future__ import annotations

from animeid_desktop.core.training.pipeline import TrainConfig
from animeid_desktop.gui.widgets.train_form import TrainForm

DEFAULTS = {"head": "anime_lite0", "finetune": "efficientnet_lite0"}


def test_final_fit_switch_applies_to_finetune_and_round_trips(qtbot):
    form = TrainForm()
    qtbot.addWidget(form)
    form.set_models(["efficientnet_lite0"], {}, DEFAULTS)
    form.set_config(TrainConfig(mode="head"))
    assert form.final_fit.isChecked() and not form.final_fit.isEnabled()  # head mode has no final fit
    form.mode.setCurrentIndex(form.mode.findData("finetune"))
    assert form.final_fit.isEnabled()
    assert form.config(TrainConfig).resolved_refit() is True
    form.final_fit.setChecked(False)
    config = form.config(TrainConfig)
    assert config.refit is False and config.resolved_refit() is False
    assert not form.final_fits.isEnabled()  # no final fit: nothing to count
    form.set_config(TrainConfig(mode="finetune", refit=False))
    assert not form.final_fit.isChecked()


def test_final_fits_count_round_trips_and_follows_the_switch(qtbot):
    form = TrainForm()
    qtbot.addWidget(form)
    form.set_models(["efficientnet_lite0"], {}, DEFAULTS)
    form.set_config(TrainConfig(mode="finetune"))
    assert form.final_fits.value() == TrainConfig().resolved_final_fits() and form.final_fits.isEnabled()
    form.final_fits.setValue(1)
    assert form.config(TrainConfig).resolved_final_fits() == 1
    form.set_config(TrainConfig(mode="finetune", final_fits=3))
    assert form.final_fits.value() == 3
    form.mode.setCurrentIndex(form.mode.findData("head"))
    assert not form.final_fits.isEnabled()


def test_the_model_list_starts_with_each_modes_default_and_round_trips(qtbot):
    form = TrainForm()
    qtbot.addWidget(form)
    form.set_models(["anime_lite0", "efficientnet_lite0"], {"anime_lite0": "Anime Lite0"}, DEFAULTS)
    assert "Anime Lite0 for instant" in form.model.itemText(0) and "efficientnet_lite0 for fine-tune" in \
        form.model.itemText(0)
    form.set_config(TrainConfig(mode="finetune"))
    config = form.config(TrainConfig)
    assert config.model is None and config.mode == "finetune"  # the mode's default, decided by the core
    form.model.setCurrentIndex(form.model.findData("efficientnet_lite0"))
    form.mode.setCurrentIndex(form.mode.findData("head"))
    assert form.config(TrainConfig).model == "efficientnet_lite0"  # a named model is kept
    form.set_config(TrainConfig(mode="head"))
    assert form.model.currentIndex() == 0 and form.config(TrainConfig).model is None


def test_the_detected_faces_switch_round_trips(qtbot):
    form = TrainForm()
    qtbot.addWidget(form)
    form.set_models(["efficientnet_lite0"], {}, DEFAULTS)
    form.set_config(TrainConfig())
    assert form.detected_faces.isChecked() and form.config(TrainConfig).detected_faces  # on by default
    form.detected_faces.setChecked(False)
    assert form.config(TrainConfig).detected_faces is False
    form.set_config(TrainConfig(detected_faces=False))
    assert not form.detected_faces.isChecked()
