"""Two-rank check of Muon's FSDP2 path in prx_nb.optim: owners balanced by cost, gathers in the Newton-Schulz dtype.

Run:  torchrun --nproc_per_node 2 scripts/muon_owner_check.py
Each rank holds row-shards (DTensor, Shard(0), uneven) of a set of matrices of different shapes and costs; every step
both ranks set the same whole gradients (so the sharded and the one-process optimiser see identical inputs, and any
difference is the optimiser's own), step a `MuonAdam` in bf16 and in fp32 Newton-Schulz, and compare with the same
optimiser on whole tensors in one process. Rank 0 prints `RESULT {json}` per dtype: the largest parameter
difference, the dtypes the gathers and scatters carried, each rank's Newton-Schulz work (multiply-adds) and the
owners used.
Two matrices are marked as row-blocks (`row_blocks`: orthogonalised block by block, as the model's fused MLP
[gate ; up]): (18, 8) as 3 blocks of 6 rows, which the 9 + 9 row-shards cut across, and (30, 12) as 2 halves. Their
Newton-Schulz work counts as that of their blocks, and they too must agree exactly with the one-process optimiser.
"""
import functools, json, os, sys

import torch, torch.distributed as dist
from torch.distributed.device_mesh import init_device_mesh
from torch.distributed.tensor import DTensor, Shard, distribute_tensor

import prx_nb.optim as optim
from prx_nb.optim import MuonAdam, newton_schulz, ns_cost, ns_shape, assign_owners

# rows that split unevenly over 2 ranks (7 = 4 + 3, 1 = 1 + 0), tall and wide, costs from 2e2 to 2e5 multiply-adds
SHAPES = [(7, 40), (48, 16), (1, 12), (64, 64), (24, 80), (33, 9), (16, 16), (80, 24), (18, 8), (30, 12)]
BLOCKS = {8: 3, 9: 2}                # index in SHAPES -> row-blocks (the rest: 1, orthogonalised whole)
NS_SHAPES = [ns_shape(s, BLOCKS.get(i, 1)) for i, s in enumerate(SHAPES)]


def check(dtype, steps=3):
    rank, world = dist.get_rank(), dist.get_world_size()
    mesh = init_device_mesh("cpu", (world,))
    g = torch.Generator().manual_seed(0)
    W0 = [torch.randn(*s, generator=g) for s in SHAPES]
    ref = [torch.nn.Parameter(w.clone()) for w in W0]
    sh = [torch.nn.Parameter(distribute_tensor(w.clone(), mesh, [Shard(0)])) for w in W0]
    ns = newton_schulz if dtype == "bf16" else functools.partial(newton_schulz, dtype=torch.float32)
    kw = dict(lr=2e-2, momentum=0.95, weight_decay=0.01, use_muon=True)
    opt_ref = MuonAdam([dict(params=ref, **kw)], ns_fn=ns, row_blocks={ref[i]: k for i, k in BLOCKS.items()})
    opt = MuonAdam([dict(params=sh, **kw)], ns_fn=ns, row_blocks={sh[i]: k for i, k in BLOCKS.items()})

    seen = dict(gather=set(), scatter=set())
    work = [0] * world                            # Newton-Schulz multiply-adds each rank ran for sharded matrices
    gather, scatter = optim.dist.gather, optim.dist.scatter
    def counting_gather(t, *a, **k): seen["gather"].add(str(t.dtype)); return gather(t, *a, **k)
    def counting_scatter(t, *a, **k): seen["scatter"].add(str(t.dtype)); return scatter(t, *a, **k)
    def counting_ns(G, *a, **k):
        if tuple(G.shape) in NS_SHAPES: work[rank] += ns_cost(tuple(G.shape))   # a whole matrix, or one's blocks
        return ns(G, *a, **k)
    optim.dist.gather, optim.dist.scatter, opt.ns_fn = counting_gather, counting_scatter, counting_ns
    try:
        for _ in range(steps):
            grads = [torch.randn(*s, generator=g) for s in SHAPES]       # the same on both ranks (same seed)
            for p, G in zip(ref, grads): p.grad = G.clone()
            for p, G in zip(sh, grads): p.grad = distribute_tensor(G.clone(), mesh, [Shard(0)])
            opt_ref.step(); opt.step()
    finally:
        optim.dist.gather, optim.dist.scatter = gather, scatter
    diff = max((p.full_tensor() - r).abs().max().item() for p, r in zip(sh, ref))
    move = min((r - w).abs().max().item() for r, w in zip(ref, W0))
    t = torch.tensor(work, dtype=torch.float64); dist.all_reduce(t)
    d = torch.tensor(diff); dist.all_reduce(d, op=dist.ReduceOp.MAX)
    return dict(dtype=dtype, max_param_diff=d.item(), min_param_move=move, ns_dtype=str(opt.ns_dtype),
                gather_dtypes=sorted(seen["gather"]), scatter_dtypes=sorted(seen["scatter"]),
                ns_work_per_rank=[int(x) for x in t.tolist()],
                expected_work_per_rank=[steps * sum(ns_cost(s) for s, o in zip(NS_SHAPES, assign_owners(NS_SHAPES, world))
                                                    if o == r) for r in range(world)],
                row_blocks=sorted(opt.row_blocks.values()),
                momentum_sharded=all(isinstance(opt.state[p]["momentum_buffer"], DTensor) for p in sh))


def main():
    dist.init_process_group("gloo")
    for dtype in ("bf16", "fp32"):
        res = check(dtype)
        if dist.get_rank() == 0: print("RESULT " + json.dumps(res), flush=True)
    dist.barrier()
    dist.destroy_process_group()
    # as scripts/fsdp_muon_check.py: gloo's threads can race the C++ static destructors at exit; all is flushed
    sys.stdout.flush(); sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
