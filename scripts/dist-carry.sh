#!/usr/bin/env bash
# scripts/dist-carry.sh - a folder that measures the distributed task graph
# (docs/distributed.md, docs/benchmarks.md "Distributed task graphs") on
# another Linux x86-64 machine with no MPI and no compiler needed: the
# benchmarks built here, libppar_rt, and MPICH's launcher (Hydra) and
# library with every library they load but glibc's, copied from this
# machine's packages (Debian: mpich). MPICH rather than Open MPI because
# Hydra and libmpich relocate by LD_LIBRARY_PATH alone, where Open MPI
# finds its components and help files by its install prefix.
#
#   bash scripts/dist-carry.sh [OUT]     (default dist-carry/, git-ignored)
#   OUT/run.sh                           (on the other machine)
#
# OUT/run.sh runs the halo stencil's weak scaling on 1, 2, 4 and 8 ranks of
# one thread (ms per step and the efficiency t(1) / t(R)), the cells
# benchmark (the cost per task of the graph walk when each rank skips
# (R - 1) / R of the tasks) and a message through the task graph against
# MPI's own ping-pong. It needs glibc 2.34 or later (Debian 12's is 2.36).
# Environment: BUILD (CMake build tree, default build).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
out=${1:-$root/dist-carry}
for need in clang-19 mpicc.mpich mpiexec.hydra hydra_pmi_proxy; do
  command -v "$need" >/dev/null ||
    { echo "dist-carry.sh: no $need (apt-get install clang-19 mpich libmpich-dev)" >&2; exit 1; }
done
[ -e "$build/lib/libppar_rt.so.0" ] || { echo "dist-carry.sh: build $build first" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib/ucx"

# The benchmarks, finding their libraries in ../lib.
rpath='-Wl,-rpath,$ORIGIN/../lib'
for b in tasks_dist dist_pingpong; do
  clang-19 -fplugin="$build/lib/libppar.so" -I"$root/include" -O2 \
    "$root/bench/$b.c" -o "$out/bin/${b//_/-}" -L"$build/lib" -lppar_rt "$rpath"
done
MPICH_CC=clang-19 mpicc.mpich -O2 "$root/bench/dist_pingpong_mpi.c" \
  -o "$out/bin/dist-pingpong-mpi" "$rpath"

cp -L "$build/lib/libppar_rt.so.0" "$out/lib/"
cp -L /usr/lib/llvm-19/lib/libomp.so.5 "$out/lib/"
mpich_lib=$(ldd "$out/bin/dist-pingpong-mpi" | awk '$1 == "libmpich.so.12" { print $3 }')
cp -L "$mpich_lib" "$out/lib/"
cp -L "$(command -v mpiexec.hydra)" "$(command -v hydra_pmi_proxy)" "$out/bin/"
# UCX (MPICH's transport) loads its transports from ucx/ beside libucs:
# shared memory between processes (cma); the InfiniBand ones would need
# the verbs libraries and are left out.
ucx=$(dirname "$(ldd "$mpich_lib" | awk '$1 == "libucs.so.0" { print $3 }')")/ucx
for f in "$ucx"/libuct_cma.so.0; do
  [ -e "$f" ] && cp -L "$f" "$out/lib/ucx/"
done

# Every library these load, but glibc's own (the other machine has glibc).
glibc='^(linux-vdso|ld-linux|libc|libm|libdl|libpthread|librt|libresolv|libutil)[.-]'
for round in 1 2 3; do
  for f in "$out"/bin/* "$out"/lib/*.so* "$out"/lib/ucx/*; do
    LD_LIBRARY_PATH=$out/lib ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }'
  done | sort -u | while read -r name path; do
    [[ $name =~ $glibc ]] && continue
    [ -e "$out/lib/$name" ] || cp -L "$path" "$out/lib/$name"
  done
done
strip --strip-unneeded "$out"/lib/*.so* "$out"/lib/ucx/* "$out"/bin/* 2>/dev/null || true

cp "$root/scripts/dist-carry-run.sh" "$out/run.sh"
chmod +x "$out/run.sh"

# Check: everything resolves inside the folder or to glibc.
bad=0
for f in "$out"/bin/* "$out"/lib/*.so* "$out"/lib/ucx/*; do
  while read -r name path; do
    case $path in "$out"/*) ;; *) [[ $name =~ $glibc ]] || { echo "dist-carry.sh: $f needs $name from $path" >&2; bad=1; } ;; esac
  done < <(LD_LIBRARY_PATH=$out/lib ldd "$f" 2>/dev/null | awk '$2 == "=>" { print $1, $3 }')
done
[ $bad = 0 ] || exit 1
echo "dist-carry.sh: $out ($(du -sh "$out" | cut -f1)); run $out/run.sh"
