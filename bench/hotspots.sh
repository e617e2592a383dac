#!/usr/bin/env bash
# Top sampled methods (self and in-project frames) of a JFR recording: bench/hotspots.sh bench/results/app-18081.jfr
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
jfr print --events jdk.ExecutionSample "$1" > /tmp/samples.txt
python3 - <<'PY'
import re, collections
text = open('/tmp/samples.txt').read()
samples = text.split('jdk.ExecutionSample')
top, ours = collections.Counter(), collections.Counter()
for s in samples:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', s, re.M)
    if not frames: continue
    top[frames[0]] += 1
    for f in frames:
        if f.startswith('io.slotgate'):
            ours[f] += 1
            break
n = sum(top.values())
print(f"{n} samples\n-- top self frames")
for f, c in top.most_common(25): print(f"{c*100/n:5.1f}%  {f}")
print("-- first slotgate frame on the stack")
for f, c in ours.most_common(15): print(f"{c*100/n:5.1f}%  {f}")
PY
