// Sources/CSHA256/csha256_internal.h - what the two C files share; not part of the module's API

#ifndef CSHA256_INTERNAL_H
#define CSHA256_INTERNAL_H

#include <stdint.h>

/// The 64 round constants K0..K63 (FIPS 180-4, section 4.2.2), 16-byte aligned for vector loads.
extern const uint32_t csha256_round_constants[64];

#endif
