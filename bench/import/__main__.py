"""Benchmark: our import (safe extraction + validation + version row) against a plain baseline.

    python -m bench.import [--files 5000] [--megabytes 200] [--items 2000] [--memory]

A package of about FILES files / MEGABYTES MB with an ITEMS-item manifest is generated into a
temporary folder (never committed). In the same run it is imported with ``import_package``
(SQLite in a temporary instance folder) and, as the baseline, extracted with
``zipfile.ZipFile.extractall`` plus an lxml parse of the same manifest. The ratio ours/baseline
is printed (target <= 1.5). ``--memory`` also measures the peak RSS of each import in a fresh
subprocess at 50 MB and at the requested size: it must not grow with the package.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

NS = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"')


def generate_package(path: Path, files: int, megabytes: float, items: int) -> Path:
    """A SCORM 1.2 zip: ``items`` SCOs, ``files`` files in all, about ``megabytes`` of content."""
    per_file = max(1, int(megabytes * 1024 * 1024 / files))
    resources, entries = [], []
    for i in range(items):
        href = f"sco{i:05d}/index.html"
        entries.append(f'<item identifier="i{i}" identifierref="r{i}"><title>Item {i}</title></item>')
        resources.append(f'<resource identifier="r{i}" type="webcontent" adlcp:scormtype="sco" '
                         f'href="{href}"><file href="{href}"/></resource>')
    manifest = (f'<?xml version="1.0"?><manifest identifier="bench" {NS}><metadata><schema>ADL SCORM'
                '</schema><schemaversion>1.2</schemaversion></metadata><organizations default="o">'
                f'<organization identifier="o"><title>Bench</title>{"".join(entries)}</organization>'
                f'</organizations><resources>{"".join(resources)}</resources></manifest>')
    seed = os.urandom(per_file)  # media-like bytes: barely compressible, as real packages are
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for i in range(files - 1):
            name = f"sco{i:05d}/index.html" if i < items else f"media/{i:05d}.bin"
            archive.writestr(name, seed[i % 97:] + seed[: i % 97])
    return path


def baseline(package: Path, target: Path) -> float:
    started = time.perf_counter()
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    etree.parse(str(target / "imsmanifest.xml"), etree.XMLParser(resolve_entities=False))
    return time.perf_counter() - started


def ours(package: Path, instance: Path) -> float:
    from lms_bridge import create_app
    from lms_bridge.catalog.operations import import_package
    from lms_bridge.db import db
    from lms_bridge.migrate import upgrade

    app = create_app({"INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade(db.engine)
        started = time.perf_counter()
        result = import_package(package, "bench", None, original_filename=package.name)
        elapsed = time.perf_counter() - started
        assert result.created and result.version.report["importable"]
    return elapsed


def peak_rss_mb(package: Path) -> float:
    """Peak RSS (MB) of a fresh process importing ``package``."""
    script = ("import sys, resource, tempfile, runpy; from pathlib import Path;"
              "m = runpy.run_module('bench.import.__main__', run_name='bench');"
              "d = tempfile.mkdtemp(); m['ours'](Path(sys.argv[1]), Path(d) / 'instance');"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, str(package)], check=True,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def run(files: int, megabytes: float, items: int, memory: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        root = Path(folder)
        package = generate_package(root / "package.zip", files, megabytes, items)
        base = baseline(package, root / "baseline")
        mine = ours(package, root / "instance")
        result = {"files": files, "megabytes": megabytes, "items": items,
                  "baseline_s": round(base, 3), "ours_s": round(mine, 3),
                  "ratio": round(mine / base, 2)}
        if memory:
            small = generate_package(root / "small.zip", files, megabytes / 4, items)
            result["peak_rss_mb"] = {f"{megabytes / 4:g}MB": round(peak_rss_mb(small), 1),
                                     f"{megabytes:g}MB": round(peak_rss_mb(package), 1)}
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--megabytes", type=float, default=200)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.files, args.megabytes, args.items, args.memory)
    print(json.dumps(result))
    print(f"import / baseline = {result['ratio']} (target <= 1.5)")


if __name__ == "__main__":
    main()
