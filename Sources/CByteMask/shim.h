// Byte classes of 64 bytes at once, for the UTF-8 validator: SSE2's byte
// comparisons and mask (every x86-64 has them), which Swift's SIMD types do
// not reach; a word at a time elsewhere. Inline: no call per 64 bytes.
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// A bit for each of the 64 bytes at `bytes` that is not plain ASCII (a NUL,
/// or a byte of 0x80 or more): bit k for byte k.
static inline uint64_t annotate_not_plain_ascii_64(const uint8_t *bytes) {
  uint64_t mask = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (int k = 0; k < 4; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + 16 * k));
    // A NUL's high bit set by the comparison, a long byte's by itself.
    uint32_t bits = (uint32_t)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));
    mask |= (uint64_t)bits << (16 * k);
  }
#else
  for (int k = 0; k < 64; k++) {
    if (bytes[k] == 0 || bytes[k] >= 0x80) mask |= (uint64_t)1 << k;
  }
#endif
  return mask;
}
