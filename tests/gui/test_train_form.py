"""Training form: the final-fit switch is a fine-tune setting that round-trips through TrainConfig."""

from __future__ import annotations

from animeid_desktop.core.training import TrainConfig
from animeid_desktop.gui.widgets.train_form import TrainForm


def test_final_fit_switch_applies_to_finetune_and_round_trips(qtbot):
    form = TrainForm()
    qtbot.addWidget(form)
    form.set_models(["efficientnet_lite0"], {}, "efficientnet_lite0")
    form.set_config(TrainConfig(mode="head"))
    assert form.final_fit.isChecked() and not form.final_fit.isEnabled()  # head mode has no final fit
    form.mode.setCurrentIndex(form.mode.findData("finetune"))
    assert form.final_fit.isEnabled()
    assert form.config(TrainConfig).resolved_refit() is True
    form.final_fit.setChecked(False)
    config = form.config(TrainConfig)
    assert config.refit is False and config.resolved_refit() is False
    form.set_config(TrainConfig(mode="finetune", refit=False))
    assert not form.final_fit.isChecked()
