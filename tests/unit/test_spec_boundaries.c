/*
 * Boundaries as specifications, each shown on both sides (issue 24):
 *  - clock skew: the offset is learned when the device clock is off by MORE
 *    than clock_skew_tolerance_s (default 300 s), ahead or behind; exactly
 *    the tolerance is not learned;
 *  - status line: "HTTP/1.x NNN" (12 bytes) is the shortest, with CRLF or a
 *    bare LF; one byte less is malformed;
 *  - the line after chunk data is empty: CRLF ends it; anything else there
 *    (a header-looking line, a chunk-size-looking line) is malformed; a
 *    bare LF there only in the lean parser (strict: CRLF outside the
 *    header block);
 *  - chunk sizes: hex digits a-f and A-F at both ends of their ranges;
 *  - requests: Content-Length on a POST, none on a GET; a parameter value
 *    with a NULL pointer is refused from length 1 (length 0 is empty).
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_http.h"
#include "fake_port.h"

#if ASC_ENABLE_CLOCK_SYNC
static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;
#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"1CBAFFAB-B697-4049-A9B1-67E1FC5F0001\"}"
static char resp[512];

/* One call answered 200 with Date = device time + skew_s; the offset learned. */
static int64_t learned_offset(const char *date, int64_t *offset)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.host = "appstream-center.cn-shanghai.aliyuncs.com";
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    (void)snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Length: %zu\r\n\r\n%s",
                   date, strlen(OK_BODY), OK_BODY);
    (void)fake_add(&fp, resp, strlen(resp));
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("img-1"), &res), ASC_OK);
    CHECK(cl.clock_offset_known);
    *offset = cl.clock_offset_s;
    return *offset;
}

static void test_skew_tolerance(void)
{
    int64_t off;
    T_CASE("clock skew: the default tolerance is 300 s");
    asc_client_config_defaults(&cfg);
    CHECK_EQ(cfg.clock_skew_tolerance_s, 300);
    /* the fake device clock reads 2026-01-01T00:00:00Z */
    T_CASE("clock skew: server 300 s ahead (exactly the tolerance): not learned");
    CHECK_EQ(learned_offset("Thu, 01 Jan 2026 00:05:00 GMT", &off), 0);
    T_CASE("clock skew: server 301 s ahead: learned");
    CHECK_EQ(learned_offset("Thu, 01 Jan 2026 00:05:01 GMT", &off), 301);
    T_CASE("clock skew: server 300 s behind (exactly the tolerance): not learned");
    CHECK_EQ(learned_offset("Wed, 31 Dec 2025 23:55:00 GMT", &off), 0);
    T_CASE("clock skew: server 301 s behind: learned");
    CHECK_EQ(learned_offset("Wed, 31 Dec 2025 23:54:59 GMT", &off), -301);
}
#endif

static asc_status parse_all(const char *text)
{
    static uint8_t buf[1024];
    asc_http_parser hp;
    size_t n = strlen(text);
    memcpy(buf, text, n);
    asc_http_parser_init(&hp, sizeof buf);
    return asc_http_parse(&hp, buf, n, true);
}

static void test_status_line_length(void)
{
    T_CASE("status line: 12 bytes with a bare LF is complete");
    CHECK_EQ(parse_all("HTTP/1.1 200\nContent-Length: 0\n\n"), ASC_OK);
    T_CASE("status line: 12 bytes with CRLF is complete");
    CHECK_EQ(parse_all("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n"), ASC_OK);
    T_CASE("status line: 11 bytes with a bare LF is malformed");
    CHECK_EQ(parse_all("HTTP/1.1 20\nContent-Length: 0\n\n"), ASC_E_HTTP_MALFORMED);
    T_CASE("status line: 11 bytes with CRLF is malformed");
    CHECK_EQ(parse_all("HTTP/1.1 20\r\nContent-Length: 0\r\n\r\n"), ASC_E_HTTP_MALFORMED);
}

static void test_chunk_data_end(void)
{
    T_CASE("chunk data: followed by CRLF");
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello\r\n0\r\n\r\n"), ASC_OK);
    T_CASE("chunk data: followed by a header-looking line");
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhelloX-Extra: 1\r\n0\r\n\r\n"), ASC_E_HTTP_MALFORMED);
    T_CASE("chunk data: followed by a chunk-size-looking line");
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello0\r\n\r\n"), ASC_E_HTTP_MALFORMED);
    T_CASE("chunk data: one byte more than the size");
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello!\r\n0\r\n\r\n"), ASC_E_HTTP_MALFORMED);
    T_CASE("chunk data: followed by a bare LF");
    CHECK_EQ(parse_all("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "5\r\nhello\n0\r\n\r\n"),
             ASC_STRICT_PARSING ? ASC_E_HTTP_MALFORMED : ASC_OK);
}

static asc_status parse_body(const char *text, char *body, size_t cap)
{
    static uint8_t buf[1024];
    asc_http_parser hp;
    asc_status st;
    size_t n = strlen(text);
    memcpy(buf, text, n);
    asc_http_parser_init(&hp, sizeof buf);
    st = asc_http_parse(&hp, buf, n, true);
    body[0] = '\0';
    if (st == ASC_OK) {
        asc_span b = asc_http_body(&hp, buf);
        if (b.len < cap) {
            memcpy(body, b.ptr, b.len);
            body[b.len] = '\0';
        }
    }
    return st;
}

static void test_chunk_size_digits(void)
{
    static const char *const sizes[] = { "a", "A", "f", "F", "0a", "9" };
    static const char *const bodies[] = { "0123456789", "0123456789", "0123456789abcde",
                                          "0123456789abcde", "0123456789", "012345678" };
    char text[256], body[64];
    size_t i;
    T_CASE("chunk sizes: hex digits of either case, the edges of each range");
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        (void)snprintf(text, sizeof text,
                       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "%s\r\n%s\r\n0\r\n\r\n", sizes[i], bodies[i]);
        CHECK_EQ(parse_body(text, body, sizeof body), ASC_OK);
        CHECK_STR(body, bodies[i]);
    }
    T_CASE("chunk sizes: the bytes around the digit ranges are not digits");
    CHECK_EQ(parse_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "g\r\n0123456789abcdef\r\n0\r\n\r\n", body, sizeof body),
             ASC_E_HTTP_MALFORMED);
    CHECK_EQ(parse_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "G\r\n0123456789abcdef\r\n0\r\n\r\n", body, sizeof body),
             ASC_E_HTTP_MALFORMED);
}

/* ---- signing inputs ---- */
static uint8_t req[4096];

static asc_status build(asc_method method, asc_params_in where, asc_span value, size_t *len)
{
    asc_credentials cr;
    asc_sign_opts so;
    asc_rpc_request rq;
    asc_param p;
    size_t needed;
    memset(&cr, 0, sizeof cr);
    memset(&so, 0, sizeof so);
    memset(&rq, 0, sizeof rq);
    p.name = asc_span_from_str("ImageId");
    p.value = value;
    cr.access_key_id = asc_span_from_str("LTAI-test");
    cr.access_key_secret = asc_span_from_str("secret");
    so.sig = ASC_SIG_V3;
    so.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    so.user_agent = asc_span_from_str("asc-test/1");
    so.timestamp = 1767225600;
    so.nonce = asc_span_from_str("0123456789abcdef0123456789abcdef");
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str("2021-09-01");
    rq.method = method;
    rq.params_in = where;
    rq.params = &p;
    rq.n_params = 1;
    *len = 0;
    return asc_build_request(&cr, &so, &rq, req, sizeof req, len, &needed, NULL);
}

static int req_has(size_t len, const char *needle)
{
    size_t i, n = strlen(needle);
    for (i = 0; i + n <= len; i++) {
        if (memcmp(req + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static void test_sign_inputs(void)
{
    size_t len;
    asc_span null_1 = { NULL, 1u }, null_0 = { NULL, 0u };
    T_CASE("request: a POST carries Content-Length");
    CHECK_EQ(build(ASC_METHOD_POST, ASC_PARAMS_IN_BODY, asc_span_from_str("img-1"), &len), ASC_OK);
    CHECK(req_has(len, "\r\ncontent-length: 13\r\n"));
#if ASC_ENABLE_QUERY
    T_CASE("request: a GET (parameters in the query) carries none");
    CHECK_EQ(build(ASC_METHOD_GET, ASC_PARAMS_IN_QUERY, asc_span_from_str("img-1"), &len), ASC_OK);
    CHECK(!req_has(len, "content-length"));
    CHECK(req_has(len, "ImageId=img-1"));
#endif
    T_CASE("parameter value: a NULL pointer with a length is refused, from length 1");
    CHECK_EQ(build(ASC_METHOD_POST, ASC_PARAMS_IN_BODY, null_1, &len), ASC_E_INVALID_ARG);
    CHECK(build(ASC_METHOD_POST, ASC_PARAMS_IN_BODY, null_0, &len) != ASC_E_INVALID_ARG);
}

int main(void)
{
#if ASC_ENABLE_CLOCK_SYNC
    test_skew_tolerance();
#endif
    test_status_line_length();
    test_chunk_data_end();
    test_chunk_size_digits();
    test_sign_inputs();
    return TEST_REPORT();
}
