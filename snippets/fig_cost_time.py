"""Measured forward time of an LSTM against units (stored with the machine it ran on)."""
__all__ = [  # what pages may quote with value(...)
    "align",
    "align_verdict",
    "cores",
    "cpu",
    "ratio_1000_1024",
    "ratio_100_128",
    "t100",
    "t1000",
    "t1024",
    "t128",
    "u100",
    "u1000",
    "u1024",
    "u128",
]
# --8<-- [start:show]
from unrolled.experiments import cost, get

r = get("cost")              # measured by `make figures` with unrolled.bench.time_forward
for H, s in zip(cost.PARAMS["timed_units"], r["seconds"]):
    print(f"{H:5} units: {s * 1000:8.1f} ms")
print("measured on:", r.machine["cpu"], f"({r.machine['cores']} cores)")
fig = cost.plot_time(r, cost.PARAMS["timed_units"])
# --8<-- [end:show]

import numpy as np  # noqa: E402

P = cost.PARAMS
rounds = P["rounds"]
cpu = r.machine["cpu"]
cores = r.machine["cores"]
bench_shape = (r["bench_shape"]["batch"], r["bench_shape"]["steps"], r["bench_shape"]["features"])
align = cost.plot_align()
u96, u100, u128, u1000, u1024 = 96, 100, 128, 1000, 1024
t96, t100, t128 = r["t96"] * 1000, r["t100"] * 1000, r["t128"] * 1000
t1000, t1024 = r["t1000"] * 1000, r["t1024"] * 1000
ratio_100_128 = r["ratio_100_128"]
ratio_1000_1024 = r["ratio_1000_1024"]
spread = float(np.max(r["runs"].max(axis=0) / r["runs"].min(axis=0)))  # worst slowest/fastest round
if t100 >= t128 and t1000 >= t1024:
    align_verdict = (f"Here the multiple of {align} was the faster of each pair, though it does more work; "
                     f"one machine's measurement, not a law.")
elif t100 < t128 and t1000 < t1024:
    align_verdict = (f"Here the smaller width was faster in both pairs: the time follows the work, and being a "
                     f"multiple of {align} bought nothing measurable.")
else:
    align_verdict = (f"The two pairs disagree: in one the multiple of {align} was faster, in the other "
                     f"it was not, so on this machine alignment is lost in the noise of the measurement.")
ALT = (f"Two panels. Left: forward time in milliseconds against units, log-log, from "
       f"{r['seconds'][0] * 1000:.0f} ms at {P['timed_units'][0]} units to {t1024:.0f} ms at {u1024}. "
       f"Right: billions of floating-point operations per second in the matrix products, for each width, "
       f"multiples of {align} in orange; "
       f"{u100} units took {t100:.0f} ms and {u128} took {t128:.0f} ms, {u1000} took {t1000:.0f} ms and "
       f"{u1024} took {t1024:.0f} ms.")
CAPTION = (f"Fastest of {rounds} interleaved rounds of unrolled.bench.time_forward on {cpu} ({cores} cores), "
           f"x {bench_shape}; the slowest round of a width took up to {spread:.1f} times its fastest. "
           f"One machine, one day: times move with load.")
