// The plugin's generated code for test/run/gpu-split.c on the stand-in
// driver (Inputs/fake_cuda.c, kernels in Inputs/gpu_split_kernels.c), under
// PPAR_TARGET=cuda: with two devices, and with one device used as three
// (PPAR_DEVICES=0,0,0), the split functions run their loop in one block per
// device, reductions combining the parts' partials in part order, and the
// program prints what its serial build prints. The column
// writer is declined by the runtime before any part launches (its parts'
// written ranges overlap) and runs on one device; with one device nothing
// is split.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %cc_ppar -O2 %S/../run/gpu-split.c %S/Inputs/gpu_split_kernels.c -Wl,--export-dynamic-symbol=fake_* -o %t %link_rt -lm
// RUN: %cc_plain -O2 %S/../run/gpu-split.c -o %t.serial -lm
// RUN: %t.serial > %t.want
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_TARGET=cuda
// RUN: %{env} FAKE_CUDA_DEVICES=2 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=TWO --input-file %t.err
// TWO-DAG: launch stencil lo=1 n=501
// TWO-DAG: launch stencil lo=502 n=500
// TWO-DAG: launch rows lo=1 n=501
// TWO-DAG: launch rows lo=502 n=501
// TWO-DAG: launch columns lo=0 n=1003
// TWO-DAG: launch evens_down lo=1001 n=251
// TWO-DAG: launch evens_down lo=499 n=250
// TWO-DAG: launch total lo=0 n=502
// TWO-DAG: launch total lo=502 n=501
// TWO-DAG: launch peak lo=0 n=502
// TWO-DAG: launch peak lo=502 n=501
// TWO-NOT: launch columns
//
// RUN: %{env} PPAR_DEVICES=0,0,0 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=THREE --input-file %t.err
// THREE-DAG: launch stencil lo=1 n=334
// THREE-DAG: launch stencil lo=335 n=334
// THREE-DAG: launch stencil lo=669 n=333
// THREE-DAG: launch rows lo=1 n=334
// THREE-DAG: launch rows lo=669 n=334
// THREE-DAG: launch columns lo=0 n=1003
// THREE-DAG: launch evens_down lo=1001 n=167
// THREE-DAG: launch evens_down lo=667 n=167
// THREE-DAG: launch evens_down lo=333 n=167
// THREE-DAG: launch total lo=0 n=335
// THREE-DAG: launch total lo=335 n=334
// THREE-DAG: launch total lo=669 n=334
// THREE-DAG: launch peak lo=669 n=334
// THREE-NOT: launch columns
//
// Launches fail on device 1: each split call says so, naming the device,
// copies nothing out and runs again on one device (device 0).
// RUN: %{env} FAKE_CUDA_DEVICES=2 FAKE_CUDA_BAD_DEVICE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.err
// BAD:      ppar: stencil ({{.*}}gpu-split.c:{{[0-9]+}}): the GPU call failed on device 1 (part 2 of 2): launching kernel __ppar_k_stencil_0 (grid 2x1, block 256x1) failed: CUDA_ERROR_INVALID_VALUE (1): invalid argument; running it on one device
// BAD:      launch stencil lo=1 n=1001
// BAD:      ppar: rows ({{.*}}gpu-split.c:{{[0-9]+}}): the GPU call failed on device 1 (part 2 of 2): {{.*}}; running it on one device
// BAD:      launch rows lo=1 n=1002
//
// RUN: %{env} %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.err
// ONE:      launch stencil lo=1 n=1001
// ONE-NEXT: launch rows lo=1 n=1002
// ONE-NEXT: launch columns lo=0 n=1003
// ONE-NEXT: launch evens_down lo=1001 n=501
// ONE-DAG:  launch total lo=0 n=1003
// ONE-DAG:  launch peak lo=0 n=1003
