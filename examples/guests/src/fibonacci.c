/*
 * Fibonacci: F(n) mod 2^64 by iteration. n is the input's first 4 bytes (little-endian), 90 by
 * default. Journal: n (4 bytes) then F(n) (8 bytes), little-endian. Also the executor's
 * compute-bound benchmark (see docs/benchmarks.md).
 */
#include <stdint.h>
#include <stdio.h>
#include "rivet.h"

int main(void)
{
    uint32_t n = 90;
    rivet_read(&n, sizeof n);
    uint64_t a = 0, b = 1;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t next = a + b;
        a = b;
        b = next;
    }
    rivet_commit(&n, sizeof n);
    rivet_commit(&a, sizeof a);
    printf("fib(%lu) mod 2^64 = %llu\n", (unsigned long)n, (unsigned long long)a);
    return 0;
}
