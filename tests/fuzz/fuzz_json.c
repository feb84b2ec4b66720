/*
 * tests/fuzz/fuzz_json.c - libFuzzer target: the JSON result binder
 * (asc_result_bind with caller scratch memory), the validator and the
 * string unescaper (include/asc_result.h).
 *
 * Input: byte 0 = flags / HTTP status choice, byte 1 = scratch size choice,
 * the rest is the body, copied into a heap buffer of exactly its size so
 * ASan sees any read past it; the scratch is an exact-size heap block at an
 * odd address (the binder must align it itself).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "asc_result.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *f, size_t cap)
{
    if (memchr(f, '\0', cap) == NULL) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[4] = { 200, 400, 404, 503 };
    asc_result r;
    asc_span body;
    char *text, out[17];
    uint8_t *scratch;
    size_t n, tokens, scratch_len;
    unsigned flags;
    int http;
    asc_status st, vs;
    bool trunc = false;

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

    st = asc_result_bind(&r, body, http, flags, scratch + 1, scratch_len);
    vs = asc_json_validate(body);
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
        /* whatever binds is valid JSON */
        if (vs != ASC_OK) {
            abort();
        }
        if (r.already_deleted) {
            abort();
        }
    }
    if (st == ASC_E_JSON && vs == ASC_OK && n > 0u && text[0] != '{') {
        /* fine: valid JSON that is not an object */
    }
    /* The unescaper on the raw bytes into a small buffer. */
    if (asc_json_unescape(body, out, sizeof out, &trunc) == ASC_OK) {
        check_field(out, sizeof out);
    }
    free(text);
    free(scratch);
    return 0;
}
