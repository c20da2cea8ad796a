// A 5-iteration inner loop nested in a loop that carries a value: the
// answers are the serial ones.
// A loop of few iterations known at compile time stays serial: one fork and
// join per outer iteration would cost far more than the loop.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// min-work=0 turns the rule off (the csmith harness does, to test the
// analysis on loops that are all small): the inner loop runs in parallel.
// RUN: %cc_ppar -O2 %s -o %t.all %link_rt -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-report 2> %t.all.report
// RUN: FileCheck %s --check-prefix=ALL < %t.all.report
// RUN: %check_run %t.plain %t.all
#include <stdio.h>
#include <stdint.h>

#pragma ppar jit(parallel)
uint64_t walk(long n)
{
    uint64_t seed = 1;
    double v[5];
    for (long i = 0; i < n; i++) {          /* carried: seed */
        for (int j = 0; j < 5; j++)
            v[j] = (double)((seed >> (8 * j)) & 255);
        uint64_t cnt = 0;
        // CHECK: slow_tiny_inner_loop.c:[[@LINE+2]]:9: remark: loop not parallelised: it runs 5 iterations in all, too little work to pay for starting threads
        // ALL: slow_tiny_inner_loop.c:[[@LINE+1]]:9: remark: loop parallelised
        for (int j = 0; j < 5; j++)
            if (v[j] > 128.0)
                cnt++;
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL + cnt;
    }
    return seed;
}

int main(void)
{
    printf("%llu\n", (unsigned long long)walk(2000));
    return 0;
}
