// Sources/CSHA256/csha256_x86.c - SHA-256 compression with the x86-64 SHA extensions, and the CPUID check
//
// The intrinsics are enabled per function with a target attribute, so the module builds with no
// special flags and the rest of the binary still runs on any x86-64 CPU. The Swift side calls
// `csha256_blocks_shani` only after `csha256_shani_available()` said yes.

#include "CSHA256.h"
#include "csha256_internal.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

#define CSHA256_SHANI __attribute__((target("sha,sse4.1,ssse3")))

// Four rounds: add the round constants K[4i..4i+3] to the schedule words, then two SHA256RNDS2.
// Each SHA256RNDS2 returns the new (A,B,E,F); the (C,D,G,H) after two rounds are the (A,B,E,F)
// from before them, so the two registers swap roles between the calls.
#define CSHA256_K4(i) _mm_load_si128((const __m128i *)&csha256_round_constants[4 * (i)])
#define CSHA256_ROUNDS4(w, i)                                                      \
    do {                                                                           \
        __m128i wk = _mm_add_epi32((w), CSHA256_K4(i));                            \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                              \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));    \
    } while (0)

// Message schedule for the next four words W[t..t+3] (t >= 16), written over the oldest group.
// `oldest` holds W[t-16..t-13], then W[t-12..t-9], W[t-8..t-5], and `newest` W[t-4..t-1].
// SHA256MSG1 adds sigma0(W[t-15]) to W[t-16]; the byte shift picks W[t-7..t-4]; SHA256MSG2 adds
// sigma1(W[t-2]), including the two words it produces itself.
#define CSHA256_SCHEDULE(oldest, older, newer, newest)                             \
    oldest = _mm_sha256msg2_epu32(                                                 \
        _mm_add_epi32(_mm_sha256msg1_epu32((oldest), (older)),                     \
                      _mm_alignr_epi8((newest), (newer), 4)),                      \
        (newest))

CSHA256_SHANI
void csha256_blocks_shani(uint32_t *state, const void *data, size_t nblocks) {
    const __m128i *block = (const __m128i *)data;
    // Byte shuffle that turns each little-endian 32-bit lane into the big-endian word of the message.
    const __m128i bswap32 = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

    // Repack H0..H7 into the two registers the instructions want, named from the highest lane down:
    // abef = (A, B, E, F) and cdgh = (C, D, G, H).
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; nblocks > 0; nblocks--, block += 4) {
        const __m128i abef_in = abef;
        const __m128i cdgh_in = cdgh;

        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128(block + 0), bswap32);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128(block + 1), bswap32);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128(block + 2), bswap32);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128(block + 3), bswap32);

        CSHA256_ROUNDS4(w0, 0);
        CSHA256_ROUNDS4(w1, 1);
        CSHA256_ROUNDS4(w2, 2);
        CSHA256_ROUNDS4(w3, 3);

        CSHA256_SCHEDULE(w0, w1, w2, w3); CSHA256_ROUNDS4(w0, 4);
        CSHA256_SCHEDULE(w1, w2, w3, w0); CSHA256_ROUNDS4(w1, 5);
        CSHA256_SCHEDULE(w2, w3, w0, w1); CSHA256_ROUNDS4(w2, 6);
        CSHA256_SCHEDULE(w3, w0, w1, w2); CSHA256_ROUNDS4(w3, 7);

        CSHA256_SCHEDULE(w0, w1, w2, w3); CSHA256_ROUNDS4(w0, 8);
        CSHA256_SCHEDULE(w1, w2, w3, w0); CSHA256_ROUNDS4(w1, 9);
        CSHA256_SCHEDULE(w2, w3, w0, w1); CSHA256_ROUNDS4(w2, 10);
        CSHA256_SCHEDULE(w3, w0, w1, w2); CSHA256_ROUNDS4(w3, 11);

        CSHA256_SCHEDULE(w0, w1, w2, w3); CSHA256_ROUNDS4(w0, 12);
        CSHA256_SCHEDULE(w1, w2, w3, w0); CSHA256_ROUNDS4(w1, 13);
        CSHA256_SCHEDULE(w2, w3, w0, w1); CSHA256_ROUNDS4(w2, 14);
        CSHA256_SCHEDULE(w3, w0, w1, w2); CSHA256_ROUNDS4(w3, 15);

        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }

    // Back to H0..H7 in order.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

int csha256_shani_available(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_max(0, NULL) < 7) {
        return 0;
    }
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    const int ssse3 = (ecx & bit_SSSE3) != 0;
    const int sse41 = (ecx & bit_SSE4_1) != 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    const int sha = (ebx & bit_SHA) != 0;
    return ssse3 && sse41 && sha;
}

#else

// Not x86-64: no SHA extensions to use. The symbol still exists so the Swift code links everywhere,
// and it computes the right answer should anyone call it.
void csha256_blocks_shani(uint32_t *state, const void *data, size_t nblocks) {
    csha256_blocks_portable(state, data, nblocks);
}

int csha256_shani_available(void) { return 0; }

#endif
