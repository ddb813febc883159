#!/bin/sh
# Side-by-side benchmark: the PyTorch reference implementation (../shared/bench/pytorch_reference.py) and the
# TorchSharp timing harness, back to back on the same machine, small then paper size, then the 20-epoch memory run.
# The reference runs twice per size: as written (GPT-2's 50,283-row token embedding) and with the 400-row embedding
# of the harness's "as Fit runs it" steps (reference_with_vocabulary.py), so each step has a same-network counterpart.
# Prints a table of TorchSharp/PyTorch time ratios (below 1 = TorchSharp faster) and GFLOP/s against the sgemm peak.
#
#   benchmarks/run-sidebyside.sh [OUTPUT_DIR]        (JSON files and table.md go to OUTPUT_DIR, default a temp dir)
#
# Environment: IDLE_WAIT (seconds to wait for an idle machine before each run, default 300), SKIP_PAPER=1,
# QUICK=1 (fewer steps and calls on both sides, for a busy machine: small 8 steps, paper 2 steps, 2,000 Transform rows).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared="$repo/../shared/bench"
out=${1:-$(mktemp -d -t iohfuse-sidebyside.XXXXXX)}
mkdir -p "$out"
py=/usr/bin/python3
idle_wait=${IDLE_WAIT:-300}

if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "error: $py cannot import torch. Install it with:" >&2
  echo "  apt-get update && apt-get install -y python3-torch libopenblas0-openmp" >&2
  exit 1
fi
if [ ! -f "$shared/pytorch_reference.py" ]; then
  echo "error: the PyTorch reference implementation is not at $shared/pytorch_reference.py" >&2
  exit 1
fi

wait_idle() {
  if [ -x "$shared/wait_idle.sh" ]; then "$shared/wait_idle.sh" "$idle_wait" >&2; fi
}

echo "building the TorchSharp harness (Release)..." >&2
dotnet build "$here/IOHFuse.MLNet.Benchmarks" -c Release -v quiet -nologo >&2
harness="dotnet run -c Release --no-build --project $here/IOHFuse.MLNet.Benchmarks -- sidebyside"

# Rows of the token embedding in the "as Fit runs it" steps: the harness's CompactVocabularyIds (SideBySideHarness.cs).
compact_rows=400
configs="small paper"
[ "${SKIP_PAPER:-0}" = 1 ] && configs=small
for cfg in $configs; do
  if [ "$cfg" = small ] && [ "${QUICK:-0}" = 1 ]; then
    ref_args="--steps 8 --warmup 2 --infer-calls 100 --infer-reps 3"; ts_args="$ref_args --transform-rows 2000"
  elif [ "$cfg" = small ]; then
    ref_args="--steps 20 --warmup 3 --infer-reps 5"; ts_args="$ref_args --transform-rows 10000"
  elif [ "${QUICK:-0}" = 1 ]; then
    ref_args="--steps 2 --warmup 1 --infer-calls 20 --infer-reps 1"; ts_args="$ref_args"
  else
    ref_args="--steps 5 --warmup 1 --infer-reps 3"; ts_args="$ref_args"
  fi
  wait_idle
  echo "== PyTorch reference, $cfg" >&2
  "$py" "$shared/pytorch_reference.py" --config "$cfg" --threads 2 --batch 32 $ref_args --json "$out/pytorch_$cfg.json" > /dev/null
  wait_idle
  echo "== PyTorch reference, $cfg, with Fit's $compact_rows-row token embedding" >&2
  "$py" "$here/reference_with_vocabulary.py" "$shared" "$compact_rows" --config "$cfg" --threads 2 --batch 32 $ref_args \
    --json "$out/pytorch_${cfg}_compact.json" > /dev/null
  wait_idle
  echo "== TorchSharp, $cfg" >&2
  $harness --config "$cfg" $ts_args --json "$out/torchsharp_$cfg.json" > /dev/null
done
wait_idle
echo "== TorchSharp, memory over 20 epochs" >&2
$harness --config memory --epochs 20 --rows "$([ "${QUICK:-0}" = 1 ] && echo 128 || echo 256)" --json "$out/torchsharp_memory.json" > /dev/null

"$py" "$here/sidebyside_table.py" "$out" | tee "$out/table.md"
echo "JSON and table.md in $out" >&2
