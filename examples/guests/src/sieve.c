/*
 * Sieve of Eratosthenes: counts the primes below a limit (the input's first 4 bytes,
 * little-endian; 1000000 by default; at most 64 MiB). Journal: the limit, the count and the
 * largest prime below the limit, each 4 bytes little-endian.
 */
#include <stdint.h>
#include <stdio.h>
#include "rivet.h"

#define MAX_LIMIT (64u << 20)

/* 64 MiB of .bss: the executor's memory is sparse, so only the pages the sieve touches cost. */
static uint8_t composite[MAX_LIMIT];

int main(void)
{
    uint32_t limit = 1000000;
    rivet_read(&limit, sizeof limit);
    if (limit > MAX_LIMIT) {
        fprintf(stderr, "limit %lu is above %lu\n", (unsigned long)limit, (unsigned long)MAX_LIMIT);
        return 2;
    }
    uint32_t count = 0, largest = 0;
    for (uint32_t i = 2; i < limit; i++) {
        if (composite[i])
            continue;
        count++;
        largest = i;
        for (uint64_t j = (uint64_t)i * i; j < limit; j += i)
            composite[j] = 1;
    }
    uint32_t journal[3] = {limit, count, largest};
    rivet_commit(journal, sizeof journal);
    printf("%lu primes below %lu, the largest %lu\n", (unsigned long)count, (unsigned long)limit,
           (unsigned long)largest);
    return 0;
}
