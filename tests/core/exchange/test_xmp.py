"""XMP sidecars: written beside the images for other tools, read back on import (and captions too)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from animeid_desktop.core.demo import synthetic
from animeid_desktop.core.exchange.xmp import export_xmp, sidecar_bytes
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.folder import Library
from animeid_desktop.core.library.importer import import_paths
from animeid_desktop.core.library.sidecars import NS, SIDECAR_STYLES, sidecar_path

EXIFTOOL = shutil.which("exiftool")
NAMES = ["toyama_rin", "aoba"]

# What darktable writes beside a photo, with a hand-made keyword and an old AnimeID tag in it.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    darktable:xmp_version="5" darktable:raw_params="0">
   <darktable:history><rdf:Seq><rdf:li darktable:operation="exposure" darktable:enabled="1"/></rdf:Seq>
   </darktable:history>
   <dc:subject><rdf:Bag><rdf:li>landscape</rdf:li><rdf:li>old_name</rdf:li></rdf:Bag></dc:subject>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Tokyo</rdf:li><rdf:li>AnimeID|Characters|old_name</rdf:li>
   </rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def _sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _bag(path, prop: str) -> list:
    """The ``rdf:li`` texts of one property, read with a plain XML parser."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{NS['x']}}}xmpmeta"
    return [li.text for el in root.iter(prop) for li in el.iter(f"{{{NS['rdf']}}}li")]


def _exiftool(path) -> dict:
    out = subprocess.run([EXIFTOOL, "-j", "-G1", "-struct", str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)[0]


@pytest.fixture
def tagged(tmp_path):
    """Loose images (no character folders) labelled by hand, with attributes; returns (library, folder, truth)."""
    folder = tmp_path / "pics"
    folder.mkdir()
    truth = {}
    for i in range(6):
        path = folder / f"p{i}.png"
        synthetic.make_image(i % 2, image_seed=i, size=40)[0].save(path)
        truth[str(path)] = NAMES[i % 2]
    truth.pop(str(folder / "p5.png"))  # one stays unlabelled
    lib = Library.open(tmp_path / "lib")
    import_paths(lib, [folder])
    for name in NAMES:
        L.add_character(lib, name)
        L.set_labels(lib, L.image_ids_for_paths(lib, [p for p, n in truth.items() if n == name]), name)
    L.define_attribute(lib, NAMES[0], "glasses", "bool")
    L.define_attribute(lib, NAMES[0], "mood", "choice", ["smile", "angry"])
    L.set_attribute_values(lib, L.image_ids_for_paths(lib, [str(folder / "p0.png")]), NAMES[0],
                           {"glasses": "yes", "mood": "smile"})
    yield lib, folder, truth
    lib.close()


def _labels(lib) -> dict:
    return {r["path"]: r["character"] for r in L.labelled_images(lib)}


@pytest.mark.parametrize("style", SIDECAR_STYLES)
def test_round_trip_through_a_fresh_library_keeps_labels_and_leaves_images_alone(tagged, tmp_path, style):
    lib, folder, truth = tagged
    before = {p.name: (_sha(p), p.stat().st_mtime_ns) for p in folder.glob("*.png")}
    result = export_xmp(lib, style=style)
    assert (result["sidecars"], result["images"], result["failed"]) == (5, 5, [])
    assert {p.name: (_sha(p), p.stat().st_mtime_ns) for p in folder.glob("*.png")} == before
    assert not Path(sidecar_path(str(folder / "p5.png"), style)).exists()  # unlabelled: no sidecar
    first = sidecar_path(str(folder / "p0.png"), style)
    assert first.endswith("p0.png.xmp" if style == "image.jpg.xmp" else "p0.xmp")
    assert _bag(first, f"{{{NS['lr']}}}hierarchicalSubject") == [
        "AnimeID|Characters|toyama_rin", "AnimeID|Attributes|glasses|yes", "AnimeID|Attributes|mood|smile"]
    assert _bag(first, f"{{{NS['digiKam']}}}TagsList")[0] == "AnimeID/Characters/toyama_rin"
    assert _bag(first, f"{{{NS['dc']}}}subject") == ["toyama_rin", "glasses", "smile"]

    fresh = Library.open(tmp_path / "fresh")
    report = import_paths(fresh, [folder])
    assert _labels(fresh) == truth
    assert (report.tagged, report.tag_problems, report.unlabelled_loose) == (5, [], 1)
    fresh.close()


@pytest.mark.skipif(EXIFTOOL is None, reason="exiftool is not installed (apt-get install libimage-exiftool-perl)")
def test_exiftool_reads_the_hierarchical_tags(tagged):
    lib, folder, _truth = tagged
    export_xmp(lib)
    info = _exiftool(folder / "p0.png.xmp")
    assert info["XMP-lr:HierarchicalSubject"][0] == "AnimeID|Characters|toyama_rin"
    assert info["XMP-digiKam:TagsList"][0] == "AnimeID/Characters/toyama_rin"
    assert info["XMP-dc:Subject"] == ["toyama_rin", "glasses", "smile"]


def test_existing_sidecar_keeps_its_foreign_content(tagged):
    lib, folder, _truth = tagged
    side = folder / "p1.png.xmp"
    side.write_text(FOREIGN, encoding="utf-8")
    export_xmp(lib)
    assert _bag(side, f"{{{NS['lr']}}}hierarchicalSubject") == ["Places|Tokyo", "AnimeID|Characters|aoba"]
    assert _bag(side, f"{{{NS['dc']}}}subject") == ["landscape", "aoba"]  # the old AnimeID leaf went
    description = ET.parse(side).getroot().find(f".//{{{NS['rdf']}}}Description")
    assert description.get("{http://darktable.sf.net/}xmp_version") == "5"
    assert description.find("{http://darktable.sf.net/}history") is not None
    assert "xmlns:darktable=" in side.read_text(encoding="utf-8")  # the tool's own prefix, not ns0
    if EXIFTOOL:
        assert _exiftool(side)["XMP-darktable:Xmp_version"] == 5

    L.clear_labels(lib, L.image_ids_for_paths(lib, [str(folder / "p1.png")]))
    assert export_xmp(lib)["sidecars"] == 1  # only p1 changed: its AnimeID entries are removed
    assert _bag(side, f"{{{NS['lr']}}}hierarchicalSubject") == ["Places|Tokyo"]
    assert _bag(side, f"{{{NS['dc']}}}subject") == ["landscape"]


def test_unchanged_labels_rewrite_nothing(tagged):
    lib, folder, _truth = tagged
    export_xmp(lib)
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.xmp")}
    again = export_xmp(lib)
    assert (again["sidecars"], again["unchanged"]) == (0, 5)
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.xmp")} == stamps


def test_a_sidecar_that_is_not_xmp_is_left_alone_and_named(tagged):
    lib, folder, _truth = tagged
    side = folder / "p0.png.xmp"
    side.write_bytes(b"my notes, not XML")
    result = export_xmp(lib)
    assert result["sidecars"] == 4
    [(path, reason)] = result["failed"]
    assert path == str(side) and "not well-formed XML" in reason and "move it away" in reason
    assert side.read_bytes() == b"my notes, not XML"


def test_two_images_sharing_a_stem_sidecar_are_reported(tagged):
    lib, folder, _truth = tagged
    synthetic.make_image(0, image_seed=99, size=40)[0].save(folder / "p0.jpg", "JPEG")  # p0.png's stem
    import_paths(lib, [folder / "p0.jpg"])
    L.set_labels(lib, L.image_ids_for_paths(lib, [str(folder / "p0.jpg")]), NAMES[1])
    result = export_xmp(lib, style="image.xmp")
    [(path, reason)] = result["failed"]
    assert path == str(folder / "p0.xmp") and "image.jpg.xmp" in reason


def test_import_reads_keywords_and_captions_naming_known_characters(library, tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    for i in range(4):
        synthetic.make_image(i, size=40)[0].save(folder / f"{i}.png")
    L.add_character(library, "toyama_rin")
    (folder / "0.txt").write_text("Toyama Rin, glasses, smile\n", encoding="utf-8")  # caption, spaces for _
    (folder / "1.txt").write_text("somebody_unknown, hat\n", encoding="utf-8")
    (folder / "2.xmp").write_text(sidecar_bytes(None, ["People|toyama_rin"]).decode(), encoding="utf-8")
    (folder / "3.png.xmp").write_bytes(b"<x:xmpmeta")  # truncated
    report = import_paths(library, [folder])
    assert _labels(library) == {str(folder / "0.png"): "toyama_rin", str(folder / "2.png"): "toyama_rin"}
    assert report.tagged == 2 and report.unlabelled_loose == 2
    [(path, reason)] = report.tag_problems
    assert path == str(folder / "3.png.xmp") and "not well-formed XML" in reason


def test_a_group_shot_round_trips_through_its_sidecar(tagged, tmp_path):
    from animeid_desktop.core.library.image_characters import add_character, characters_by_image

    lib, folder, _truth = tagged
    add_character(lib, L.image_ids_for_paths(lib, [str(folder / "p0.png")]), NAMES[1])
    export_xmp(lib)
    fresh = Library.open(tmp_path / "fresh")
    import_paths(fresh, [folder])
    (p0,) = L.image_ids_for_paths(fresh, [str(folder / "p0.png")])
    assert characters_by_image(fresh, [p0]) == {p0: sorted(NAMES)}
    fresh.close()


def test_several_characters_in_one_sidecar_give_a_group_shot(library, tmp_path):
    from animeid_desktop.core.library.image_characters import characters_by_image

    synthetic.make_image(0, size=40)[0].save(tmp_path / "duo.png")
    (tmp_path / "duo.png.xmp").write_bytes(
        sidecar_bytes(None, ["AnimeID|Characters|hifumi", "AnimeID|Characters|aoba"]))
    report = import_paths(library, [tmp_path / "duo.png"])
    assert list(characters_by_image(library).values()) == [["aoba", "hifumi"]]
    assert (report.tagged, report.labelled, report.tag_problems) == (1, 1, [])
    # a later sidecar naming someone else keeps the labels and says so
    (tmp_path / "duo.png.xmp").write_bytes(sidecar_bytes(None, ["AnimeID|Characters|kou"]))
    report = import_paths(library, [tmp_path / "duo.png"])
    [(_path, reason)] = report.conflicts
    assert "already labelled 'aoba+hifumi'" in reason and "'kou'" in reason


DIGIKAM_ONLY = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:digiKam="http://www.digikam.org/ns/1.0/"><digiKam:TagsList><rdf:Seq>
<rdf:li>AnimeID/Characters/aoba</rdf:li></rdf:Seq></digiKam:TagsList></rdf:Description></rdf:RDF></x:xmpmeta>"""


def test_digikam_tags_alone_and_names_with_a_slash(library, tmp_path):
    synthetic.make_image(0, size=40)[0].save(tmp_path / "saber.png")
    synthetic.make_image(1, size=40)[0].save(tmp_path / "aoba.png")
    (tmp_path / "saber.png.xmp").write_bytes(sidecar_bytes(None, ["AnimeID|Characters|Fate/Saber"]))
    (tmp_path / "aoba.xmp").write_text(DIGIKAM_ONLY, encoding="utf-8")
    report = import_paths(library, [tmp_path])
    assert _labels(library) == {str(tmp_path / "saber.png"): "Fate/Saber", str(tmp_path / "aoba.png"): "aoba"}
    assert report.tag_problems == []


def test_character_folders_win_over_sidecars(library, tmp_path):
    (tmp_path / "art" / "aoba").mkdir(parents=True)
    image = tmp_path / "art" / "aoba" / "a.png"
    synthetic.make_image(0, size=40)[0].save(image)
    Path(str(image) + ".xmp").write_bytes(sidecar_bytes(None, ["AnimeID|Characters|hifumi"]))
    report = import_paths(library, [tmp_path / "art"])
    assert _labels(library) == {str(image): "aoba"} and report.tagged == 0
