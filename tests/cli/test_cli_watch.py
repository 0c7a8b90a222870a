"""``animeid watch``: add, list, run --once (the catch-up), remove."""

from __future__ import annotations

import json

from animeid_desktop.cli import main
from animeid_desktop.core.demo import synthetic


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_watch_commands(capsys, tmp_path):
    lib, inbox = tmp_path / "lib", tmp_path / "inbox"
    (inbox / "rin").mkdir(parents=True)
    synthetic.make_image(0, size=40)[0].save(inbox / "rin" / "a.png")
    (inbox / "cut.png").write_bytes(b"\x89PNG")
    assert run(capsys, "--library", lib, "watch", "run")[0] == 2  # nothing watched yet
    code, out, _ = run(capsys, "--library", lib, "watch", "add", inbox)
    assert code == 0 and f"watching {inbox}" in out
    code, out, _ = run(capsys, "--library", lib, "watch", "list", "--json")
    assert code == 0 and [f["path"] for f in json.loads(out)] == [str(inbox)]
    code, out, err = run(capsys, "--library", lib, "watch", "run", "--once")
    assert code == 0 and "1 added, 0 already known, 1 labelled, 1 skipped" in out
    assert f"{inbox / 'cut.png'}: " in err
    code, out, _ = run(capsys, "--library", lib, "watch", "run", "--once", "--json")
    assert code == 0 and json.loads(out)["images"] == 0
    code, out, _ = run(capsys, "--library", lib, "watch", "remove", inbox)
    assert code == 0 and "no longer watching" in out
    code, _out, err = run(capsys, "--library", lib, "watch", "remove", inbox)
    assert code == 2 and "watch list" in err
    code, out, _ = run(capsys, "--library", lib, "watch", "list")
    assert code == 0 and "no watched folders" in out
