/*
 * The proving benchmark's guest (`rivet bench-prove`): a loop that mixes the instruction families
 * in roughly the shares of compiled programs (adds and immediates, loads and stores of words and
 * bytes, branches, shifts, bitwise operations, comparisons, a multiplication, and a division every
 * 16 rounds). The number of rounds is the input's first 4 bytes (little-endian), 1000 by default.
 * Journal: the rounds, then a checksum of the work (4 bytes each, little-endian).
 */
#include <stdint.h>
#include "rivet.h"

#define WORDS 256

static uint32_t table[WORDS];
static uint8_t bytes[WORDS];

int main(void)
{
    uint32_t rounds = 1000;
    rivet_read(&rounds, sizeof rounds);
    uint32_t x = 0x9e3779b9u, sum = 0;
    for (uint32_t i = 0; i < rounds; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t k = x & (WORDS - 1);
        table[k] += x | i;
        bytes[k] = (uint8_t)(bytes[k] + (x >> 24));
        sum += table[(k + 1) & (WORDS - 1)] * 31u + bytes[(k + 7) & (WORDS - 1)];
        if ((int32_t)x < (int32_t)sum) {
            sum -= x & 0xff;
        }
        if ((i & 15) == 0) {
            sum += x / (i | 1);
        }
    }
    rivet_commit(&rounds, sizeof rounds);
    rivet_commit(&sum, sizeof sum);
    return 0;
}
