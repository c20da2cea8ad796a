#pragma ppar jit(parallel)
