/* EVA harness for src/json.c (with jsmn as Debian ships it, strict mode,
 * parent links): asc_result_bind, asc_result_clear, asc_json_token_size.
 * Bounds: body of 0..JSON_BOUND unknown bytes (each length a state; NULL
 * when empty or not); scratch memory the last 0..JSON_SCRATCH bytes of a
 * token-aligned arena (each size a state, so every alignment of the
 * scratch start and every token count up to JSON_SCRATCH / 20 is met), or
 * NULL; result NULL or not; any flags and any http_status.
 *
 * The scratch arena sits at the absolute address JSON_SCRATCH_ADDR (made
 * valid by -absolute-valid-range in mk/prove.mk), not in a static array:
 * parse_and_bind aligns the tokens with `(uintptr_t)scratch %
 * TOKEN_ALIGNMENT`, and EVA does not know the alignment of a variable's
 * address, so for an array that remainder is "any value" and every token
 * address becomes imprecise (the first slice's jsmn alarms: "Assigning
 * imprecise value to tok"). At a known address the remainder is exact. */
#include <limits.h>
#include "prove.h"
#include "asc_result.h"

#ifndef JSON_BOUND
#define JSON_BOUND 6u
#endif
#ifndef JSON_SCRATCH
#define JSON_SCRATCH 64u /* three tokens of 20 bytes and a misaligned tail */
#endif
#ifndef JSON_SCRATCH_ADDR
#define JSON_SCRATCH_ADDR 0x10000u /* mk/prove.mk: -absolute-valid-range */
#endif

void prove_json(void)
{
    static char body_arena[JSON_BOUND];
    unsigned char *scratch_arena = (unsigned char *)(uintptr_t)JSON_SCRATCH_ADDR;
    static asc_result r;
    size_t n = prove_split(0, JSON_BOUND);
    size_t scratch_len = prove_split(0, JSON_SCRATCH);
    asc_span body;
    void *scratch;
    asc_status st;

    body.ptr = (n == 0u && prove_bool()) ? NULL
             : (const char *)prove_tail((uint8_t *)body_arena, JSON_BOUND, n);
    body.len = n;
    scratch = prove_bool() ? NULL
            : (void *)prove_tail(scratch_arena, JSON_SCRATCH, scratch_len);
    st = asc_result_bind(prove_bool() ? &r : NULL, body, Frama_C_interval(INT_MIN, INT_MAX),
                         Frama_C_unsigned_int_interval(0u, UINT_MAX), scratch, scratch_len);
    (void)st;
    (void)asc_json_token_size();
    asc_result_clear(prove_bool() ? &r : NULL);
}
