/*
 * test_cover_parsers.c - reachable corners of the HTTP and JSON parsers the
 * behaviour suites leave out: 4-byte UTF-8 at its boundaries (U+10000,
 * U+10FFFF and one past), a trailer block that never ends, several
 * x-ratelimit headers (the longest TimeLeft wins, in any order), a
 * Content-Length made only of commas.
 */
#include <stdint.h>
#include "harness.h"
#include "asc_http.h"
#include "asc_result.h"

static uint64_t scratch[512];

static asc_status bind(const char *body)
{
    asc_result r;
    return asc_result_bind(&r, asc_span_from_str(body), 200, 0, scratch, sizeof scratch);
}

static void test_utf8(void)
{
    /* Raw UTF-8 of bound strings is checked only by ASC_STRICT_PARSING;
     * lean copies it (a character cut by the string's end is an error in
     * both). */
    const asc_status strict_bad = ASC_STRICT_PARSING ? ASC_E_JSON : ASC_OK;
    T_CASE("4-byte UTF-8 boundaries");
    CHECK_EQ(bind("{\"Message\":\"\xF0\x90\x80\x80\"}"), ASC_OK);    /* U+10000 */
    CHECK_EQ(bind("{\"Message\":\"\xF0\x8F\xBF\xBF\"}"), strict_bad); /* overlong */
    CHECK_EQ(bind("{\"Message\":\"\xF4\x8F\xBF\xBF\"}"), ASC_OK);    /* U+10FFFF */
    CHECK_EQ(bind("{\"Message\":\"\xF4\x90\x80\x80\"}"), strict_bad); /* > U+10FFFF */
    CHECK_EQ(bind("{\"Message\":\"\xF2\x80\x80\x80\"}"), ASC_OK);
    CHECK_EQ(bind("{\"Message\":\"\xF2\x80\x7F\x80\"}"), strict_bad); /* bad 3rd byte */
    CHECK_EQ(bind("{\"Message\":\"\xF2\x80\x80\xC0\"}"), strict_bad); /* bad 4th byte */
    CHECK_EQ(bind("{\"Message\":\"\xF5\x80\x80\x80\"}"), strict_bad);
    CHECK_EQ(bind("{\"Message\":\"\xE0\x9F\xBF\"}"), strict_bad);     /* overlong 3 */
    CHECK_EQ(bind("{\"Message\":\"\xED\xA0\x80\"}"), strict_bad);     /* surrogate */
    CHECK_EQ(bind("{\"Message\":\"\xF2\x80\x80\"}"), ASC_E_JSON);     /* cut by the end */
    CHECK_EQ(bind("{\"Success\":\"false\",\"Data\":\"true\"}"), ASC_OK);
}

static uint8_t buf[20000];

static asc_status parse(const char *s, asc_http_parser *p, bool eof)
{
    size_t n = strlen(s);
    memcpy(buf, s, n);
    asc_http_parser_init(p, sizeof buf);
    return asc_http_parse(p, buf, n, eof);
}

static void test_http(void)
{
    asc_http_parser p;
    uint32_t ms = 0;
    static char big[sizeof buf];
    size_t n;

    T_CASE("trailers that never end");
    n = (size_t)snprintf(big, sizeof big,
                         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: ");
    memset(big + n, 'a', 9000);
    big[n + 9000] = '\0';
    CHECK_EQ(parse(big, &p, false), ASC_E_HTTP_HEADERS_TOO_LARGE);

    T_CASE("the longest TimeLeft of several rate-limit headers");
    CHECK_EQ(parse("HTTP/1.1 400 X\r\nx-ratelimit-user-api: TimeLeft:50\r\n"
                   "x-ratelimit-user: TimeLeft:900\r\nx-ratelimit-api: TimeLeft:70\r\n"
                   "Content-Length: 0\r\n\r\n", &p, false), ASC_OK);
    CHECK(asc_http_ratelimit_wait_ms(&p, buf, &ms));
    CHECK_EQ(ms, 900);
    CHECK_EQ(parse("HTTP/1.1 400 X\r\nx-ratelimit-user-api: TimeLeft:950\r\n"
                   "x-ratelimit-user: TimeLeft:x\r\nx-ratelimit-api: TimeLeft:70\r\n"
                   "Content-Length: 0\r\n\r\n", &p, false), ASC_OK);
    CHECK(asc_http_ratelimit_wait_ms(&p, buf, &ms));
    CHECK_EQ(ms, 950);
    CHECK_EQ(parse("HTTP/1.1 400 X\r\nContent-Length: 0\r\n\r\n", &p, false), ASC_OK);
    ms = 7;
    CHECK(!asc_http_ratelimit_wait_ms(&p, buf, &ms));
    CHECK_EQ(ms, 7);

    T_CASE("Content-Length of commas only");
    CHECK_EQ(parse("HTTP/1.1 200 OK\r\nContent-Length: ,\r\n\r\n", &p, false), ASC_E_HTTP_MALFORMED);
}

int main(void)
{
    test_utf8();
    test_http();
    return TEST_REPORT();
}
