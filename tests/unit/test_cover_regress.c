/*
 * test_cover_regress.c - regression tests for what the fuzzers found (each
 * crash file also lives in tests/fuzz/regressions/<target>/ and is replayed
 * by make fuzz-smoke).
 *
 *  1. fuzz_http, status-600-accepted: the parser accepted status codes
 *     600..999, asc_http.h documents 100..599 (RFC 9110 15: three digits,
 *     first digit 1-5). Fixed in src/http_parse.c parse_status().
 */
#include <stdint.h>
#include "harness.h"
#include "asc_http.h"

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

int main(void)
{
    test_status_range();
    return TEST_REPORT();
}
