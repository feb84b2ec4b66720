/*
 * The whole call path over a scripted transport (tests/fake_port.c): one
 * response delivered at once, byte by byte and split at every offset gives
 * identical results; EOF and resets at every byte offset give clean errors;
 * send/recv failures on call N; retries, backoff and clock skew on a fake
 * clock; keep-alive reuse; buffers too small.
 */
#include <stdint.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "fake_port.h"

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"1CBAFFAB-B697-4049-A9B1-67E1FC5F0001\"}"
static const char ok_resp[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n"
    "Date: Thu, 01 Jan 2026 00:00:05 GMT\r\nContent-Length: 115\r\n\r\n" OK_BODY;
static const char ok_nodate[] =
    "HTTP/1.1 200 OK\r\nContent-Length: 115\r\n\r\n" OK_BODY;
static const char ok_chunked[] =
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    "10;ext=1\r\n{\"Data\":true,\"Su\r\n63\r\nccess\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"1CBAFFAB-B697-4049-A9B1-67E1FC5F0001\"}\r\n0\r\n\r\n";
#define ERR_BODY(code, msg) "{\"RequestId\":\"R-1\",\"HostId\":\"appstream-center.cn-shanghai.aliyuncs.com\",\"Code\":\"" code "\",\"Message\":\"" msg "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=" code "\"}"

/* head (status line + headers, without Content-Length) + body, with a
 * correct Content-Length. */
static char resp_store[8][1024];
static int resp_n;
static const char *mk(const char *head, const char *body)
{
    char *r = resp_store[resp_n++ % 8];
    snprintf(r, 1024, "%sContent-Length: %zu\r\n\r\n%s", head, strlen(body), body);
    return r;
}
static const char *notexist_resp, *unavailable_resp, *throttled_resp, *expired_resp,
    *expired_nodate;

static void make_responses(void)
{
    notexist_resp = mk("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                       "Connection: keep-alive\r\n",
                       ERR_BODY("Image.NotExist", "The image does not exist."));
    unavailable_resp = mk("HTTP/1.1 503 Service Unavailable\r\n",
                          ERR_BODY("ServiceUnavailable", "Service unavailable. Please try again later."));
    throttled_resp = mk("HTTP/1.1 400 Bad Request\r\n"
                        "x-ratelimit-user-api: Limit:1,Remain:0,TimeLeft:2000,Reset:1234\r\n",
                        ERR_BODY("Throttling.User", "Request was denied due to user flow control."));
    expired_resp = mk("HTTP/1.1 400 Bad Request\r\nDate: Mon, 01 Jun 2026 12:00:00 GMT\r\n",
                      ERR_BODY("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."));
    expired_nodate = mk("HTTP/1.1 400 Bad Request\r\n",
                        ERR_BODY("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."));
}

static void setup(void)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.host = "appstream-center.cn-shanghai.aliyuncs.com";
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
}

static fake_resp *add(const char *s)
{
    return &fp.resp[fake_add(&fp, s, strlen(s))];
}

static asc_status del(void)
{
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static int has(const char *hay, size_t n, const char *needle)
{
    size_t i, k = strlen(needle);
    for (i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return 1;
        }
    }
    return 0;
}

static void test_success(void)
{
    T_CASE("success");
    setup();
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(res.data && res.success);
    CHECK_STR(res.code, "200");
    CHECK_STR(res.request_id, "1CBAFFAB-B697-4049-A9B1-67E1FC5F0001");
    CHECK_EQ(res.http_status, 200);
    CHECK(!res.already_deleted);
    CHECK_EQ(fp.connects, 1);
    CHECK(has(fp.sent[0], fp.sent_len[0], "POST / HTTP/1.1\r\n"));
    CHECK(has(fp.sent[0], fp.sent_len[0], "\r\n\r\nImageId=img-1"));
    CHECK(has(fp.sent[0], fp.sent_len[0], "host: appstream-center.cn-shanghai.aliyuncs.com\r\n"));
    CHECK(has(fp.sent[0], fp.sent_len[0], "x-acs-date: 2026-01-01T00:00:00Z\r\n"));
    /* keep-alive: a second call reuses the connection */
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 1);
    /* and draws a fresh nonce */
    {
        const char *a = strstr(fp.sent[0], "x-acs-signature-nonce: ");
        const char *b = strstr(fp.sent[1], "x-acs-signature-nonce: ");
        CHECK(a != NULL && b != NULL && memcmp(a, b, 23 + 32) != 0);
    }
    T_CASE("chunked");
    setup();
    add(ok_chunked);
    CHECK_EQ(del(), ASC_OK);
    CHECK_STR(res.request_id, "1CBAFFAB-B697-4049-A9B1-67E1FC5F0001");
    T_CASE("connection close");
    setup();
    add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 115\r\n\r\n" OK_BODY)->close_after = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 2);
    T_CASE("HTTP/1.0 body to EOF");
    setup();
    add("HTTP/1.0 200 OK\r\n\r\n" OK_BODY)->close_after = true;
    CHECK_EQ(del(), ASC_OK);
    CHECK(res.data);
}

/* The same response delivered in every way gives the same result. */
static void test_delivery(void)
{
    const char *resps[] = { ok_resp, ok_chunked, notexist_resp };
    size_t k, split;
    for (k = 0; k < 3; k++) {
        asc_result want;
        asc_status want_st;
        size_t n = strlen(resps[k]);
        T_CASE("delivery");
        setup();
        add(resps[k]);
        want_st = del();
        want = res;
        CHECK(want_st == ASC_OK || want_st == ASC_E_SERVICE);
        setup();
        fp.chunk = 1;
        add(resps[k]);
        CHECK_EQ(del(), want_st);
        CHECK_STR(res.request_id, want.request_id);
        CHECK_STR(res.code, want.code);
        for (split = 1; split < n; split++) {
            asc_status st;
            setup();
            fp.first_chunk = split;
            add(resps[k]);
            st = del();
            if (st != want_st || strcmp(res.code, want.code) != 0 ||
                strcmp(res.message, want.message) != 0 || res.data != want.data) {
                CHECK_EQ(st, want_st);
                CHECK_EQ(split, 0);
                break;
            }
        }
        CHECK_EQ(split, n);
    }
}

/* EOF and reset at every offset: a clean status, never a crash. */
static void test_truncation(void)
{
    size_t n = strlen(ok_resp), at;
    int mode;
    for (mode = 0; mode < 2; mode++) {
        T_CASE(mode ? "reset at every offset" : "eof at every offset");
        for (at = 0; at < n; at++) {
            asc_status st;
            setup();
            cl.cfg.max_attempts = 1;
            if (mode) {
                add(ok_resp)->reset_at = (long)at;
            } else {
                add(ok_resp)->eof_at = (long)at;
            }
            st = del();
            if (mode ? st != ASC_E_IO
                     : (st != ASC_E_CLOSED && st != ASC_E_HTTP_MALFORMED)) {
                CHECK_EQ(st, ASC_E_CLOSED);
                CHECK_EQ(at, 0);
                break;
            }
            if (fp.connected) {
                CHECK(!fp.connected); /* a broken connection is never kept */
                break;
            }
        }
        CHECK_EQ(at, n);
    }
}

static void test_injected_failures(void)
{
    long call;
    T_CASE("send failure on call N");
    for (call = 1; call <= 3; call++) {
        setup();
        cl.cfg.max_attempts = 1;
        fp.fail_send_call = call;
        add(ok_resp);
        {
            asc_status st = del();
            /* the request needs several sends: the Nth fails */
            CHECK(st == ASC_E_IO || (call > 1 && st == ASC_OK));
        }
    }
    T_CASE("recv failure on call N, retried");
    for (call = 1; call <= 3; call++) {
        setup();
        fp.fail_recv_call = call;
        fp.chunk = 50;
        add(ok_resp);
        add(ok_resp);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(cl.attempts, 2);
        CHECK_EQ(fp.connects, 2);
    }
    T_CASE("connect refused then ok");
    setup();
    fp.fail_connect_call = 1;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    T_CASE("no randomness");
    setup();
    fp.rng_fail = true;
    CHECK_EQ(del(), ASC_E_PORT);
    CHECK_EQ(fp.connects, 0);
    T_CASE("silent server: timeout");
    setup();
    cl.cfg.max_attempts = 1;
    CHECK_EQ(del(), ASC_E_TIMEOUT);
}

static void test_retries(void)
{
    T_CASE("503 then success, jittered backoff");
    setup();
    add(unavailable_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK(fp.sleeps[0] <= cfg.backoff_base_ms);
    T_CASE("503 three times: gives up with the service error");
    setup();
    add(unavailable_resp);
    add(unavailable_resp);
    add(unavailable_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.error, ASC_ERR_SERVICE_UNAVAILABLE);
    CHECK_EQ(res.http_status, 503);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK(fp.sleeps[1] <= 2u * cfg.backoff_base_ms);
    T_CASE("throttling honours TimeLeft");
    setup();
    add(throttled_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK(fp.sleeps[0] >= 2000u);
    T_CASE("not retried: Image.NotExist on the first attempt");
    setup();
    add(notexist_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.error, ASC_ERR_IMAGE_NOT_EXIST);
    CHECK_STR(res.code, "Image.NotExist");
    CHECK_STR(res.recommend, "https://api.aliyun.com/troubleshoot?q=Image.NotExist");
    CHECK(!res.already_deleted);
    CHECK_EQ(cl.attempts, 1);
    T_CASE("lost answer, then Image.NotExist: already deleted");
    setup();
    add(ok_resp)->reset_at = 20;
    add(notexist_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(res.already_deleted);
    CHECK_EQ(cl.attempts, 2);
    T_CASE("deadline stops retries");
    setup();
    cl.cfg.deadline_ms = 100;
    cl.cfg.backoff_base_ms = 1000;
    cl.cfg.backoff_max_ms = 1000;
    add(throttled_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(fp.n_sleeps, 0);
    T_CASE("stale keep-alive connection: reconnect at once");
    setup();
    add(ok_resp);
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 2);
    CHECK_EQ(fp.n_sleeps, 0);
}

static void test_skew(void)
{
#if ASC_ENABLE_CLOCK_SYNC
    T_CASE("clock skew learned from Date, re-signed once");
    setup();
    add(expired_resp);
    add(ok_nodate);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 2);
    CHECK(has(fp.sent[0], fp.sent_len[0], "x-acs-date: 2026-01-01T00:00:00Z"));
    CHECK(has(fp.sent[1], fp.sent_len[1], "x-acs-date: 2026-06-01T12:00:00Z"));
    CHECK(cl.clock_offset_known);
    /* the offset is kept for later calls */
    add(ok_nodate);
    CHECK_EQ(del(), ASC_OK);
    CHECK(has(fp.sent[2], fp.sent_len[2], "x-acs-date: 2026-06-01T12:00:00Z"));
    T_CASE("skew without Date: plain error");
    setup();
    add(expired_nodate);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.error, ASC_ERR_TIMESTAMP_EXPIRED);
    CHECK_EQ(fp.requests, 1);
    T_CASE("device without a clock");
    setup();
    fp.utc = -1;
    add(expired_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK(has(fp.sent[1], fp.sent_len[1], "x-acs-date: 2026-06-01T12:00:00Z"));
#else
    T_CASE("without clock sync: an expired timestamp is a plain error");
    setup();
    add(expired_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.error, ASC_ERR_TIMESTAMP_EXPIRED);
    CHECK_EQ(fp.requests, 1);
    CHECK(!cl.clock_offset_known);
    T_CASE("without clock sync: a device without a clock cannot sign");
    setup();
    fp.utc = -1;
    add(ok_nodate);
    CHECK_EQ(del(), ASC_E_PORT);
    CHECK_EQ(fp.requests, 0);
#endif
}

static void test_limits(void)
{
    static uint8_t small[1024];
    T_CASE("bad input: nothing sent");
    setup();
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str(""), &res), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str(NULL), &res), ASC_E_INVALID_ARG);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("x"), NULL), ASC_E_INVALID_ARG);
    CHECK_EQ(fp.connects, 0);
    T_CASE("init refuses plaintext unless asked, and header injection");
    cfg.insecure_plaintext_http = false;
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    cfg.insecure_plaintext_http = true;
    /* Header injection: init accepts, every call refuses before sending. */
    cfg.host = "evil\r\nx: y";
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("x"), &res), ASC_E_INVALID_HEADER_VALUE);
    cfg.host = "h";
    cfg.creds.security_token = asc_span_from_str("t\n");
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("x"), &res), ASC_E_INVALID_HEADER_VALUE);
    CHECK_EQ(fp.connects, 0);
    cfg.creds.security_token = asc_span_from_str("");
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, work, 100), ASC_E_INVALID_ARG);
    T_CASE("request too large for the buffer");
    setup();
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, small, sizeof small), ASC_OK);
    {
        static char big_id[1100];
        memset(big_id, 'x', sizeof big_id - 1);
        CHECK_EQ(asc_delete_image(&cl, asc_span_from_str(big_id), &res), ASC_E_BUFFER_TOO_SMALL);
        CHECK(cl.needed > sizeof small);
        CHECK_EQ(fp.connects, 0);
    }
    T_CASE("response too large for the buffer: connection dropped");
    {
        static char huge[3000];
        static char body[2000];
        memset(body, ' ', sizeof body - 1);
        snprintf(huge, sizeof huge, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                 strlen(body), body);
        add(huge);
        cl.cfg.max_attempts = 1;
        CHECK_EQ(del(), ASC_E_RESPONSE_TOO_LARGE);
        CHECK(!fp.connected);
    }
}

int main(void)
{
    make_responses();
    test_success();
    test_delivery();
    test_truncation();
    test_injected_failures();
    test_retries();
    test_skew();
    test_limits();
    return TEST_REPORT();
}
