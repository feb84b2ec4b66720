/* EVA harness for src/http_parse.c: every public function of asc_http.h.
 * Bounds: buffer capacity 0..HTTP_BOUND (each value a separate state), the
 * buffer NULL or not, every byte unknown; HTTP_CALLS calls of
 * asc_http_parse, each with any len 0..HTTP_BOUND and any eof (so every
 * split of a response into arrivals, and every misuse: len > cap, len
 * shrinking, calls after a terminal status); parser NULL or not; then the
 * accessors with a header name of any length 0..HTTP_BOUND of unknown
 * bytes. */
#include <stdbool.h>
#include "prove.h"
#include "asc_http.h"

#ifndef HTTP_BOUND
#define HTTP_BOUND 16u
#endif

static void parse_once(asc_http_parser *hp, uint8_t *buf)
{
    size_t len = prove_len(0, HTTP_BOUND);
    bool eof = prove_bool() != 0;
    asc_status st = asc_http_parse(prove_bool() ? hp : NULL, buf, len, eof);
    (void)st;
}

static void prove_accessors(const asc_http_parser *hp, const uint8_t *buf)
{
    static char name_arena[HTTP_BOUND + 1u];
    const char *name;
    asc_span v, body;
    uint32_t ms;
    bool found;

    body = asc_http_body(prove_bool() ? hp : NULL, buf);
    (void)body;
    Frama_C_make_unknown(name_arena, HTTP_BOUND);
    name_arena[HTTP_BOUND] = '\0';
    name = prove_bool() ? name_arena + prove_len(0, HTTP_BOUND) : NULL;
    found = asc_http_header(prove_bool() ? hp : NULL, buf, name, prove_bool() ? &v : NULL);
#if ASC_ENABLE_CLOCK_SYNC
    found = asc_http_date(prove_bool() ? hp : NULL, buf, prove_bool() ? &v : NULL);
#endif
    found = asc_http_ratelimit_wait_ms(prove_bool() ? hp : NULL, buf, prove_bool() ? &ms : NULL);
    (void)found;
}

void prove_http(void)
{
    static uint8_t arena[HTTP_BOUND];
    asc_http_parser hp;
    size_t cap = prove_split(0, HTTP_BOUND);
    uint8_t *buf = prove_tail(arena, HTTP_BOUND, cap);

    if (prove_bool()) {
        buf = NULL;
    }
#if ASC_ENABLE_PROXY
    if (prove_bool()) {
        asc_http_parser_init_connect(&hp, cap);
    } else
#endif
    {
        asc_http_parser_init(&hp, cap);
    }
    parse_once(&hp, buf);
    parse_once(&hp, buf);
    parse_once(&hp, buf);
    prove_accessors(&hp, buf);
}
