/*
 * tests/fuzz/fuzz_json.c - libFuzzer target: the JSON result binder
 * (asc_result_bind with caller scratch memory, include/asc_result.h),
 * checked against the reference validator in tests/json_ref.h.
 *
 * Input: byte 0 = flags / HTTP status choice, byte 1 = scratch size choice,
 * the rest is the body, copied into a heap buffer of exactly its size so
 * ASan sees any read past it; the scratch is an exact-size heap block at an
 * odd address (the binder must align it itself). The library's binder
 * (full profile: strict) is also compared with the lean one
 * (ASC_STRICT_PARSING 0), compiled in here as lean_result_bind: whatever
 * strict binds, lean binds identically.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "asc_result.h"
#include "../json_ref.h"

#undef ASC_STRICT_PARSING
#define ASC_STRICT_PARSING 0
#define asc_result_bind lean_result_bind
#define asc_result_clear lean_result_clear
#define asc_json_token_size lean_json_token_size
asc_status lean_result_bind(asc_result *r, asc_span body, int http_status,
                            unsigned flags, void *scratch, size_t scratch_len);
void lean_result_clear(asc_result *r);
size_t lean_json_token_size(void);
#include "../../src/json.c"
#undef asc_result_bind
#undef asc_result_clear
#undef asc_json_token_size

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *f, size_t cap)
{
    if (memchr(f, '\0', cap) == NULL) {
        abort();
    }
}

/* Does s[0..n) contain a known key name in quotes? */
static int has_known_key(const char *s, size_t n)
{
    static const char *const keys[7] = { "\"Data\"", "\"Success\"", "\"Code\"", "\"Message\"",
                                         "\"RequestId\"", "\"HostId\"", "\"Recommend\"" };
    size_t i, k;
    for (k = 0; k < 7u; k++) {
        size_t l = strlen(keys[k]);
        for (i = 0; i + l <= n; i++) {
            if (memcmp(s + i, keys[k], l) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[4] = { 200, 400, 404, 503 };
    asc_result r, rl;
    asc_span body;
    char *text;
    uint8_t *scratch;
    size_t n, tokens, scratch_len;
    unsigned flags;
    int http;
    asc_status st, sl;
    int vs;
    size_t k;

    if (size < 2u) {
        return 0;
    }
    flags = (data[0] & 1u) ? ASC_BIND_DATA_ANY : 0u;
    http = statuses[(data[0] >> 1) & 3u];
    n = size - 2u;
    /* enough tokens for any body (n/2+1), or a fuzzer-chosen smaller count */
    tokens = data[1] == 0xFFu ? n / 2u + 1u : (size_t)data[1];
    scratch_len = tokens * asc_json_token_size() + (data[1] & 7u);
    text = (char *)malloc(n ? n : 1u);
    scratch = (uint8_t *)malloc(scratch_len + 1u);
    if (text == NULL || scratch == NULL) {
        abort();
    }
    memcpy(text, data + 2, n);
    body.ptr = text;
    body.len = n;

    sl = lean_result_bind(&rl, body, http, flags, scratch + 1, scratch_len);
    st = asc_result_bind(&r, body, http, flags, scratch + 1, scratch_len);
    if (st == ASC_OK && (sl != ASC_OK || memcmp(&r, &rl, sizeof r) != 0)) {
        abort(); /* lean differs from strict on a body strict accepts */
    }
    if (sl != ASC_OK && sl != st) {
        abort(); /* lean fails only where strict fails the same way */
    }
    vs = json_ref_check(text, n);
    for (k = 0; k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'); k++) {
    }
    if (st == ASC_OK) {
        check_field(r.code, sizeof r.code);
        check_field(r.message, sizeof r.message);
        check_field(r.request_id, sizeof r.request_id);
        check_field(r.host_id, sizeof r.host_id);
        check_field(r.recommend, sizeof r.recommend);
        if (r.body.ptr != text || r.body.len != n ||
            (r.data_json.len > 0u &&
             (r.data_json.ptr < text || r.data_json.ptr + r.data_json.len > text + n))) {
            abort();
        }
        /* whatever binds is valid JSON (or too deep for the reference) */
        if (vs == JSON_REF_BAD) {
            abort();
        }
        if (r.already_deleted) {
            abort();
        }
    }
    /* A valid object with enough tokens binds unless a known field is
     * wrong (duplicate or of the wrong type). */
    if (vs == JSON_REF_OK && k < n && text[k] == '{' && data[1] == 0xFFu && st != ASC_OK &&
        (st != ASC_E_JSON || !has_known_key(text, n))) {
        abort();
    }
    if (st != ASC_OK && (r.present != 0u || r.code[0] != '\0' || r.message[0] != '\0' ||
                         r.data_json.len != 0u || r.body.len != n)) {
        abort(); /* a failed bind leaves only body and http_status */
    }
    free(text);
    free(scratch);
    return 0;
}
