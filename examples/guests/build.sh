#!/usr/bin/env bash
# Rebuilds the example guests. Needs Debian's gcc-riscv64-unknown-elf and
# picolibc-riscv64-unknown-elf. Usage: build.sh [OUTPUT_DIR]  (default: prebuilt/ next to this
# script). The build is reproducible: no debug info, no build ID, stripped, no absolute paths,
# so rebuilding gives the committed prebuilt/*.elf byte for byte (a test checks this in CI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mkdir -p "${1:-$here/prebuilt}" && cd "${1:-$here/prebuilt}" && pwd)"
cc=riscv64-unknown-elf-gcc
flags=(-march=rv32im -mabi=ilp32 -O2 -g0 --specs=picolibc.specs -nostartfiles
       -ffunction-sections -fdata-sections -ffile-prefix-map="$here"=.
       -Wall -Wextra -Werror -Isdk -Tsdk/rivet.ld
       -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-warn-rwx-segments -s)
cd "$here"
for src in src/*.c; do
  name="$(basename "$src" .c)"
  "$cc" "${flags[@]}" sdk/crt0.S sdk/rivet_stdio.c "$src" -o "$out/$name.elf"
done
echo "built $(ls "$out"/*.elf | wc -l) guests into $out"
