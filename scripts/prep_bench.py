"""Images/s of prx-prepare's image work (decode, resize into the buckets of every base, JPEG encode) per rank,
in this process and with the worker pool (`prepare.workers`). Prints figures; asserts nothing about speed.

Run:  python scripts/prep_bench.py [--images 96] [--size 1536x1024] [--workers 0] [--bases 512,1024]
`--workers 0` is what prx-prepare uses by default: this rank's share of the cores (os.sched_getaffinity /
LOCAL_WORLD_SIZE; set LOCAL_WORLD_SIZE=8 to see an 8-GPU node's per-rank share). The inputs are synthetic
photograph-like JPEGs (smooth colour fields with grain) in one webdataset tar, read as prx-prepare reads them.
The text encoder is not timed: on a GPU it is not the bottleneck, and on a CPU it would dominate both columns.
"""
import argparse, io, json, os, tarfile, tempfile, time
from pathlib import Path

import numpy as np
from PIL import Image

from prx_nb.config import PrepareConfig
from prx_nb.prepare import (InputPart, _sized_samples, aspect_buckets, image_pool, iter_part, prepare_workers)


def photo(rng, W, H) -> bytes:
    "A JPEG that compresses like a photograph: a smooth random colour field plus grain."
    small = rng.integers(0, 256, (6, 9, 3), dtype=np.uint8)
    im = Image.fromarray(small).resize((W, H), Image.BICUBIC)
    a = np.asarray(im, np.int16) + rng.integers(-12, 13, (H, W, 3), dtype=np.int16)
    buf = io.BytesIO(); Image.fromarray(a.clip(0, 255).astype(np.uint8)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def write_tar(path, n, W, H, seed=0):
    rng = np.random.default_rng(seed)
    with tarfile.open(path, "w") as t:
        for i in range(n):
            w, h = (W, H) if i % 2 == 0 else (H, W)           # landscape and portrait
            for ext, b in (("jpg", photo(rng, w, h)), ("txt", f"image {i}".encode())):
                ti = tarfile.TarInfo(f"{i:06d}.{ext}"); ti.size = len(b); t.addfile(ti, io.BytesIO(b))


def run(part, pcfg, buckets, workers):
    pool = image_pool(workers)
    try:
        if pool is not None:                                  # start the workers before the clock (once per run)
            list(pool.map(abs, range(workers)))
        t0, n, sized = time.perf_counter(), 0, 0
        for key, caps, s, err in _sized_samples(iter_part(part, pcfg.captions), buckets, pcfg, pool):
            n += 1; sized += err is None
        dt = time.perf_counter() - t0
    finally:
        if pool is not None: pool.shutdown()
    return dict(workers=workers, images=sized, seconds=round(dt, 2), images_per_s=round(sized / dt, 2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=96)
    ap.add_argument("--size", default="1536x1024", help="W x H of the inputs (half of them transposed)")
    ap.add_argument("--workers", type=int, default=0, help="pool size; 0 = this rank's share of the cores")
    ap.add_argument("--bases", default="512,1024")
    ap.add_argument("--patch", type=int, default=32)
    args = ap.parse_args()
    W, H = (int(v) for v in args.size.split("x"))
    pcfg = PrepareConfig()
    buckets = {int(b): aspect_buckets(int(b), args.patch, pcfg.min_aspect, pcfg.max_aspect)
               for b in args.bases.split(",")}
    workers = prepare_workers(args.workers)
    with tempfile.TemporaryDirectory() as d:
        tar = Path(d) / "bench.tar"
        write_tar(tar, args.images, W, H)
        part = InputPart("tar", str(tar))
        rows = [run(part, pcfg, buckets, 1)]
        if workers > 1: rows.append(run(part, pcfg, buckets, workers))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = dict(cores_visible=cores, local_world_size=int(os.environ.get("LOCAL_WORLD_SIZE", 1)),
                input=f"{W}x{H} JPEG q90", bases=list(buckets), format=pcfg.image_format, quality=pcfg.quality)
    print(json.dumps(info))
    for r in rows:
        print(f"workers={r['workers']:>3}: {r['images_per_s']:8.2f} images/s per rank ({r['images']} images in "
              f"{r['seconds']} s)")
    if len(rows) == 2:
        print(f"speed-up {rows[1]['images_per_s'] / rows[0]['images_per_s']:.2f}x with {workers} workers; "
              f"8.7 M images on 32 ranks at these rates: {8.7e6 / 32 / rows[0]['images_per_s'] / 3600:.1f} h -> "
              f"{8.7e6 / 32 / rows[1]['images_per_s'] / 3600:.1f} h")


if __name__ == "__main__":
    main()
