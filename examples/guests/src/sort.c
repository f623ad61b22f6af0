/*
 * Sorts n pseudo-random 32-bit numbers (xorshift32, seed 1) with a hand-written quicksort and
 * checks the result. n is the input's first 4 bytes (little-endian), 10000 by default. Journal:
 * n, then the sorted array's minimum, median and maximum, then sum(i * a[i]) mod 2^32, each 4
 * bytes little-endian.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "rivet.h"

static void quicksort(uint32_t *a, long lo, long hi)
{
    while (lo < hi) {
        uint32_t pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        /* Recurse into the smaller half, loop on the larger: the stack stays O(log n). */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

int main(void)
{
    uint32_t n = 10000;
    rivet_read(&n, sizeof n);
    if (n == 0) {
        fprintf(stderr, "nothing to sort\n");
        return 2;
    }
    uint32_t *a = n <= (1u << 26) ? malloc(n * sizeof *a) : NULL;
    if (a == NULL) {
        fprintf(stderr, "cannot allocate %lu numbers\n", (unsigned long)n);
        return 2;
    }
    uint32_t x = 1;
    for (uint32_t i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        a[i] = x;
    }
    quicksort(a, 0, (long)n - 1);
    uint32_t checksum = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) {
            fprintf(stderr, "not sorted at %lu\n", (unsigned long)i);
            return 1;
        }
        checksum += i * a[i];
    }
    uint32_t journal[5] = {n, a[0], a[n / 2], a[n - 1], checksum};
    rivet_commit(journal, sizeof journal);
    printf("sorted %lu numbers: min %lu, median %lu, max %lu\n", (unsigned long)n,
           (unsigned long)a[0], (unsigned long)a[n / 2], (unsigned long)a[n - 1]);
    free(a);
    return 0;
}
