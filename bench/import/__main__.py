"""Benchmark: our import (safe extraction + validation + version row) against a plain baseline.

    python -m bench.import [--files 5000] [--megabytes 200] [--items 2000] [--repeat 3] [--memory]

A package of about FILES files / MEGABYTES MB with an ITEMS-item manifest is generated into a
temporary folder (never committed). In the same run it is imported with ``import_package``
(SQLite in a temporary instance folder) and, as the baseline, extracted with
``zipfile.ZipFile.extractall`` plus an lxml parse of the same manifest. The import is handed
the package as the upload and URL routes hand theirs over (``move_original=True``: the file is
moved into the content store, not copied); it still hashes, checks, extracts and validates
everything. Baseline and import alternate REPEAT times, each after ``os.sync()`` so that
neither pays for the other's write-back; the median of the paired ratios ours/baseline is
printed (target <= 1.5), with the CPU seconds of each (steadier on a shared machine).
``--memory`` also measures the peak RSS of each import in a fresh subprocess at a quarter of
the size and at the requested size: it must not grow with the package.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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


class Timing:
    """Wall and CPU (user + system) seconds of one step, started after a sync of the disks."""

    def __enter__(self) -> Timing:
        os.sync()
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc_info) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def baseline(package: Path, target: Path) -> Timing:
    with Timing() as timing:
        with zipfile.ZipFile(package) as archive:
            archive.extractall(target)
        etree.parse(str(target / "imsmanifest.xml"), etree.XMLParser(resolve_entities=False))
    return timing


def ours(package: Path, instance: Path) -> Timing:
    from lms_bridge import create_app
    from lms_bridge.catalog.operations import import_package
    from lms_bridge.db import db
    from lms_bridge.migrate import upgrade

    app = create_app({"INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    upload = instance.parent / f"{instance.name}-upload.zip"
    _hand_over(package, upload)
    with app.app_context():
        upgrade(db.engine)
        with Timing() as timing:
            result = import_package(upload, "bench", None, original_filename=package.name,
                                    move_original=True)
        assert result.created and result.version.report["importable"]
    return timing


def _hand_over(package: Path, upload: Path) -> None:
    """A second name for the package (as an upload's temporary file), kept for the next run."""
    try:
        os.link(package, upload)
    except OSError:
        shutil.copyfile(package, upload)


def peak_rss_mb(package: Path) -> float:
    """Peak RSS (MB) of a fresh process importing ``package``."""
    script = ("import sys, resource, tempfile, runpy; from pathlib import Path;"
              "m = runpy.run_module('bench.import.__main__', run_name='bench');"
              "d = Path(tempfile.mkdtemp()); m['ours'](Path(sys.argv[1]), d / 'instance');"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", script, str(package)], check=True,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def run(files: int, megabytes: float, items: int, memory: bool, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        root = Path(folder)
        package = generate_package(root / "package.zip", files, megabytes, items)
        runs = []
        for index in range(repeat):
            base = baseline(package, root / f"baseline{index}")
            mine = ours(package, root / f"instance{index}")
            runs.append((base, mine))
            shutil.rmtree(root / f"baseline{index}")
            shutil.rmtree(root / f"instance{index}")
        result = {"files": files, "megabytes": megabytes, "items": items, "repeat": repeat,
                  "baseline_s": _median(base.wall for base, _ in runs),
                  "ours_s": _median(mine.wall for _, mine in runs),
                  "ratios": [round(mine.wall / base.wall, 2) for base, mine in runs],
                  "ratio": _median(mine.wall / base.wall for base, mine in runs),
                  "baseline_cpu_s": _median(base.cpu for base, _ in runs),
                  "ours_cpu_s": _median(mine.cpu for _, mine in runs),
                  "cpu_ratio": _median(mine.cpu / base.cpu for base, mine in runs)}
        if memory:
            small = generate_package(root / "small.zip", files, megabytes / 4, items)
            result["peak_rss_mb"] = {f"{megabytes / 4:g}MB": round(peak_rss_mb(small), 1),
                                     f"{megabytes:g}MB": round(peak_rss_mb(package), 1)}
    return result


def _median(values) -> float:
    return round(statistics.median(values), 3)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--megabytes", type=float, default=200)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.files, args.megabytes, args.items, args.memory, args.repeat)
    print(json.dumps(result))
    print(f"import / baseline = {result['ratio']} (median of {args.repeat} runs; target <= 1.5);"
          f" CPU seconds {result['cpu_ratio']}")


if __name__ == "__main__":
    main()
