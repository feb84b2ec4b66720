/*
 * test_cover_regress.c - regression tests for what the fuzzers found (each
 * crash file also lives in tests/fuzz/regressions/<target>/ and is replayed
 * by make fuzz-smoke).
 *
 *  1. fuzz_http, status-600-accepted: the parser accepted status codes
 *     600..999, asc_http.h documents 100..599 (RFC 9110 15: three digits,
 *     first digit 1-5). Fixed in src/http_parse.c parse_status().
 *  2. fuzz_json, lean-too-large-strict-malformed: the body below, with
 *     body.len / 2 + 1 tokens of scratch, was ASC_E_JSON in the strict
 *     profile and ASC_E_RESPONSE_TOO_LARGE in the lean one (jsmn's default
 *     mode read on past the `b` that stops its strict mode, and ran out of
 *     tokens). Fixed in src/json.c: both profiles tokenize in jsmn's strict
 *     mode. The rule for every body and scratch size: test_json.c,
 *     test_same_status_any_scratch.
 *  3. fuzz_json, lean-raw-byte-takes-in-backslash: in the lean profile a
 *     raw byte from 0x80 was one unit with the bytes it announced, whatever
 *     they were; \xbf took in the first backslash of `\\`, the decoder
 *     then read `\u"}` as a \u escape and its four hex digits past the end
 *     of the body (heap overflow under ASan; on main too). Fixed in
 *     src/json.c raw_unit_length(): a unit never takes in a backslash.
 *     Lean is tested by test_json.c test_lean; here the library's own
 *     profile.
 */
#include <stdint.h>
#include "harness.h"
#include "asc_http.h"
#include "asc_result.h"

static asc_status parse_all(const char *s, asc_http_parser *p, uint8_t *buf, size_t cap)
{
    size_t n = strlen(s);
    memcpy(buf, s, n);
    asc_http_parser_init(p, cap);
    return asc_http_parse(p, buf, n, true);
}

static void test_status_range(void)
{
    static uint8_t buf[256];
    asc_http_parser p;
    T_CASE("status codes outside 100..599");
    CHECK_EQ(parse_all("HTTP/1.1 600 Bad Request\r\nContent-Length: 2\r\n\r\n{}", &p, buf, sizeof buf),
             ASC_E_HTTP_MALFORMED);
    CHECK_EQ(parse_all("HTTP/1.1 999 X\r\nContent-Length: 0\r\n\r\n", &p, buf, sizeof buf),
             ASC_E_HTTP_MALFORMED);
    CHECK_EQ(parse_all("HTTP/1.1 099 X\r\nContent-Length: 0\r\n\r\n", &p, buf, sizeof buf),
             ASC_E_HTTP_MALFORMED);
    CHECK_EQ(parse_all("HTTP/1.1 599 X\r\nContent-Length: 0\r\n\r\n", &p, buf, sizeof buf), ASC_OK);
    CHECK_EQ(p.status, 599);
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", &p, buf, sizeof buf), ASC_OK);
    CHECK_EQ(p.status, 200);
}

static void test_json_same_status(void)
{
    static const char body[] =
        "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[b[[[["
        "[[[[[[[]]]]]]]]]]]]]]][[[[[[[[[[[[[[[[[[[[[[b[[[]]]]]]]]]]]]]]]]}";
    static unsigned char scratch[4096];
    asc_span sp;
    asc_result r;
    size_t tokens = (sizeof body - 1u) / 2u + 1u;
    T_CASE("a malformed body is malformed in both profiles, not too large");
    sp.ptr = body;
    sp.len = sizeof body - 1u;
    CHECK(tokens * asc_json_token_size() <= sizeof scratch);
    CHECK_EQ(asc_result_bind(&r, sp, 200, 0, scratch, tokens * asc_json_token_size()), ASC_E_JSON);
    /* with fewer tokens than the body needs before its error: too large */
    CHECK_EQ(asc_result_bind(&r, sp, 200, 0, scratch, 10u * asc_json_token_size()),
             ASC_E_RESPONSE_TOO_LARGE);
}

static void test_json_raw_byte_and_escape(void)
{
    static const char body[] = "{\"Message\":\"\xbf\\\\u\"}";
    static unsigned char scratch[256];
    asc_span sp;
    asc_result r;
    T_CASE("a raw byte never takes in the backslash of an escape");
    sp.ptr = body;
    sp.len = sizeof body - 1u;
#if ASC_STRICT_PARSING
    CHECK_EQ(asc_result_bind(&r, sp, 200, 0, scratch, sizeof scratch), ASC_E_JSON); /* not UTF-8 */
    CHECK_EQ(r.message[0], '\0');
#else
    CHECK_EQ(asc_result_bind(&r, sp, 200, 0, scratch, sizeof scratch), ASC_OK);
    CHECK_STR(r.message, "\xbf\\u"); /* \xbf, then the escaped backslash, then u */
#endif
}

int main(void)
{
    test_status_range();
    test_json_same_status();
    test_json_raw_byte_and_escape();
    return TEST_REPORT();
}
