"""Curation commands: clusters of unlabelled images, near-duplicates, dataset health, what to label
next, predicted attributes and exports for other tools."""

from __future__ import annotations

import argparse
import sys
from typing import Dict, Iterable, List

from animeid_desktop.cli.cmd_library import graceful_interrupt
from animeid_desktop.cli.common import ProgressBar, add_command, cli_command, open_library, print_json
from animeid_desktop.core.curation import health
from animeid_desktop.core.errors import UserError
from animeid_desktop.core.library import labels as L
from animeid_desktop.core.library.label_state import CHARACTER_NAMES_SQL


def register(sub) -> None:
    add_command(sub, "clusters", "group unlabelled images by look (largest first) to find new characters",
                run_clusters, arguments=_clusters_arguments)

    p = add_command(sub, "name-cluster",
                    f"label the images of a cluster (from '{cli_command('clusters')}') as a character",
                    run_name_cluster)
    p.add_argument("cluster", type=int, metavar="ID")
    p.add_argument("name", metavar="NAME", help="new or existing character name")
    p.add_argument("--exclude", type=int, nargs="+", default=[], metavar="IMAGE_ID",
                   help="image ids to leave out (stragglers that are someone else)")

    p = add_command(sub, "duplicates", "find exact and near-duplicate images (resized, recompressed, cropped, "
                    "recoloured)", run_duplicates)
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--hashes-only", action="store_true", help="perceptual hashes only (fast; misses crops)")
    p.add_argument("--all", action="store_true", help="also list groups reviewed as 'keep all'")

    p = add_command(sub, "health", "per-character counts, accuracy, confusions and advice", run_health)
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--no-duplicates", action="store_true", help="skip counting near-duplicate groups")

    p = add_command(sub, "next", "unlabelled images in the order most worth labelling", run_next)
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="how many (default 20; 0 = all)")
    p.add_argument("--no-model", action="store_true", help="ignore the trained model (cover the groups instead)")

    p = add_command(sub, "similar", "the library images that look most like an image, with scores", run_similar)
    p.add_argument("query", metavar="PATH|ID", help="a library image id or path, or any image file")
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="how many (default 10)")

    p = add_command(sub, "attribute-heads", "train attribute predictors on labelled attribute values",
                    run_attribute_heads)
    p.add_argument("--json", action="store_true", help="one JSON document")

    p = add_command(sub, "predict-attributes", "predict attributes of images; optionally confirm the confident ones",
                    run_predict_attributes)
    p.add_argument("ids", type=int, nargs="*", metavar="IMAGE_ID", help="image ids (default: every labelled image)")
    p.add_argument("--unlabelled", action="store_true", help="the unlabelled images (by predicted character)")
    p.add_argument("--confirm", action="store_true",
                   help="store predictions of at least --min-confidence on labelled images without a value")
    p.add_argument("--min-confidence", type=float, default=0.9, metavar="P")
    p.add_argument("--json", action="store_true", help="one JSON document")

    add_command(sub, "export", "export the model (ONNX) or the labels (csv, json, folders, captions, xmp)", run_export,
                arguments=_export_arguments)


def _clusters_arguments(p: argparse.ArgumentParser) -> None:
    from animeid_desktop.core.curation import clustering

    limits = clustering.thresholds()
    p.add_argument("--json", action="store_true", help="one JSON document")
    p.add_argument("--threshold", type=float, default=None, metavar="T",
                   help="cosine similarity needed to join a group (higher = tighter groups; default "
                        f"{limits.whitened:g} once two characters are labelled, else {limits.centred:g})")
    p.add_argument("--scope", choices=clustering.SCOPES, default="unlabelled",
                   help="unlabelled: every unlabelled image (default); unknown: only those the model calls unknown")
    p.add_argument("--min-size", type=int, default=clustering.MIN_SIZE, help="smallest group shown (default 2)")
    p.add_argument("--show", type=int, default=6, metavar="N", help="file names listed per group (default 6)")


def _export_arguments(p: argparse.ArgumentParser) -> None:
    from animeid_desktop.core.exchange import exports
    from animeid_desktop.core.library.sidecars import SIDECAR_STYLES

    p.add_argument("format", choices=("onnx", *exports.LABEL_FORMATS, "xmp"))
    p.add_argument("target", nargs="?", metavar="PATH",
                   help="output file (onnx, csv, json) or folder; xmp sidecars go next to the images")
    p.add_argument("--run", default=None, metavar="RUN_ID", help="onnx: export this run instead of the active one")
    p.add_argument("--no-verify", action="store_true", help="onnx: skip the ONNX Runtime check")
    p.add_argument("--in-place", action="store_true", help="captions: write .txt files next to the original images")
    p.add_argument("--spaces", action="store_true", help="captions: write character names with spaces, not _")
    p.add_argument("--sidecar-name", choices=SIDECAR_STYLES, default=SIDECAR_STYLES[0],
                   help="xmp: photo.jpg.xmp (darktable, digiKam; default) or photo.xmp (Lightroom)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def _images(lib, ids: Iterable[int]) -> Dict[int, dict]:
    """``id -> {"id", "path", "character"}`` of the given images (character None when unlabelled)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    rows = lib.query_in(f"SELECT i.id, i.path, {CHARACTER_NAMES_SQL} AS character FROM images i "
                        "WHERE i.id IN ({marks})", wanted) if wanted else []
    return {r["id"]: r for r in rows}


def _image_list(images: Dict[int, dict], ids: Iterable[int]) -> List[dict]:
    """The records of ``ids`` in that order, for JSON next to the bare ids a script would otherwise look up."""
    return [images.get(i, {"id": i, "path": None, "character": None}) for i in ids]


# ------------------------------------------------------------------------------------ clusters
def run_clusters(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import clustering

    if args.threshold is not None and not -1.0 <= args.threshold <= 1.0:
        raise UserError("--threshold is a cosine similarity between -1 and 1")
    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        result = clustering.cluster_images(lib, args.scope, args.threshold, max(1, args.min_size),
                                           on_progress=ProgressBar("features"), should_stop=stop.is_set)
    if args.json:
        payload = result.to_json()
        images = _images(lib, [i for c in result.clusters for i in c.image_ids])
        for cluster, out in zip(result.clusters, payload["clusters"]):
            out["images"] = _image_list(images, cluster.image_ids)
        print_json(payload)
        return 0
    print(f"{len(result.ids)} {args.scope} image(s), similarity >= {result.similarity:g} ({result.space} features): "
          f"{len(result.clusters)} group(s), {len(result.unclustered)} image(s) in no group")
    images = _images(lib, [i for c in result.clusters for i in c.image_ids[: args.show]])
    for c in result.clusters:
        hint = "probably a new character" if c.looks_new else f"looks like {c.looks_like}"
        pred = f"; model says {c.predicted} for {c.predicted_share:.0%}" if c.predicted else ""
        print(f"cluster {c.id}: {c.size} image(s), {hint}{pred}")
        for image_id in c.image_ids[: args.show]:
            print(f"  {image_id}\t{images.get(image_id, {}).get('path', '')}")
        if c.size > args.show:
            print(f"  … {c.size - args.show} more")
    if result.clusters:
        print(f"name one with: {cli_command('name-cluster')} ID NAME [--exclude IMAGE_ID ...]")
    return 0


def run_name_cluster(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import clustering

    lib = open_library(args, create=False)
    change = clustering.name_cluster(lib, args.cluster, args.name, args.exclude)
    print(f"labelled {change.count} image(s) as {args.name.strip()}; retrain to teach the model "
          f"('{cli_command('train')}')")
    return 0


# ------------------------------------------------------------------------------------ duplicates
def run_duplicates(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import duplicate_review as duplicates

    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        report = duplicates.find_duplicates(lib, None, not args.hashes_only, args.all,
                                            on_progress=ProgressBar("duplicates"), should_stop=stop.is_set)
    images = _images(lib, [i for g in report.groups for i in g.image_ids] + list(report.errors))
    if args.json:
        payload = report.to_json()
        for group, out in zip(report.groups, payload["duplicate_groups"]):
            out["images"] = _image_list(images, group.image_ids)
        payload["error_images"] = [{**rec, "error": report.errors[rec["id"]]}
                                   for rec in _image_list(images, report.errors)]
        print_json(payload)
        return 0
    print(f"{report.images} image(s) compared in {report.seconds:.1f} s: {len(report.groups)} group(s) of "
          f"duplicates holding {report.duplicate_images} image(s)" +
          ("" if report.used_features else " (perceptual hashes only)"))
    for g in report.groups:
        note = "  LABEL CONFLICT" if g.label_conflict else ""
        print(f"group {g.id}: {len(g.image_ids)} images, {', '.join(g.kinds)}{note}")
        for image_id in g.image_ids:
            label = g.characters.get(image_id) or "unlabelled"
            print(f"  {image_id}\t{label}\t{images.get(image_id, {}).get('path', '')}")
    for image_id, reason in report.errors.items():
        print(f"  not compared: image {image_id}: {reason}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------ health
def run_health(args: argparse.Namespace) -> int:
    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        report = health.dataset_health(lib, check_duplicates=not args.no_duplicates,
                                       on_progress=ProgressBar("hashes"), should_stop=stop.is_set)
    if args.json:
        print_json(report.to_json())
        return 0
    t = report.totals
    model = f"model {report.run_id} ({report.run_accuracy:.0%} validation accuracy)" if report.run_id and \
        report.run_accuracy is not None else "no model yet"
    print(f"{t['images']} images: {t['labelled']} labelled, {t['unlabelled']} unlabelled "
          f"({t['predicted']} with a suggestion, {t['unknown']} unknown) · {model}")
    print(f"{'character':<24}{'images':>7}{'predicted':>10}{'val acc':>9}  most confused with")
    for c in report.characters:
        acc = "—" if c.val_accuracy is None else f"{c.val_accuracy:.0%}"
        confused = f"{c.confused_with} ({c.confused_share:.0%})" if c.confused_with else ""
        print(f"{c.name:<24}{c.images:>7}{c.predicted:>10}{acc:>9}  {confused}")
    for w in report.warnings:
        print(f"{'!' if w.level == 'warn' else '·'} {w.message}")
    return 0


# ------------------------------------------------------------------------------------ next
def run_next(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import active_learning

    if args.limit < 0:
        raise UserError("--limit must be 0 (all) or more")
    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        queue = active_learning.label_next_queue(lib, args.limit or None, None, not args.no_model,
                                                 on_progress=ProgressBar("features"), should_stop=stop.is_set)
    if args.json:
        print_json({"queue": [item.to_json() for item in queue]})
        return 0
    if not queue:
        print("nothing to label: every image has a label")
    for n, item in enumerate(queue, 1):
        print(f"{n:>3}. {item.image_id}\t{item.path}\t{item.reason}")
    return 0


def run_similar(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation.similar import find_similar

    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        result = find_similar(lib, args.query, limit=args.limit, on_progress=ProgressBar("features"),
                              should_stop=stop.is_set)
    if args.json:
        print_json(result.to_json())
        return 0
    if not result.matches:
        print("no other image in the library")
    for n, m in enumerate(result.matches, 1):
        print(f"{n:>3}. {m.score:.3f}\t{m.image_id}\t{m.character or '-'}\t{m.path}")
    return 0


# ------------------------------------------------------------------------------------ attributes
def run_attribute_heads(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import attribute_heads

    lib = open_library(args, create=False)
    with graceful_interrupt() as stop:
        heads = attribute_heads.train_attribute_heads(lib, on_progress=ProgressBar("attributes"),
                                                      should_stop=stop.is_set)
    if args.json:
        print_json(heads.to_json())
        return 0
    for h in heads.heads:
        acc = "too few examples to measure" if h.val_accuracy is None else \
            f"{h.val_accuracy:.0%} cross-validated accuracy (always guessing the commonest value: {h.baseline:.0%})"
        use = "" if h.reliable else "; not better than guessing yet, so not used: label more examples"
        print(f"{h.key} ({h.type}: {', '.join(h.values)}) from {h.examples} images of "
              f"{len(h.characters)} character(s): {acc}{use}")
    return 0


def run_predict_attributes(args: argparse.Namespace) -> int:
    from animeid_desktop.core.curation import attribute_heads

    if not 0.0 <= args.min_confidence <= 1.0:
        raise UserError("--min-confidence must be between 0 and 1")
    lib = open_library(args, create=False)
    if attribute_heads.load_attribute_heads(lib) is None:
        raise UserError(f"no attribute predictors yet; train them with '{cli_command('attribute-heads')}'")
    if args.ids:
        ids = args.ids
    elif args.unlabelled:
        ids = [r["id"] for r in lib.query("SELECT i.id FROM images i LEFT JOIN labels l ON l.image_id = i.id "
                                          "WHERE i.status = 'ok' AND l.image_id IS NULL ORDER BY i.id")]
    else:
        ids = L.labelled_ids(lib)
    preds = attribute_heads.predict_attributes(lib, ids, on_progress=ProgressBar("features"))
    confirmed = attribute_heads.confirm_attributes(lib, preds, args.min_confidence).count if args.confirm else 0
    if args.json:
        print_json({"predictions": {str(i): {k: {"value": v, "confidence": round(p, 4)} for k, (v, p) in f.items()}
                                    for i, f in preds.items()}, "confirmed": confirmed})
        return 0
    for image_id, found in preds.items():
        text = ", ".join(f"{k}={v} ({p:.0%})" for k, (v, p) in sorted(found.items())) or "no attributes apply"
        print(f"{image_id}\t{text}")
    if args.confirm:
        print(f"stored {confirmed} predicted value(s) of at least {args.min_confidence:.0%} confidence on labelled "
              "images that had none")
    return 0


# ------------------------------------------------------------------------------------ export
def _export_xmp(lib, args: argparse.Namespace) -> int:
    from animeid_desktop.core.exchange.xmp import export_xmp

    if args.target:
        raise UserError("xmp sidecars are written next to the images; do not give a target")
    with graceful_interrupt() as stop:
        result = export_xmp(lib, style=args.sidecar_name, on_progress=ProgressBar("xmp"), should_stop=stop.is_set)
    if args.json:
        print_json(result)
    else:
        print(f"wrote {result['sidecars']} XMP sidecar(s) ({result['unchanged']} unchanged) "
              f"for {result['images']} labelled image(s), named like {result['style']}")
    for path, reason in result["failed"]:
        print(f"  {path}: {reason}", file=sys.stderr)
    return 1 if result["failed"] else 0


def run_export(args: argparse.Namespace) -> int:
    from animeid_desktop.core.exchange import exports

    lib = open_library(args, create=False)
    if args.format == "xmp":
        return _export_xmp(lib, args)
    if args.format == "captions" and args.in_place:
        if args.target:
            raise UserError("--in-place writes next to the originals; do not give a target folder")
        result = exports.export_captions(lib, None, True, args.spaces, ProgressBar("captions"))
    else:
        if not args.target:
            raise UserError(f"give a target {'file' if args.format in ('onnx', 'csv', 'json') else 'folder'}")
        if args.format == "onnx":
            result = exports.export_onnx(lib, args.target, args.run, verify=not args.no_verify,
                                         on_progress=ProgressBar("onnx"))
        else:
            with graceful_interrupt() as stop:
                result = exports.export_labels(lib, args.format, args.target, ProgressBar(args.format),
                                               stop.is_set, spaces=args.spaces)
    if args.json:
        print_json(result)
        return 0
    if args.format == "onnx":
        v = result.get("verification")
        check = f"; ONNX Runtime agrees with PyTorch on {v['same_top1']}/{v['images']} validation images" if v else ""
        print(f"wrote {result['path']} ({result['bytes'] / 1e6:.1f} MB, {len(result['classes'])} classes) "
              f"and {result['json']}{check}")
    elif args.format in ("csv", "json"):
        print(f"wrote {result['images']} labelled image(s) to {result['path']}")
    elif args.format == "folders":
        print(f"copied {result['copied']} image(s) ({result['unchanged']} unchanged) into {result['folder']}")
    else:
        where = result["folder"] or "next to the original images"
        print(f"wrote {result['captions']} caption file(s) {('into ' + where) if result['folder'] else where}")
    for path, reason in result.get("failed", []) or []:
        print(f"  {path}: {reason}", file=sys.stderr)
    return 0
