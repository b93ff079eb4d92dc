// Sources/CSHA256/include/CSHA256.h - SHA-256 block compression: SHA-NI and portable C
//
// The compression function of FIPS 180-4 over whole 64-byte blocks, and nothing else: padding,
// buffering and the running length live in the Swift `SHA256` type of the Hashing module.
// Every symbol is prefixed `csha256_` so the library never clashes with another SHA-256 at link time.

#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Compresses `nblocks` consecutive 64-byte blocks into `state` (the eight working words H0..H7 in
/// host order), with the portable scalar code. Runs on every CPU. `data` needs no alignment.
void csha256_blocks_portable(uint32_t *_Nonnull state, const void *_Nonnull data, size_t nblocks);

/// Compresses `nblocks` consecutive 64-byte blocks into `state` with the x86-64 SHA extensions.
/// Call it only when `csha256_shani_available()` returned 1: on a CPU without them it faults.
/// On other architectures it is the portable code, so the symbol always links.
void csha256_blocks_shani(uint32_t *_Nonnull state, const void *_Nonnull data, size_t nblocks);

/// 1 when this CPU has the SHA extensions plus SSSE3 and SSE4.1 (what `csha256_blocks_shani` uses),
/// read with CPUID; 0 otherwise and on every non-x86-64 CPU. Cheap but not free: cache the answer.
int csha256_shani_available(void);

#ifdef __cplusplus
}
#endif

#endif
