/*
 * test_spec_client.c - rules of include/asc_client.h that other tests use
 * without stating them (issue 24), over the scripted port (tests/
 * fake_port.c, fault injection only):
 *  C1 asc_client_config_defaults sets exactly the documented defaults;
 *  C2 the work buffer: under 512 bytes refused (ASC_ARG_WORK), 512 taken;
 *  C3 the Host header: the port only when it is not the default (80 plain,
 *     443 TLS), the longest host name (ASC_MAX_HOST_LEN) with the longest
 *     port fits; one byte longer is refused (ASC_ARG_HOST);
 *  C4 every attempt signs with a fresh nonce: ASC_NONCE_LEN lowercase hex
 *     digits of the port's random bytes; no randomness: ASC_E_PORT and
 *     nothing sent;
 *  C5 an answer cut short: nothing at all is "closed" (ASC_E_CLOSED); any
 *     byte that came back is the parser's to judge: a lone LF is an empty
 *     status line, malformed.
 *  C6 status classes: only 200..299 is success (a 300 carrying a service
 *     JSON body is that service error); every 5xx (500..599) from a front
 *     end is retried and may have executed (Image.NotExist after it means
 *     already deleted), 429 is retried but was not executed, 499 is not
 *     retried (and a status of 600 is no status at all: malformed);
 *  C7 Retry-After as an HTTP-date: (date - the answer's Date) seconds in
 *     ms, exactly; up to 4294967 s counted, from 4294968 s clamped to
 *     UINT32_MAX (and then not waited for);
 *  C8 full jitter: the port's randomness picks each sleep in
 *     [0, min(max, base * 2^(n-1))], so a port whose random words are all
 *     zero gives sleeps of 0 (the range starts at 0, it is not a midpoint);
 *     once base * 2^(n-1) passes max the range stays [0, max] for every
 *     later attempt, also beyond the 32nd (no shift wraps around); with
 *     backoff_max_ms UINT32_MAX the range grows to 2^31 at attempt 32 and
 *     stays there, and a random word inside the range is the sleep.
 */
#include <stdint.h>
#include <stdio.h>
#include "harness.h"
#include "asc.h"
#include "asc_client.h"
#include "asc_request.h"
#include "fake_port.h"

static fake_port fp;
static asc_port port;
static asc_client cl;
static asc_client_config cfg;
static uint8_t work[4096];
static asc_result res;

#define OK_RESP \
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 83\r\n\r\n" \
    "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"

#define BUSY_RESP "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"

static void config(void)
{
    asc_client_config_defaults(&cfg);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
}

static asc_status init(size_t work_len)
{
    fake_port_init(&fp, &port);
    return asc_client_init(&cl, &cfg, &port, NULL, work, work_len);
}

static asc_status del(void)
{
    return asc_delete_image(&cl, asc_span_from_str("img-1"), &res);
}

static void test_defaults(void)
{
    T_CASE("C1: the documented defaults, every field");
    memset(&cfg, 0xA5, sizeof cfg);
    asc_client_config_defaults(&cfg);
    CHECK_STR(cfg.host, ASC_DEFAULT_HOST);
    CHECK_EQ(cfg.port, 0);
    CHECK(cfg.creds.access_key_id.ptr == NULL && cfg.creds.access_key_id.len == 0u);
    CHECK(cfg.creds.access_key_secret.len == 0u && cfg.creds.security_token.len == 0u);
    CHECK_EQ(cfg.sig, ASC_SIG_V3);
    CHECK(cfg.user_agent == NULL);
    CHECK_EQ(cfg.credentials_provider_header, 1);
    CHECK_EQ(cfg.connect_timeout_ms, 5000u);
    CHECK_EQ(cfg.io_timeout_ms, 10000u);
    CHECK_EQ(cfg.deadline_ms, 30000u);
    CHECK_EQ(cfg.max_attempts, 3u);
    CHECK_EQ(cfg.backoff_base_ms, 200u);
    CHECK_EQ(cfg.backoff_max_ms, 5000u);
    CHECK_EQ(cfg.clock_skew_tolerance_s, 300u);
    CHECK_EQ(cfg.insecure_plaintext_http, 0);
#if ASC_ENABLE_PROXY
    CHECK(cfg.proxy.host == NULL);
#endif
#if ASC_ENABLE_TOOLS
    CHECK(cfg.trace == NULL);
#endif
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    CHECK(cfg.credentials_provider == NULL);
    CHECK_EQ(cfg.credentials_refresh_margin_s, 180u);
#endif
    asc_client_config_defaults(NULL); /* nothing to set, no crash */
}

static void test_work_buffer(void)
{
    T_CASE("C2: a work buffer of 511 bytes is refused, 512 taken");
    config();
    CHECK_EQ(init(511u), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
    CHECK_EQ(init(512u), ASC_OK);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);
    CHECK_EQ(asc_client_init(&cl, &cfg, &port, NULL, NULL, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
}

static void test_host_header(void)
{
    static char host[ASC_MAX_HOST_LEN + 2];
    static char want[ASC_MAX_HOST_LEN + 8];
    T_CASE("C3: the default port is not written, another one is");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST);
    CHECK_EQ(cl.cfg.port, 80u);
    cfg.port = 80u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST);
    cfg.port = 443u; /* not the default of a plain connection */
    CHECK_EQ(init(sizeof work), ASC_OK);
    CHECK_STR(cl.host_hdr, ASC_DEFAULT_HOST ":443");
    T_CASE("C3: the longest host with the longest port fits; one more byte is refused");
    memset(host, 'a', ASC_MAX_HOST_LEN);
    host[ASC_MAX_HOST_LEN] = '\0';
    cfg.host = host;
    cfg.port = 65535u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    (void)snprintf(want, sizeof want, "%s:65535", host);
    CHECK_STR(cl.host_hdr, want);
    CHECK_EQ(strlen(cl.host_hdr), (size_t)ASC_MAX_HOST_LEN + 6u);
    host[ASC_MAX_HOST_LEN] = 'a';
    host[ASC_MAX_HOST_LEN + 1] = '\0';
    CHECK_EQ(init(sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_HOST);
}

/* The nonce header of request i as sent ("" when absent). */
static void sent_nonce(int i, char *out, size_t cap)
{
    static const char name[] = "x-acs-signature-nonce:";
    const char *p = strstr(fp.sent[i], name);
    size_t n = 0;
    out[0] = '\0';
    if (p == NULL) {
        return;
    }
    p += sizeof name - 1;
    while (*p == ' ') {
        p++;
    }
    while (p[n] != '\r' && p[n] != '\0' && n + 1 < cap) {
        out[n] = p[n];
        n++;
    }
    out[n] = '\0';
}

static void test_nonce(void)
{
    char got[64], want[ASC_NONCE_LEN + 1];
    size_t i;
    T_CASE("C4: the nonce is the port's random bytes in lowercase hex");
    config();
    cfg.max_attempts = 2u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    fake_add(&fp, BUSY_RESP, sizeof BUSY_RESP - 1u);
    fake_add(&fp, OK_RESP, sizeof OK_RESP - 1u);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 2);
    /* fake_port's bytes: rng * 37 + 11, rng counting from 0; the backoff
     * between the attempts takes 4 more */
    for (i = 0; i < ASC_NONCE_LEN / 2u; i++) {
        (void)snprintf(want + 2u * i, 3u, "%02x", (unsigned)(uint8_t)(i * 37u + 11u));
    }
    sent_nonce(0, got, sizeof got);
    CHECK_STR(got, want);
    CHECK_EQ(strlen(got), (size_t)ASC_NONCE_LEN);
    T_CASE("C4: each attempt has its own nonce");
    sent_nonce(1, want, sizeof want);
    CHECK_EQ(strlen(want), (size_t)ASC_NONCE_LEN);
    CHECK(strcmp(got, want) != 0);
    for (i = 0; i < ASC_NONCE_LEN; i++) {
        CHECK((want[i] >= '0' && want[i] <= '9') || (want[i] >= 'a' && want[i] <= 'f'));
    }
    T_CASE("C4: no randomness: ASC_E_PORT before anything is sent");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.rng_fail = true;
    fake_add(&fp, OK_RESP, sizeof OK_RESP - 1u);
    CHECK_EQ(del(), ASC_E_PORT);
    CHECK_EQ(fp.connects, 0);
    CHECK_EQ(fp.requests, 0);
}

static void test_cut_answer(void)
{
    asc_status one;
    T_CASE("C5: the peer closes without a byte: closed");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.resp[fake_add(&fp, "", 0u)].close_after = true;
    CHECK_EQ(del(), ASC_E_CLOSED);
    T_CASE("C5: one byte, a lone LF, then closed: a malformed status line");
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.resp[fake_add(&fp, "\n", 1u)].close_after = true;
    one = del();
    CHECK_EQ(one, ASC_E_HTTP_MALFORMED);
}

static const char *answer(const char *status, const char *extra, const char *body)
{
    static char store[FAKE_MAX_RESP][768];
    static int n;
    char *r = store[n++ % FAKE_MAX_RESP];
    (void)snprintf(r, sizeof store[0],
                   "HTTP/1.1 %s\r\nServer: gw\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
                   "%sContent-Length: %u\r\n\r\n%s",
                   status, extra, (unsigned)strlen(body), body);
    fake_add(&fp, r, strlen(r));
    return r;
}

#define OK_JSON "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"
#define NOCODE_JSON "{\"Data\":true,\"RequestId\":\"NC-1\"}"
#define NOTEXIST_JSON "{\"RequestId\":\"NE-1\",\"Code\":\"Image.NotExist\",\"Message\":\"The image does not exist.\"}"

static void test_status_classes(void)
{
    T_CASE("C6: 299 with the service's body is success, 300 is not");
    config();
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("299 Whatever", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("300 Multiple Choices", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.http_status, 300);
    T_CASE("C6: a JSON body without Code: 299 is the service's, 300 a front end's");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("299 Whatever", "Content-Type: application/json\r\n", NOCODE_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("300 Multiple Choices", "Content-Type: application/json\r\n", NOCODE_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    T_CASE("C6: a front end's 599 is retried and may have executed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("599 Network Connect Timeout", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(res.already_deleted, 1);
    CHECK_EQ(cl.attempts, 2u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("500 Internal Server Error", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(res.already_deleted, 1);
    T_CASE("C6: 429 is retried but was not executed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("429 Too Many Requests", "", "");
    answer("400 Bad Request", "Content-Type: application/json\r\n", NOTEXIST_JSON);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.already_deleted, 0);
    CHECK_EQ(cl.attempts, 2u);
    T_CASE("C6: 499 is no 5xx: not retried; a 600 status line is malformed");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("499 Client Closed Request", "", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(cl.attempts, 1u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("600 Beyond", "", "");
    answer("200 OK", "Content-Type: application/json\r\n", OK_JSON);
    CHECK_EQ(del(), ASC_E_HTTP_MALFORMED);
    CHECK_EQ(cl.attempts, 1u);
    CHECK_EQ(fp.requests, 1);
}

static void test_retry_after_date(void)
{
#if ASC_ENABLE_CLOCK_SYNC
    T_CASE("C7: an HTTP-date 3 s after the answer's Date: 3000 ms");
    config();
    cfg.max_attempts = 1u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    CHECK_EQ(res.retry_after_ms, 3000u);
    T_CASE("C7: counted from the answer's Date, not the device clock (100 s ahead)");
    CHECK_EQ(init(sizeof work), ASC_OK);
    fp.utc += 100;
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 3000u);
    T_CASE("C7: the Date itself or earlier: 0 ms");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:00 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 0u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Wed, 31 Dec 2025 23:59:59 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 0u);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    T_CASE("C7: 4294967 s still counted, 4294968 s clamped");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 19 Feb 2026 17:02:47 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 4294967000u);
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "Retry-After: Thu, 19 Feb 2026 17:02:48 GMT\r\n", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);
#endif
}

static asc_status zero_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0, len);
    return ASC_OK;
}

static void test_full_jitter(void)
{
    T_CASE("C8: random words of zero: each backoff sleep is 0");
    config();
    cfg.max_attempts = 3u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.random = zero_random;
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(cl.attempts, 3u);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK_EQ(fp.sleeps[0], 0u);
    CHECK_EQ(fp.sleeps[1], 0u);
    T_CASE("C8: the fake port's words: within [0, base] then [0, 2 base]");
    CHECK_EQ(init(sizeof work), ASC_OK);
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    answer("503 Service Unavailable", "", "");
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK(fp.sleeps[0] <= 200u);
    CHECK(fp.sleeps[1] <= 400u);
}

static uint32_t slept[64];
static int n_slept;
static void record_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    if (n_slept < 64) {
        slept[n_slept] = ms;
    }
    n_slept++;
}
static asc_status refuse_connect(void *ctx, const char *h, uint16_t p, uint32_t to)
{
    (void)ctx; (void)h; (void)p; (void)to;
    return ASC_E_CONNECT;
}

static void test_long_backoff(void)
{
    int i, above_base = 0;
    T_CASE("C8: 40 attempts: from the 33rd on the range is still [0, max]");
    config();
    cfg.max_attempts = 40u;
    cfg.deadline_ms = 0u;
    cfg.backoff_base_ms = 1u;
    cfg.backoff_max_ms = 5000u;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(cl.attempts, 40u);
    CHECK_EQ(n_slept, 39);
    for (i = 0; i < 39; i++) {
        CHECK(slept[i] <= 5000u);
        CHECK(slept[i] <= (i < 13 ? (1u << i) : 5000u));
    }
    for (i = 32; i < 39; i++) { /* sleeps after attempts 33..39 */
        above_base += slept[i] > 1u;
    }
    CHECK(above_base > 0);
}

#define WORD 0x40000005u /* a random word above 2^30, below 2^31 */
static asc_status fixed_word(void *ctx, uint8_t *buf, size_t len)
{
    uint32_t w = WORD;
    size_t i;
    (void)ctx;
    for (i = 0; i < len; i++) {
        buf[i] = ((const uint8_t *)&w)[i % sizeof w];
    }
    return ASC_OK;
}

static void test_widest_backoff(void)
{
    int i;
    T_CASE("C8: base 1, max UINT32_MAX: range 2^(n-1) up to 2^31, then kept");
    config();
    cfg.max_attempts = 40u;
    cfg.deadline_ms = 0u;
    cfg.backoff_base_ms = 1u;
    cfg.backoff_max_ms = UINT32_MAX;
    CHECK_EQ(init(sizeof work), ASC_OK);
    port.connect = refuse_connect;
    port.sleep_ms = record_sleep;
    port.random = fixed_word;
    n_slept = 0;
    CHECK_EQ(del(), ASC_E_CONNECT);
    CHECK_EQ(n_slept, 39);
    for (i = 0; i < 31; i++) { /* after attempt i + 1: [0, 2^i] */
        CHECK(slept[i] <= (1u << i));
    }
    for (i = 31; i < 39; i++) { /* attempts 32..39: [0, 2^31] holds the word */
        CHECK_EQ(slept[i], WORD);
    }
}

int main(void)
{
    test_defaults();
    test_work_buffer();
    test_host_header();
    test_nonce();
    test_cut_answer();
    test_status_classes();
    test_retry_after_date();
    test_full_jitter();
    test_long_backoff();
    test_widest_backoff();
    return TEST_REPORT();
}
