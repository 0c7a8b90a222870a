"""The recommendation follows the measurements: fabricated records, changed one number at a time."""

from __future__ import annotations

import copy

import pytest

from animeid_desktop.core.benchmark.recommend import PROFILES, recommend, standard_error, within_noise


def rec(model, title, acc, ms, mb, mem, ips, n_val=1000, mode="finetune", pretrained=True, status="measured"):
    return {"model": model, "title": title, "status": status, "best_val_acc": acc, "ms_b1_mean": ms,
            "ms_b1_p95": ms * 1.2, "file_mb": mb, "peak_mem_mb": mem, "images_per_s": ips, "batch": 8,
            "n_val": n_val, "mode": mode, "pretrained": pretrained}


@pytest.fixture
def reference():
    """The reference write-up's four models (its accuracy, size and ms; memory/throughput made up)."""
    return [
        rec("efficientnet_b3", "EfficientNet-B3", 0.9392, 15.86, 56.5, 300, 80),
        rec("efficientnet_b0", "EfficientNet-B0", 0.9316, 12.87, 29.2, 150, 110),
        rec("mobilenet_v2", "MobileNetV2", 0.9144, 12.53, 14.9, 100, 130),
        rec("resnet50", "ResNet-50", 0.9068, 18.24, 295.2, 400, 50),
    ]


def picks(records):
    return {p.key: p.model for p in recommend(records).picks}


def find(records, model):
    return next(r for r in records if r["model"] == model)


def test_every_pick_has_a_model_and_one_sentence(reference):
    result = recommend(reference)
    assert [p.key for p in result.picks] == list(PROFILES)
    for p in result.picks:
        assert p.model in {r["model"] for r in reference}
        assert p.reason.endswith(".") and p.reason.count(". ") == 0 and p.title in p.reason
    assert result.pick("highest_accuracy").model == "efficientnet_b3"
    assert "93.9%" in result.pick("highest_accuracy").reason
    assert result.pick("resource_bound").model == "mobilenet_v2"


def test_highest_accuracy_follows_the_accuracy(reference):
    changed = copy.deepcopy(reference)
    find(changed, "resnet50")["best_val_acc"] = 0.97
    assert picks(reference)["highest_accuracy"] == "efficientnet_b3"
    assert picks(changed)["highest_accuracy"] == "resnet50"
    assert picks(changed)["server"] == "resnet50"


def test_resource_bound_follows_speed_size_and_memory(reference):
    changed = copy.deepcopy(reference)
    find(changed, "mobilenet_v2").update(ms_b1_mean=40.0, file_mb=60.0, peak_mem_mb=500)
    assert picks(reference)["resource_bound"] == "mobilenet_v2"
    assert picks(changed)["resource_bound"] == "efficientnet_b0"
    assert picks(changed)["mobile_edge"] == "efficientnet_b0"


def test_balance_and_desktop_follow_latency(reference):
    before = picks(reference)
    changed = copy.deepcopy(reference)
    find(changed, "efficientnet_b0")["ms_b1_mean"] = 3.0  # B0 suddenly four times faster
    after = picks(changed)
    assert before["desktop_web"] != "efficientnet_b0"
    assert after["desktop_web"] == "efficientnet_b0" and after["best_balance"] == "efficientnet_b0"


def test_noise_warning_depends_on_the_validation_set_size(reference):
    small = copy.deepcopy(reference)
    for r in small:
        r["n_val"] = 150
    large = copy.deepcopy(reference)
    for r in large:
        r["n_val"] = 200_000
    warn_small = [w for w in recommend(small).warnings if "noise" in w]
    assert len(warn_small) == 1
    assert "EfficientNet-B0" in warn_small[0] and "150-image" in warn_small[0]
    assert not [w for w in recommend(large).warnings if "noise" in w]


def test_within_noise_uses_two_standard_errors():
    a = {"best_val_acc": 0.90, "n_val": 100}
    assert within_noise(a, {"best_val_acc": 0.85, "n_val": 100}) is True
    assert within_noise(a, {"best_val_acc": 0.70, "n_val": 100}) is False
    assert within_noise(a, {"best_val_acc": 0.85, "n_val": None}) is None
    assert standard_error(1.0, 50) > 0  # a perfect score still has an error bar


def test_unknown_validation_size_is_said(reference):
    for r in reference:
        r["n_val"] = None
    assert any("unknown" in w for w in recommend(reference).warnings)


def test_before_training_only_cost_picks_are_made(reference):
    for r in reference:
        r["best_val_acc"] = None
    result = recommend(reference)
    assert result.pick("highest_accuracy").model is None
    assert "Train all four" in result.pick("highest_accuracy").reason
    assert result.pick("resource_bound").model == "mobilenet_v2"
    assert "no model is trained yet" in result.pick("best_balance").reason
    assert result.warnings == []


def test_much_less_accurate_models_are_not_recommended_for_accuracy_weighted_uses(reference):
    find(reference, "mobilenet_v2")["best_val_acc"] = 0.80  # three times the mistakes of B3
    result = picks(reference)
    assert result["resource_bound"] == "mobilenet_v2"  # cost only: still the leanest
    assert "mobilenet_v2" not in (result["mobile_edge"], result["best_balance"], result["desktop_web"])


def test_untrained_and_failed_models_are_left_out_of_accuracy_picks(reference):
    reference.append(rec("efficientnet_lite0", "EfficientNet-Lite0", None, 5.0, 13.7, 50, 300))
    reference.append(rec("x", "Broken", 0.99, 1.0, 1.0, 1.0, 1000, status="failed"))
    result = picks(reference)
    assert result["highest_accuracy"] == "efficientnet_b3"
    assert result["resource_bound"] == "efficientnet_lite0"
    assert "efficientnet_lite0" not in (result["best_balance"], result["server"])


def test_unfair_comparisons_are_flagged(reference):
    find(reference, "resnet50")["pretrained"] = False
    find(reference, "efficientnet_b0")["mode"] = "head"
    warnings = recommend(reference).warnings
    assert any("ResNet-50" in w and "random weights" in w for w in warnings)
    assert any("training modes" in w for w in warnings)


def test_nothing_measured():
    result = recommend([])
    assert all(p.model is None for p in result.picks)
    assert result.to_json()["picks"][0]["reason"]
