"""The curation commands: clusters, name-cluster, duplicates, health, next, attributes, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from animeid_desktop.cli import main
from animeid_desktop.core.demo import synthetic


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def tiny_library(tmp_path_factory) -> Path:
    """3 labelled characters x 6, a 4th character's 6 pictures loose (unknown), one planted resized copy."""
    root = tmp_path_factory.mktemp("cli-curation")
    written = synthetic.write_folder(root / "art", n_characters=4, per_character=6, size=64, seed=4)
    loose = root / "art"  # files outside character folders stay unlabelled
    newcomer = sorted(n for n in written if n)[-1]
    for path in written[newcomer]:
        path.rename(loose / f"{newcomer}_{path.name}")
    (root / "art" / newcomer).rmdir()
    copy_of = sorted(n for n in written if n)[0]
    Image.open(written[copy_of][0]).resize((48, 48)).save(root / "art" / copy_of / "copy.png")
    assert main(["--library", str(root / "lib"), "import", str(root / "art")]) == 0
    return root / "lib"


@pytest.fixture
def lib(tiny_library, tmp_path) -> Path:
    import shutil

    shutil.copytree(tiny_library, tmp_path / "lib")
    return tmp_path / "lib"


def test_clusters_then_name_one(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "clusters", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["images"] == 6 and doc["clusters"]
    top = doc["clusters"][0]
    code, out, _ = run(capsys, "--library", lib, "clusters")
    assert code == 0 and "cluster 1:" in out and "name-cluster" in out
    code, out, _ = run(capsys, "--library", lib, "name-cluster", top["id"], "newcomer",
                       "--exclude", top["image_ids"][0])
    assert code == 0 and f"labelled {top['size'] - 1} image(s) as newcomer" in out
    code, out, _ = run(capsys, "--library", lib, "characters", "--json")
    assert {c["name"]: c["images"] for c in json.loads(out)}["newcomer"] == top["size"] - 1
    code, _out, err = run(capsys, "--library", lib, "name-cluster", 77, "x")
    assert code == 2 and "no cluster 77" in err and "Traceback" not in err


def test_duplicates_finds_the_planted_copy(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "duplicates", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["groups"] == 1 and doc["images_in_groups"] == 2
    assert doc["duplicate_groups"][0]["kinds"] == ["resized"]
    code, out, _ = run(capsys, "--library", lib, "duplicates", "--hashes-only")
    assert code == 0 and "1 group(s)" in out and "resized" in out


def test_similar_ranks_the_planted_copy_first(capsys, lib, tiny_library):
    copy_of = sorted(s.name for s in synthetic.make_specs(4, 4))[0]
    copy = str(tiny_library.parent / "art" / copy_of / "copy.png")
    code, out, _ = run(capsys, "--library", lib, "similar", copy, "--json", "--limit", 3)
    doc = json.loads(out)
    assert code == 0 and doc["image_id"] is not None and len(doc["matches"]) == 3
    top = doc["matches"][0]
    assert top["character"] == copy_of and top["score"] > 0.9 and top["id"] != doc["image_id"]
    code, out, _ = run(capsys, "--library", lib, "similar", top["id"], "--limit", 1)
    assert code == 0 and out.startswith("  1. ") and "copy.png" in out
    code, _out, err = run(capsys, "--library", lib, "similar", "nothing-here.png")
    assert code == 2 and "neither a library image id nor an image file" in err


def test_json_gives_each_image_path_and_character(capsys, lib):
    names = sorted(s.name for s in synthetic.make_specs(4, 4))
    copy_of, newcomer = names[0], names[-1]
    code, out, _ = run(capsys, "--library", lib, "duplicates", "--json")
    group = json.loads(out)["duplicate_groups"][0]
    assert code == 0 and [i["id"] for i in group["images"]] == group["image_ids"]
    assert {i["character"] for i in group["images"]} == {copy_of}
    assert {Path(i["path"]).parent.name for i in group["images"]} == {copy_of}
    assert "copy.png" in {Path(i["path"]).name for i in group["images"]}
    code, out, _ = run(capsys, "--library", lib, "clusters", "--json")
    clusters = json.loads(out)["clusters"]
    assert code == 0 and clusters
    for cluster in clusters:
        assert [i["id"] for i in cluster["images"]] == cluster["image_ids"]
        assert all(Path(i["path"]).name.startswith(f"{newcomer}_") and i["character"] is None
                   for i in cluster["images"])
    code, out, _ = run(capsys, "--library", lib, "next", "--json", "--no-model")
    queue = json.loads(out)["queue"]
    assert code == 0 and len(queue) == 6
    assert all(Path(item["path"]).name.startswith(f"{newcomer}_") for item in queue)


def test_health_next_and_attributes(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "health", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["duplicate_groups"] == 1 and doc["totals"]["unlabelled"] == 6
    assert any(w["kind"] == "few_images" for w in doc["warnings"])
    code, out, _ = run(capsys, "--library", lib, "health")
    assert code == 0 and "add about" in out and "most confused with" in out
    code, out, _ = run(capsys, "--library", lib, "next", "--json", "--limit", 3)
    assert code == 0 and len(json.loads(out)["queue"]) == 3
    code, _out, err = run(capsys, "--library", lib, "attribute-heads")
    assert code == 2 and "enough labelled examples" in err
    code, _out, err = run(capsys, "--library", lib, "predict-attributes")
    assert code == 2 and "attribute-heads" in err


def test_exports(capsys, lib, tmp_path):
    code, out, _ = run(capsys, "--library", lib, "export", "csv", tmp_path / "labels.csv")
    assert code == 0 and "wrote 19 labelled image(s)" in out
    code, out, _ = run(capsys, "--library", lib, "export", "json", tmp_path / "labels.json", "--json")
    assert code == 0 and json.loads(out)["images"] == 19
    code, out, _ = run(capsys, "--library", lib, "export", "captions", tmp_path / "cap")
    assert code == 0 and len(list((tmp_path / "cap").rglob("*.txt"))) == 19
    code, _out, err = run(capsys, "--library", lib, "export", "json")
    assert code == 2 and "give a target file" in err
    code, _out, err = run(capsys, "--library", lib, "export", "onnx", tmp_path / "m.onnx")
    assert code == 2 and ("no trained model" in err or "needs the" in err)
