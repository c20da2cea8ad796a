// The plugin's generated code for test/run/gpu-resident-split.c (a 2-D
// Jacobi time loop on resident data) on the stand-in driver
// (Inputs/fake_cuda.c, the kernel in Inputs/gpu_resident_split_kernels.c),
// under PPAR_TARGET=cuda: with two devices and with one device used as
// three (PPAR_DEVICES=0,0,0) each device keeps a copy of both grids, the
// split's parts compute in place, and between steps only the halo rows a
// neighbour wrote move (39 doubles a row: the written ranges skip the
// boundary columns), peer to peer or on one device; the program prints what
// its serial build prints (PPAR_DISABLE_JIT=1). With one device nothing
// moves between devices.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %cc_ppar -O2 %S/../run/gpu-resident-split.c %S/Inputs/gpu_resident_split_kernels.c -Wl,--export-dynamic-symbol=fake_* -o %t %link_rt -lm -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache
// RUN: %{env} PPAR_DISABLE_JIT=1 %t > %t.want 2> /dev/null
//
// 19 steps after the first, each moving one row each way between the two
// devices: 19 * 2 * 312 bytes.
// RUN: %{env} PPAR_TARGET=cuda FAKE_CUDA_DEVICES=2 PPAR_DEVICES=0,1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=TWO --input-file %t.err
// TWO: moved between devices: peer 11856, on one device 0
//
// Three virtual devices: two boundaries, 19 * 4 * 312 bytes.
// RUN: %{env} PPAR_TARGET=cuda PPAR_DEVICES=0,0,0 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=THREE --input-file %t.err
// THREE: moved between devices: peer 0, on one device 23712
//
// RUN: %{env} PPAR_TARGET=cuda %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.err
// ONE: moved between devices: peer 0, on one device 0
