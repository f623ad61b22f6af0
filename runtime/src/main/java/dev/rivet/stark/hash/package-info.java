/** The pluggable hash of Merkle trees and transcripts: {@link dev.rivet.stark.hash.HashFunction} and its two implementations. */
package dev.rivet.stark.hash;
