package dev.rivet.stark.hash;

import dev.rivet.field.BabyBear;

/**
 * The Poseidon2 permutation over BabyBear with state width 16 and S-box x<sup>7</sup>: 8 full rounds (4 before,
 * 4 after) around 13 partial rounds.
 *
 * <h2>Design note</h2>
 * <ul>
 *   <li><b>Algorithm.</b> Grassi, Khovratovich, Schofnegger, "Poseidon2: A Faster Version of the Poseidon Hash
 *       Function" (ePrint 2023/323). The state first passes the external linear layer; a full round adds 16
 *       round constants, raises every element to the 7th power and applies the external layer; a partial round
 *       adds one constant to element 0, raises only element 0, and applies the internal layer.
 *   <li><b>Linear layers.</b> External: {@code circ(2·M4, M4, M4, M4)}, i.e. the 4×4 matrix
 *       M4 = [[5,7,1,3],[4,6,1,1],[1,3,5,7],[1,1,4,6]] on each block of four, then each element plus the sum of
 *       its position across the four blocks. Internal: {@code 1 + diag(v)}, i.e. each element becomes the sum of
 *       the state plus {@code v_i·x_i}.
 *   <li><b>Parameters.</b> The round constants and the internal diagonal v are the HorizenLabs instance for
 *       BabyBear width 16 (github.com/HorizenLabs/poseidon2,
 *       plain_implementations/src/poseidon2/poseidon2_instance_babybear.rs), as reproduced by Plonky3
 *       (github.com/Plonky3/Plonky3, baby-bear/src/poseidon2.rs, constants
 *       {@code HL_BABYBEAR_16_EXTERNAL_ROUND_CONSTANTS}, {@code HL_BABYBEAR_16_INTERNAL_ROUND_CONSTANTS},
 *       {@code MATRIX_DIAG_16_BABYBEAR_U32}), whose known-answer vectors the tests check.
 *   <li><b>Arithmetic.</b> Canonical ints; the linear layers accumulate in longs (sums of at most 16 elements
 *       times at most 7, or one product plus a sum, stay far below 2<sup>63</sup>) and reduce once per element.
 * </ul>
 */
public final class Poseidon2 {
  /** State width. */
  public static final int WIDTH = 16;

  private static final int HALF_FULL_ROUNDS = 4;
  private static final int PARTIAL_ROUNDS = 13;

  /** Internal layer diagonal v: element i becomes sum(state) + v_i·x_i. */
  private static final int[] DIAG = {
    0x0a632d94, 0x6db657b7, 0x56fbdc9e, 0x052b3d8a, 0x33745201, 0x5c03108c, 0x0beba37b, 0x258c2e8b,
    0x12029f39, 0x694909ce, 0x6d231724, 0x21c3b222, 0x3c0904a5, 0x01d6acda, 0x27705c83, 0x5231c802,
  };

  /** Constants of the 8 full rounds: the first 4 before the partial rounds, the last 4 after. */
  private static final int[][] EXTERNAL_CONSTANTS = {
      {
        0x69cbb6af, 0x46ad93f9, 0x60a00f4e, 0x6b1297cd, 0x23189afe, 0x732e7bef, 0x72c246de, 0x2c941900,
        0x0557eede, 0x1580496f, 0x3a3ea77b, 0x54f3f271, 0x0f49b029, 0x47872fe1, 0x221e2e36, 0x1ab7202e,
      },
      {
        0x487779a6, 0x3851c9d8, 0x38dc17c0, 0x209f8849, 0x268dcee8, 0x350c48da, 0x5b9ad32e, 0x0523272b,
        0x3f89055b, 0x01e894b2, 0x13ddedde, 0x1b2ef334, 0x7507d8b4, 0x6ceeb94e, 0x52eb6ba2, 0x50642905,
      },
      {
        0x05453f3f, 0x06349efc, 0x6922787c, 0x04bfff9c, 0x768c714a, 0x3e9ff21a, 0x15737c9c, 0x2229c807,
        0x0d47f88c, 0x097e0ecc, 0x27eadba0, 0x2d7d29e4, 0x3502aaa0, 0x0f475fd7, 0x29fbda49, 0x018afffd,
      },
      {
        0x0315b618, 0x6d4497d1, 0x1b171d9e, 0x52861abd, 0x2e5d0501, 0x3ec8646c, 0x6e5f250a, 0x148ae8e6,
        0x17f5fa4a, 0x3e66d284, 0x0051aa3b, 0x483f7913, 0x2cfe5f15, 0x023427ca, 0x2cc78315, 0x1e36ea47,
      },
      {
        0x7290a80d, 0x6f7e5329, 0x598ec8a8, 0x76a859a0, 0x6559e868, 0x657b83af, 0x13271d3f, 0x1f876063,
        0x0aeeae37, 0x706e9ca6, 0x46400cee, 0x72a05c26, 0x2c589c9e, 0x20bd37a7, 0x6a2d3d10, 0x20523767,
      },
      {
        0x5b8fe9c4, 0x2aa501d6, 0x1e01ac3e, 0x1448bc54, 0x5ce5ad1c, 0x4918a14d, 0x2c46a83f, 0x4fcf6876,
        0x61d8d5c8, 0x6ddf4ff9, 0x11fda4d3, 0x02933a8f, 0x170eaf81, 0x5a9c314f, 0x49a12590, 0x35ec52a1,
      },
      {
        0x58eb1611, 0x5e481e65, 0x367125c9, 0x0eba33ba, 0x1fc28ded, 0x066399ad, 0x0cbec0ea, 0x75fd1af0,
        0x50f5bf4e, 0x643d5f41, 0x6f4fe718, 0x5b3cbbde, 0x1e3afb3e, 0x296fb027, 0x45e1547b, 0x4a8db2ab,
      },
      {
        0x59986d19, 0x30bcdfa3, 0x1db63932, 0x1d7c2824, 0x53b33681, 0x0673b747, 0x038a98a3, 0x2c5bce60,
        0x351979cd, 0x5008fb73, 0x547bca78, 0x711af481, 0x3f93bf64, 0x644d987b, 0x3c8bcd87, 0x608758b8,
      },
  };

  /** Constants of the 13 partial rounds, added to element 0. */
  private static final int[] INTERNAL_CONSTANTS = {
    0x5a8053c0, 0x693be639, 0x3858867d, 0x19334f6b, 0x128f0fd8, 0x4e2b1ccb, 0x61210ce0, 0x3c318939,
    0x0b5b2f22, 0x2edb11d5, 0x213effdf, 0x0cac4606, 0x241af16d,
  };

  private Poseidon2() {}

  /** Permutes {@code state[off, off + 16)} in place; the elements must be canonical. */
  public static void permute(int[] state, int off) {
    externalLayer(state, off);
    for (int r = 0; r < HALF_FULL_ROUNDS; r++) {
      fullRound(state, off, EXTERNAL_CONSTANTS[r]);
    }
    for (int r = 0; r < PARTIAL_ROUNDS; r++) {
      state[off] = sbox(BabyBear.add(state[off], INTERNAL_CONSTANTS[r]));
      internalLayer(state, off);
    }
    for (int r = HALF_FULL_ROUNDS; r < 2 * HALF_FULL_ROUNDS; r++) {
      fullRound(state, off, EXTERNAL_CONSTANTS[r]);
    }
  }

  private static void fullRound(int[] s, int off, int[] constants) {
    for (int i = 0; i < WIDTH; i++) {
      s[off + i] = sbox(BabyBear.add(s[off + i], constants[i]));
    }
    externalLayer(s, off);
  }

  private static int sbox(int x) {
    int x2 = BabyBear.square(x);
    int x3 = BabyBear.mul(x2, x);
    int x4 = BabyBear.square(x2);
    return BabyBear.mul(x4, x3);
  }

  private static void externalLayer(int[] s, int off) {
    // M4 on each block of four, kept in locals: this runs 9 times per permutation and must not allocate
    long x0 = s[off], x1 = s[off + 1], x2 = s[off + 2], x3 = s[off + 3];
    long m0 = 5 * x0 + 7 * x1 + x2 + 3 * x3;
    long m1 = 4 * x0 + 6 * x1 + x2 + x3;
    long m2 = x0 + 3 * x1 + 5 * x2 + 7 * x3;
    long m3 = x0 + x1 + 4 * x2 + 6 * x3;
    long x4 = s[off + 4], x5 = s[off + 5], x6 = s[off + 6], x7 = s[off + 7];
    long m4 = 5 * x4 + 7 * x5 + x6 + 3 * x7;
    long m5 = 4 * x4 + 6 * x5 + x6 + x7;
    long m6 = x4 + 3 * x5 + 5 * x6 + 7 * x7;
    long m7 = x4 + x5 + 4 * x6 + 6 * x7;
    long x8 = s[off + 8], x9 = s[off + 9], x10 = s[off + 10], x11 = s[off + 11];
    long m8 = 5 * x8 + 7 * x9 + x10 + 3 * x11;
    long m9 = 4 * x8 + 6 * x9 + x10 + x11;
    long m10 = x8 + 3 * x9 + 5 * x10 + 7 * x11;
    long m11 = x8 + x9 + 4 * x10 + 6 * x11;
    long x12 = s[off + 12], x13 = s[off + 13], x14 = s[off + 14], x15 = s[off + 15];
    long m12 = 5 * x12 + 7 * x13 + x14 + 3 * x15;
    long m13 = 4 * x12 + 6 * x13 + x14 + x15;
    long m14 = x12 + 3 * x13 + 5 * x14 + 7 * x15;
    long m15 = x12 + x13 + 4 * x14 + 6 * x15;
    long c0 = m0 + m4 + m8 + m12;
    long c1 = m1 + m5 + m9 + m13;
    long c2 = m2 + m6 + m10 + m14;
    long c3 = m3 + m7 + m11 + m15;
    s[off] = BabyBear.reduce(m0 + c0);
    s[off + 1] = BabyBear.reduce(m1 + c1);
    s[off + 2] = BabyBear.reduce(m2 + c2);
    s[off + 3] = BabyBear.reduce(m3 + c3);
    s[off + 4] = BabyBear.reduce(m4 + c0);
    s[off + 5] = BabyBear.reduce(m5 + c1);
    s[off + 6] = BabyBear.reduce(m6 + c2);
    s[off + 7] = BabyBear.reduce(m7 + c3);
    s[off + 8] = BabyBear.reduce(m8 + c0);
    s[off + 9] = BabyBear.reduce(m9 + c1);
    s[off + 10] = BabyBear.reduce(m10 + c2);
    s[off + 11] = BabyBear.reduce(m11 + c3);
    s[off + 12] = BabyBear.reduce(m12 + c0);
    s[off + 13] = BabyBear.reduce(m13 + c1);
    s[off + 14] = BabyBear.reduce(m14 + c2);
    s[off + 15] = BabyBear.reduce(m15 + c3);
  }

  private static void internalLayer(int[] s, int off) {
    long sum = 0;
    for (int i = 0; i < WIDTH; i++) {
      sum += s[off + i];
    }
    for (int i = 0; i < WIDTH; i++) {
      s[off + i] = BabyBear.reduce((long) s[off + i] * DIAG[i] + sum);
    }
  }
}
