/** Merkle commitments to the rows of column-major matrices, with openings and their verification. */
package dev.rivet.stark.merkle;
