/* EVA harness for src/json.c (with jsmn as Debian ships it, strict mode,
 * parent links): asc_result_bind, asc_result_clear, asc_json_token_size.
 * Two parts: fully unknown bodies (prove_json_unknown) and bodies holding
 * a known key (prove_json_known_keys, bounds there).
 * prove_json_unknown bounds: body of 0..JSON_BOUND unknown bytes (each length a state), or
 * NULL with any of these lengths; scratch memory the last 0..JSON_SCRATCH
 * bytes of a token-aligned arena (each size a state, so every alignment of the
 * scratch start and every token count up to JSON_SCRATCH / 20 is met), or
 * NULL; result NULL or not; any flags and any http_status.
 *
 * The scratch arena sits at the absolute address JSON_SCRATCH_ADDR (made
 * valid by -absolute-valid-range in mk/prove.mk), not in a static array:
 * parse_and_bind aligns the tokens with `(uintptr_t)scratch %
 * TOKEN_ALIGNMENT`, and EVA does not know the alignment of a variable's
 * address, so for an array that remainder is "any value" and every token
 * address becomes imprecise (the first slice's jsmn alarms: "Assigning
 * imprecise value to tok"). At a known address the remainder is exact.
 *
 * The scratch starts zeroed, not unknown: jsmn writes start, end, size and
 * parent of every token it allocates (jsmn_alloc_token) and its type right
 * after, before anything reads it, and json.c reads tokens only after
 * jsmn_parse succeeded, so the content before the call is never read. EVA
 * joins token writes once the tokenizer's states merge (weak updates); an
 * unknown initial content then joins every token field with "any int",
 * which made 20 alarms in jsmn.h (tokens[toksuper], token->parent) in the
 * first slice, none of them a real access. */
#include <limits.h>
#include <string.h>
#include "prove.h"
#include "asc_result.h"

#ifndef JSON_BOUND
#define JSON_BOUND 6u
#endif
#ifndef JSON_SCRATCH
#define JSON_SCRATCH 64u /* three tokens of 20 bytes and a misaligned tail */
#endif
#ifndef JSON_VALUE_BOUND
#define JSON_VALUE_BOUND 8u /* "\uD800" with its quotes */
#endif
#ifndef JSON_SCRATCH_ADDR
#define JSON_SCRATCH_ADDR 0x10000u /* mk/prove.mk: -absolute-valid-range */
#endif

/* Known keys: a body `{"KEY":` + VALUE + `}` for each key json.c binds,
 * VALUE 0..JSON_VALUE_BOUND unknown bytes (each length a state), at the end
 * of its arena; the whole scratch arena (three tokens), any flags, any
 * http_status. The fully unknown bodies of prove_json are too short to
 * hold a known key (`{"Code":1}` is 10 bytes), so only this reaches the
 * binding of values, and read_escape with a complete \uD8xx escape. */
static void prove_json_known_keys(unsigned char *scratch_arena)
{
    static const char *const keys[] = { "Data",      "Success", "Code",     "Message",
                                        "RequestId", "HostId",  "Recommend" };
    enum { KEY_MAX = 9u, HEAD_MAX = 2u + KEY_MAX + 2u };
    static char arena[HEAD_MAX + JSON_VALUE_BOUND + 1u];
    static asc_result r;
    size_t key, vlen, klen;
    char *p;
    asc_status st;
    asc_span body;

    memset(scratch_arena, 0, JSON_SCRATCH);
    Frama_C_make_unknown(arena, sizeof arena);
    key = prove_split(0, sizeof keys / sizeof keys[0] - 1u);
    vlen = prove_split(0, JSON_VALUE_BOUND);
    klen = strlen(keys[key]);
    body.len = 2u + klen + 2u + vlen + 1u;
    p = arena + (sizeof arena - body.len);
    body.ptr = p;
    memcpy(p, "{\"", 2u);
    memcpy(p + 2u, keys[key], klen);
    memcpy(p + 2u + klen, "\":", 2u);
    p[body.len - 1u] = '}'; /* p[4 + klen .. 4 + klen + vlen): unknown */
    st = asc_result_bind(&r, body, Frama_C_interval(INT_MIN, INT_MAX),
                         Frama_C_unsigned_int_interval(0u, UINT_MAX), scratch_arena, JSON_SCRATCH);
    (void)st;
}

/* Fully unknown bodies (see the top of the file). */
static void prove_json_unknown(unsigned char *scratch_arena)
{
    static char body_arena[JSON_BOUND];
    static asc_result r;
    size_t n, scratch_len;
    asc_span body;
    void *scratch;
    asc_status st;

    memset(scratch_arena, 0, JSON_SCRATCH);
    n = prove_split(0, JSON_BOUND);
    scratch_len = prove_split(0, JSON_SCRATCH);
    /* NULL with any length: the API refuses NULL with len > 0 */
    body.ptr = prove_bool() ? NULL
                            : (const char *)prove_tail((uint8_t *)body_arena, JSON_BOUND, n);
    body.len = n;
    scratch = prove_bool() ? NULL
            : (void *)(scratch_arena + (JSON_SCRATCH - scratch_len));
    st = asc_result_bind(prove_bool() ? &r : NULL, body, Frama_C_interval(INT_MIN, INT_MAX),
                         Frama_C_unsigned_int_interval(0u, UINT_MAX), scratch, scratch_len);
    (void)st;
    (void)asc_json_token_size();
    asc_result_clear(prove_bool() ? &r : NULL);
}

void prove_json(void)
{
    unsigned char *scratch_arena = (unsigned char *)(uintptr_t)JSON_SCRATCH_ADDR;
    prove_json_unknown(scratch_arena);
    prove_json_known_keys(scratch_arena);
}
