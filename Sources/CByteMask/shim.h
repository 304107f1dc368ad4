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

/// The first index in `from..<count` of a byte that is not printable ASCII
/// (below 0x20, 0x7F, or 0x80 and above) or is `a` or `b`; `count` if none.
static inline intptr_t annotate_printable_ascii_run_end(
    const uint8_t *bytes, intptr_t from, intptr_t count, uint8_t a, uint8_t b) {
  intptr_t i = from;
#if defined(__SSE2__)
  // Signed bytes: those of 0x80 and above are below 0x20 too.
  const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
  const __m128i first = _mm_set1_epi8((char)a), second = _mm_set1_epi8((char)b);
  for (; i + 16 <= count; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
    __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)),
                                _mm_or_si128(_mm_cmpeq_epi8(v, first), _mm_cmpeq_epi8(v, second)));
    unsigned bits = (unsigned)_mm_movemask_epi8(stop);
    if (bits != 0) return i + __builtin_ctz(bits);
  }
#endif
  for (; i < count; i++) {
    uint8_t c = bytes[i];
    if (c < 0x20 || c >= 0x7F || c == a || c == b) return i;
  }
  return count;
}

/// The first index of a byte that makes a CSV field quoted (`,` `"` LF
/// CR) among the `count` at `bytes`; `count` if none. Other bytes, UTF-8's
/// included, are passed over 16 at a time.
static inline intptr_t annotate_csv_special_index(const uint8_t *bytes, intptr_t count) {
  intptr_t i = 0;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  for (; i + 16 <= count; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    unsigned bits = (unsigned)_mm_movemask_epi8(hit);
    if (bits != 0) return i + __builtin_ctz(bits);
  }
#endif
  for (; i < count; i++) {
    uint8_t c = bytes[i];
    if (c == ',' || c == '"' || c == '\n' || c == '\r') return i;
  }
  return count;
}

/// The first index in `from..<count` of a byte that ends a JSON string's
/// plain run — `"`, a backslash or a control (below 0x20) — or `count`;
/// `*high` is set to 1 when a byte of 0x80 or more comes before it.
static inline intptr_t annotate_json_string_run_end(
    const uint8_t *bytes, intptr_t from, intptr_t count, int32_t *high) {
  intptr_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  for (; i + 16 <= count; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
    unsigned highs = (unsigned)_mm_movemask_epi8(v);
    // Signed bytes: those of 0x80 and above are below 0x20 too, and are taken out.
    unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))) |
                    ((unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, space)) & ~highs);
    if (stop != 0) {
      unsigned at = (unsigned)__builtin_ctz(stop);
      if (highs & ((1u << at) - 1u)) *high = 1;
      return i + at;
    }
    if (highs != 0) *high = 1;
  }
#endif
  for (; i < count; i++) {
    uint8_t c = bytes[i];
    if (c == '"' || c == '\\' || c < 0x20) return i;
    if (c >= 0x80) *high = 1;
  }
  return count;
}

/// How many of the `count` bytes at `bytes` are UTF-8 continuation bytes
/// (0x80 to 0xBF): a text's code points are its other bytes.
static inline int64_t annotate_count_continuation_bytes(const uint8_t *bytes, intptr_t count) {
  int64_t total = 0;
  intptr_t i = 0;
#if defined(__SSE2__)
  // Signed bytes: the continuations are those below 0xC0 (-64).
  const __m128i limit = _mm_set1_epi8((char)0xC0), zero = _mm_setzero_si128();
  while (i + 16 <= count) {
    // Counted in byte lanes (a match is -1), at most 255 rounds, then summed.
    __m128i lanes = zero;
    for (int round = 0; round < 255 && i + 16 <= count; round++, i += 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(v, limit));
    }
    __m128i sums = _mm_sad_epu8(lanes, zero);
    total += _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
  }
#endif
  for (; i < count; i++) total += (bytes[i] & 0xC0) == 0x80;
  return total;
}
