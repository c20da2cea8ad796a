// The plugin's generated code for test/run/delayed-place.c on the stand-in
// driver (Inputs/fake_cuda.c, the kernel in Inputs/delayed_place_kernels.c)
// under PPAR_TARGET=cuda with two threads. Two devices: the two independent
// tasks run their kernels one on each device, the chain on data resident on
// device 1 runs there, the host-code task is not placed, and a launch that
// fails on device 1 names it; the same with kernels run asynchronously.
// One device and no GPU: nothing placed. The output is the serial build's
// every time.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %cc_ppar -O2 %S/../run/delayed-place.c %S/Inputs/delayed_place_kernels.c -Wl,--export-dynamic-symbol=fake_* -o %t %link_rt -lm -ldl
// RUN: %cc_plain -O2 %S/../run/delayed-place.c -o %t.serial -lm
// RUN: %t.serial > %t.want
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_TARGET=cuda PPAR_NUM_THREADS=2
//
// RUN: %{env} FAKE_CUDA_DEVICES=2 PPAR_VERBOSE=1 PPAR_TRACE=%t.json %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=TWO --input-file %t.err
// RUN: FileCheck %s --check-prefix=TRACE --input-file %t.json
// TWO-DAG: scale a=3 on device 0
// TWO-DAG: scale a=3 on device 1
// TWO-DAG: ppar: task step ({{.*}}delayed-place.c:{{[0-9]+}}) placed on device 0 (the least busy)
// TWO-DAG: ppar: task step ({{.*}}delayed-place.c:{{[0-9]+}}) placed on device 1 (the least busy)
// TWO-NOT: task host_step{{.*}} placed
// TWO: ppar: task step ({{.*}}) placed on device 1 (its resident data)
// TWO: scale a=0.5 on device 1
// TWO: ppar: task step ({{.*}}) placed on device 1 (its resident data)
// TWO: scale a=1 on device 1
// TWO: ppar: task step ({{.*}}) placed on device 1 (its resident data)
// TWO: scale a=1.5 on device 1
// TRACE-DAG: {"name": "step", "cat": "task"{{.*}}, "device": 0}}
// TRACE-DAG: {"name": "step", "cat": "task"{{.*}}, "device": 1}}
// TRACE-DAG: {"name": "host_step", "cat": "task"{{.*}}, "task": {{[0-9]+}}}}
//
// Kernels on each stream's own thread (FAKE_CUDA_ASYNC=1): the chain's
// calls stay in flight on device 1 across workers, the same output.
// RUN: %{env} FAKE_CUDA_DEVICES=2 FAKE_CUDA_ASYNC=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=ASYNC --input-file %t.err
// ASYNC-DAG: scale a=3 on device 0
// ASYNC-DAG: scale a=3 on device 1
// ASYNC-DAG: scale a=0.5 on device 1
// ASYNC-DAG: scale a=1 on device 1
// ASYNC-DAG: scale a=1.5 on device 1
//
// Launches fail on device 1: the independent task placed there says so,
// naming the device, and runs its CPU version; the chain on device 1's
// resident data cannot fall back and ends the program, naming it too.
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_NUM_THREADS=2 FAKE_CUDA_DEVICES=2 FAKE_CUDA_BAD_DEVICE=1 not %t > %t.got 2> %t.err
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.err
// BAD-DAG: ppar: scale ({{.*}}delayed-place.c:{{[0-9]+}}): the GPU call failed on device 1: launching kernel __ppar_k_scale_0 {{.*}}; running the CPU version
// BAD-DAG: scale a=3 on device 0
// BAD: ppar: error: scale ({{.*}}): the GPU call failed on device 1: launching kernel __ppar_k_scale_0 {{.*}}; it uses resident data (ppar_to_device)
//
// The serial oracle (PPAR_DISABLE_JIT=1) and PPAR_CHECK=1 on two devices:
// the same output, nothing placed.
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_NUM_THREADS=2 FAKE_CUDA_DEVICES=2 PPAR_DISABLE_JIT=1 PPAR_VERBOSE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: not grep placed %t.err
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_NUM_THREADS=2 FAKE_CUDA_DEVICES=2 PPAR_CHECK=1 PPAR_VERBOSE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: not grep placed %t.err
//
// One device, and no GPU (the CPU version): the same output, nothing placed.
// RUN: %{env} FAKE_CUDA_DEVICES=1 PPAR_VERBOSE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.err --implicit-check-not=placed --implicit-check-not="on device 1"
// ONE-COUNT-5: scale a={{.*}} on device 0
// RUN: env PPAR_NUM_THREADS=2 PPAR_VERBOSE=1 %t > %t.got 2> %t.err
// RUN: diff %t.want %t.got
// RUN: FileCheck %s --check-prefix=NONE --input-file %t.err --implicit-check-not=placed --implicit-check-not="scale a="
// NONE: no CUDA device
