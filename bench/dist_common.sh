# Sourced by the bench/dist_*.sh scripts: root (the checkout), build (the
# CMake build tree: BUILD, default build), out (its bench folder, made),
# and plugin_build NAME, which builds bench/NAME.c with the plugin into
# $out/NAME with dashes for underscores (tasks_dist -> tasks-dist).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
out=$build/bench
mkdir -p "$out"

plugin_build() {
  clang-19 -fplugin="$build/lib/libppar.so" -I"$root/include" -O2 \
    "$root/bench/$1.c" -o "$out/${1//_/-}" \
    -L"$build/lib" -lppar_rt -Wl,-rpath,"$build/lib"
}
