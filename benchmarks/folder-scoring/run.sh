#!/usr/bin/env bash
# Folder-scoring harness: 50 ten-hour 1-Hz recordings scored every 60 s by one `iohfuse score --data` process with
# the CLI's default architecture (d=64, 2 layers, 3-s period, 15-min history, clinical text on). Training is cut to
# one short epoch because only the scoring time is measured; the network's size, not its weights, sets that time.
# Usage: benchmarks/folder-scoring/run.sh [work dir]   (prints the score command's own summary and wall time)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
dotnet build samples/IOHFuse.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet samples/IOHFuse.Cli/bin/Release/net10.0/iohfuse.dll)
[ -f "$work/model.zip" ] || "${cli[@]}" train --cases 24 --pretrain-epochs 0 --finetune-epochs 1 --augment-epochs 0 --out "$work/model.zip" >/dev/null
[ -d "$work/in" ] || /usr/bin/python3 benchmarks/folder-scoring/make_recordings.py "$work/in" 50 10
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
start=$(date +%s.%N)
"${cli[@]}" score --model "$work/model.zip" --data "$work/in" --out "$work/out" --stride 60 2>&1 | tail -n 2
end=$(date +%s.%N)
echo "wall time (process start to exit, includes model load): $(echo "$end - $start" | bc) s"
