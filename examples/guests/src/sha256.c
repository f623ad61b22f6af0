/*
 * SHA-256 of the private input, twice: in software, and with the sha256_compress accelerator
 * (the guest pads; the host compresses). Journal: the 32-byte digest. Exits 1 if the two differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rivet.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t IV[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress_software(uint32_t s[8], const uint8_t block[64])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16
             | (uint32_t)block[4 * t + 2] << 8 | block[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

typedef void (*compress_fn)(uint32_t s[8], const uint8_t block[64]);

static void accelerated(uint32_t s[8], const uint8_t block[64])
{
    rivet_sha256_compress(s, block);
}

static void sha256(const uint8_t *msg, size_t len, compress_fn compress, uint8_t out[32])
{
    uint32_t s[8];
    _Alignas(4) uint8_t block[64];
    memcpy(s, IV, sizeof s);
    size_t full = len / 64;
    for (size_t i = 0; i < full; i++) {
        memcpy(block, msg + 64 * i, 64);
        compress(s, block);
    }
    size_t rest = len % 64;
    memset(block, 0, 64);
    memcpy(block, msg + 64 * full, rest);
    block[rest] = 0x80;
    if (rest >= 56) {
        compress(s, block);
        memset(block, 0, 64);
    }
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++)
        block[63 - i] = (uint8_t)(bits >> (8 * i));
    compress(s, block);
    for (int i = 0; i < 32; i++)
        out[i] = (uint8_t)(s[i / 4] >> (24 - 8 * (i % 4)));
}

int main(void)
{
    size_t cap = 4096, len = 0;
    uint8_t *msg = malloc(cap);
    for (size_t n; msg != NULL && (n = rivet_read(msg + len, cap - len)) > 0;) {
        len += n;
        if (len == cap)
            msg = realloc(msg, cap *= 2);
    }
    if (msg == NULL) {
        fprintf(stderr, "input too large\n");
        return 2;
    }
    uint8_t soft[32], fast[32];
    sha256(msg, len, compress_software, soft);
    sha256(msg, len, accelerated, fast);
    rivet_commit(fast, sizeof fast);
    printf("sha256 of %u bytes: ", (unsigned)len);
    for (int i = 0; i < 32; i++)
        printf("%02x", fast[i]);
    printf("\n");
    if (memcmp(soft, fast, 32) != 0) {
        fprintf(stderr, "software and accelerated digests differ\n");
        return 1;
    }
    return 0;
}
