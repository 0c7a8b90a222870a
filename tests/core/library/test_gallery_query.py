"""Gallery filters, sorting and row fetching on a small hand-made library."""

from __future__ import annotations

import pytest

from animeid_desktop.core.curation.health import predicted_counts
from animeid_desktop.core.library import gallery_query as gq
from animeid_desktop.core.library.face_predictions import store_face_predictions
from animeid_desktop.core.library.folder import utcnow
from animeid_desktop.core.library.label_state import Region, Suggested
from animeid_desktop.core.library.labels import add_character, define_attribute, set_attribute_values, set_labels


def _add_images(lib, names):
    with lib.write() as conn:
        for n, name in enumerate(names):
            conn.execute(
                "INSERT INTO images(sha256, path, byte_size, format, width, height, added_at) "
                "VALUES (?, ?, 10, 'png', 8, 8, ?)",
                (f"{n:064x}", f"/pics/{name}", utcnow()),
            )
    return [r["id"] for r in lib.query("SELECT id FROM images ORDER BY id")]


def _add_run(lib, run_id, preds):
    with lib.write() as conn:
        conn.execute(
            "INSERT INTO training_runs(id, model, mode, status, created_at) VALUES (?, 'm', 'head', 'done', ?)",
            (run_id, utcnow()),
        )
        for image_id, ranked, unknown in preds:
            for rank, (char, score) in enumerate(ranked):
                conn.execute(
                    "INSERT INTO predictions(image_id, run_id, rank, character, score, unknown, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (image_id, run_id, rank, char, score, int(unknown), utcnow()),
                )


@pytest.fixture
def lib(library):
    ids = _add_images(library, ["alice_1.png", "alice_2.png", "bob_1.png", "zed.png", "x_y.png", "new.png"])
    add_character(library, "alice")
    add_character(library, "bob")
    set_labels(library, ids[:2], "alice")
    set_labels(library, [ids[2]], "bob")
    define_attribute(library, "alice", "glasses", "bool")
    set_attribute_values(library, [ids[0]], "alice", {"glasses": "yes"})
    _add_run(
        library,
        "r1",
        [
            (ids[3], [("bob", 0.9), ("alice", 0.1)], False),
            (ids[4], [("alice", 0.6), ("bob", 0.4)], False),
            (ids[5], [("alice", 0.3), ("bob", 0.2)], True),
            (ids[0], [("alice", 0.95)], False),
        ],
    )
    library.ids = ids
    return library


def test_status_filters(lib):
    ids = lib.ids
    assert gq.query_ids(lib, gq.GalleryFilter()) == ids
    assert gq.query_ids(lib, gq.GalleryFilter(status="labelled")) == ids[:3]
    assert gq.query_ids(lib, gq.GalleryFilter(status="unlabelled")) == ids[3:]
    # predicted-not-confirmed: unlabelled, with a non-unknown prediction; the labelled ids[0] is excluded
    assert gq.query_ids(lib, gq.GalleryFilter(status="predicted", run_id="r1")) == [ids[3], ids[4]]
    assert gq.query_ids(lib, gq.GalleryFilter(status="predicted")) == []
    assert gq.counts(lib, "r1") == {"all": 6, "labelled": 3, "unlabelled": 3, "predicted": 2}


def test_character_attribute_and_search(lib):
    ids = lib.ids
    assert gq.query_ids(lib, gq.GalleryFilter(character="alice")) == ids[:2]
    # for unlabelled images the character filter matches the top prediction
    assert gq.query_ids(lib, gq.GalleryFilter(status="predicted", character="alice", run_id="r1")) == [ids[4]]
    assert gq.query_ids(lib, gq.GalleryFilter(attribute=("glasses", "1"))) == [ids[0]]
    assert gq.query_ids(lib, gq.GalleryFilter(search="ALICE 2")) == [ids[1]]
    # LIKE wildcards in the search text are literal
    assert gq.query_ids(lib, gq.GalleryFilter(search="x_y")) == [ids[4]]
    assert gq.query_ids(lib, gq.GalleryFilter(image_ids=(ids[5], ids[1]))) == [ids[1], ids[5]]
    assert gq.query_ids(lib, gq.GalleryFilter(image_ids=())) == []


def test_sorting(lib):
    ids = lib.ids
    by_conf = gq.query_ids(lib, gq.GalleryFilter(sort="confidence", run_id="r1"))
    assert by_conf[:4] == [ids[0], ids[3], ids[4], ids[5]]
    assert gq.query_ids(lib, gq.GalleryFilter(sort="added", descending=True)) == ids[::-1]
    names = gq.query_ids(lib, gq.GalleryFilter(sort="name"))
    assert names == [ids[0], ids[1], ids[2], ids[5], ids[4], ids[3]]
    assert gq.query_ids(lib, gq.GalleryFilter(sort="character"))[:3] == ids[:3]
    with pytest.raises(ValueError):
        gq.query_ids(lib, gq.GalleryFilter(sort="colour"))


def test_rows_detail_and_predictions(lib):
    ids = lib.ids
    rows = gq.fetch_rows(lib, ids, "r1")
    assert rows[ids[0]]["character"] == "alice" and rows[ids[0]]["colour"].startswith("#")
    assert rows[ids[3]]["pred"] == "bob" and rows[ids[3]]["pred_score"] == pytest.approx(0.9)
    assert rows[ids[5]]["pred_unknown"] is True
    assert rows[ids[1]]["pred"] is None
    detail = gq.image_detail(lib, ids[0], "r1")
    assert detail["attributes"] == {"glasses": "1"}
    assert detail["top"] == [("alice", pytest.approx(0.95))]
    assert gq.image_detail(lib, 10_000) is None
    assert gq.suggested_labels(lib, ids, "r1") == {ids[0]: [Suggested("alice")], ids[3]: [Suggested("bob")],
                                                   ids[4]: [Suggested("alice")]}
    assert gq.attribute_filter_options(lib) == [("glasses", "1", "bool")]
    assert gq.reject_predictions(lib, [ids[3], ids[1]], "r1") == 1
    assert gq.query_ids(lib, gq.GalleryFilter(status="predicted", run_id="r1")) == [ids[4]]
    # rejected images keep their (now unknown) prediction, so they are not predicted again
    assert gq.unpredicted_unlabelled_ids(lib, "r1") == []
    assert gq.unpredicted_unlabelled_ids(lib, "r2") == ids[3:]


class _Face:
    def __init__(self, box, name, score, unknown=False):
        self.box, self.top, self.unknown = box, ((name, score),), unknown


def test_faces_make_a_group_shot_suggestion_and_reject_covers_them(lib):
    ids = lib.ids
    assert predicted_counts(lib, "r1") == ({"bob": 1, "alice": 1}, 1)
    left, right = (0.05, 0.1, 0.45, 0.6), (0.55, 0.1, 1.02, 0.6)  # the right box runs past the edge
    # the whole picture of ids[5] is "unknown" (a group shot), its faces name alice and bob; ids[4]'s one face
    # is unknown, so its whole-picture answer stands; ids[3]'s face names nobody it did not already
    store_face_predictions(lib, "r1", {ids[5]: [_Face(left, "alice", 0.8), _Face(right, "bob", 0.7),
                                                _Face(left, "alice", 0.6)],
                                       ids[4]: [_Face(left, "bob", 0.4, unknown=True)], ids[3]: []})
    rows = gq.fetch_rows(lib, ids, "r1")
    assert (rows[ids[5]]["pred"], rows[ids[5]]["pred_score"], rows[ids[5]]["pred_unknown"]) == ("alice+bob", 0.7, False)
    assert rows[ids[4]]["pred"] == "alice" and rows[ids[3]]["pred"] == "bob"
    predicted = gq.GalleryFilter(status="predicted", run_id="r1")
    assert sorted(gq.query_ids(lib, predicted)) == ids[3:]
    assert gq.query_ids(lib, predicted.with_(character="bob")) == [ids[3], ids[5]]
    assert gq.query_ids(lib, predicted.with_(character="alice")) == [ids[4], ids[5]]
    assert gq.query_ids(lib, predicted.with_(min_score=0.75)) == [ids[3]]  # a group shot counts its weakest face
    assert gq.counts(lib, "r1")["predicted"] == 3
    assert predicted_counts(lib, "r1") == ({"alice": 2, "bob": 2}, 0)  # the group shot counts for both
    suggested = gq.suggested_labels(lib, ids[3:], "r1")
    assert suggested[ids[5]] == [Suggested("alice", Region(*left, source="detector")),
                                 Suggested("bob", Region(0.55, 0.1, 1.0, 0.6, source="detector"))]
    assert suggested[ids[4]] == [Suggested("alice")]
    assert gq.reject_predictions(lib, [ids[5]], "r1") == 1
    assert ids[5] not in gq.suggested_labels(lib, ids, "r1")
    assert sorted(gq.query_ids(lib, predicted)) == [ids[3], ids[4]]
    # storing again replaces an image's faces
    store_face_predictions(lib, "r1", {ids[5]: [_Face(right, "bob", 0.9)]})
    assert gq.suggested_labels(lib, [ids[5]], "r1")[ids[5]][0].character == "bob"


def test_attribute_summary(lib):
    ids = lib.ids
    assert gq.attribute_summary(lib, ids[:1], "alice") == {"glasses": ["1"]}
    assert gq.attribute_summary(lib, ids[:2], "alice") == {"glasses": [None, "1"]}
    assert gq.attribute_summary(lib, ids[:2], "bob") == {}


def test_label_counts(lib):
    ids = lib.ids
    assert gq.label_counts(lib, ids) == {"alice": 2, "bob": 1, None: 3}
    assert gq.label_counts(lib, ids[:2]) == {"alice": 2}
    assert gq.label_counts(lib, []) == {}


def test_contains_x_and_y_and_group_shots(lib):
    from animeid_desktop.core.library import image_characters as IC

    ids = lib.ids
    IC.add_character(lib, [ids[0]], "bob")  # alice+bob
    IC.set_characters(lib, [ids[3]], ["bob", "alice"])
    assert gq.query_ids(lib, gq.GalleryFilter(character="bob")) == [ids[0], ids[2], ids[3]]
    assert gq.query_ids(lib, gq.GalleryFilter(characters=("alice", "bob"))) == [ids[0], ids[3]]
    assert gq.query_ids(lib, gq.GalleryFilter(character="alice", characters=("bob",))) == [ids[0], ids[3]]
    assert gq.query_ids(lib, gq.GalleryFilter(group_shots=True)) == [ids[0], ids[3]]
    assert gq.counts(lib, "r1")["labelled"] == 4
    # the attribute belongs to alice, one of the group shot's characters
    assert gq.query_ids(lib, gq.GalleryFilter(attribute=("glasses", "1"))) == [ids[0]]
    rows = gq.fetch_rows(lib, [ids[0], ids[2], ids[5]])
    assert rows[ids[0]]["character"] == "alice+bob" and rows[ids[0]]["characters"] == ["alice", "bob"]
    assert rows[ids[2]]["character"] == "bob" and rows[ids[5]]["character"] is None
    by_character = gq.query_ids(lib, gq.GalleryFilter(status="labelled", sort="character"))
    assert by_character == [ids[1], ids[0], ids[3], ids[2]]
    assert gq.label_counts(lib, [ids[0], ids[2], ids[5]]) == {"alice": 1, "bob": 2, None: 1}
    detail = gq.image_detail(lib, ids[0])
    assert detail["character"] == "alice+bob" and detail["character_id"] is None
