#!/usr/bin/env bash
# Executor benchmark: Rivet's interpreter without and with recording (rivet execute --bench), side
# by side with qemu-riscv32 (Debian's qemu-user, a JIT) running the same guest ELF.
#
# Usage: bench/executor.sh [GUEST [N [QEMU_N]]]
#   GUEST   a prebuilt guest that reads a 4-byte little-endian count (default: fibonacci)
#   N       the count for Rivet's runs (default 1000000: ~10M instructions for fibonacci)
#   QEMU_N  the count for qemu, larger so its start-up time does not dominate (default 10*N)
# qemu's MIPS = the instructions Rivet counts for QEMU_N / qemu's best wall-clock time of 5 runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guest="${1:-fibonacci}"
n="${2:-1000000}"
qn="${3:-$((10 * n))}"
elf="$here/../examples/guests/prebuilt/$guest.elf"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
le32() { printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"; }
le32 "$n" > "$tmp/n.bin"
le32 "$qn" > "$tmp/qn.bin"

echo "== rivet execute --bench: $guest, input $n"
"$here/../rivet" execute "$elf" --input "$tmp/n.bin" --bench

echo "== one cold run (JVM start-up and JIT warm-up included): $guest, input $qn"
report="$("$here/../rivet" execute "$elf" --input "$tmp/qn.bin" 2>&1 >/dev/null)"
echo "$report" | tail -1
cycles="$(echo "$report" | sed -n 's/^rivet: \([0-9,]*\) cycles.*/\1/p' | tr -d ,)"

if command -v qemu-riscv32 >/dev/null; then
  best=""
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    qemu-riscv32 "$elf" < "$tmp/qn.bin" > /dev/null
    ns=$(( $(date +%s%N) - start ))
    if [[ -z "$best" || $ns -lt $best ]]; then best=$ns; fi
  done
  echo "== qemu-riscv32: $guest, input $qn"
  awk -v c="$cycles" -v ns="$best" 'BEGIN { printf "qemu-riscv32: %d instructions in %.3f s (%.1f MIPS, best of 5, process start-up included)\n", c, ns / 1e9, c * 1e3 / ns }'
else
  echo "qemu-riscv32 not found (Debian package qemu-user): skipping the comparison"
fi
