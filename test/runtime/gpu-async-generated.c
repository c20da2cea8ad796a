// The plugin's generated code for test/run/gpu-async.c on the stand-in
// driver (Inputs/fake_cuda.c, kernels in Inputs/gpu_async_kernels.c), under
// PPAR_TARGET=cuda: calls on resident data are in flight until a reduction,
// ppar_synchronize or ppar_to_host waits for them, and the program prints
// what its serial build prints. The trace shows the calls in flight
// (launch rows) and the waits.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %cc_ppar -O2 %S/../run/gpu-async.c %S/Inputs/gpu_async_kernels.c -Wl,--export-dynamic-symbol=fake_* -o %t %link_rt -lm
// RUN: %cc_plain -O2 %S/../run/gpu-async.c -o %t.serial -lm
// RUN: %t.serial > %t.want
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_TARGET=cuda
// RUN: %{env} PPAR_VERBOSE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --input-file %t.err
// CHECK: ppar: total ({{.*}}gpu-async.c:29): waits for 10 asynchronous GPU calls (the first of relax, {{.*}}gpu-async.c:23): the call returns a value the host needs
// CHECK: ppar: waiting for 1 asynchronous GPU call (the first of relax, {{.*}}gpu-async.c:23) at ppar_synchronize
// Traced copies wait (their time is the copy's), so the trace run waits
// earlier; it prints the same.
// RUN: %{env} PPAR_TRACE=%t.json %t > %t.got 2>/dev/null
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=TRACE --input-file %t.json
// TRACE-DAG: {"name": "__ppar_k_relax_0", "cat": "launch", {{.*}}"function": "relax"{{.*}}
// TRACE-DAG: {"name": "__ppar_k_total_0", "cat": "kernel", {{.*}}
// TRACE-DAG: {"name": "ppar_synchronize", "cat": "wait", {{.*}}
