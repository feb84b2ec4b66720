/*
 * Retry accounting as a specification (issue 24): for each scenario, how
 * many requests, connections, counted attempts and sleeps a call takes,
 * read from the scripted port and its fake clock (tests/fake_port.c).
 *
 * The stale keep-alive rule (asc_client.h): an attempt on a REUSED
 * connection whose request was DELIVERED and that got NOTHING back (peer
 * closed or reset) is retried at once, without sleeping and without
 * counting against max_attempts - ONCE per call. Each of the four
 * conditions is shown on both sides, and the "once" on a connection kept
 * alive by a retryable answer.
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
#define UNAVAILABLE_BODY "{\"RequestId\":\"R-1\",\"Code\":\"ServiceUnavailable\",\"Message\":\"Service unavailable. Please try again later.\"}"
static char ok_resp[512], unavailable_resp[512];

static void setup(uint8_t max_attempts)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
    cfg.host = "appstream-center.cn-shanghai.aliyuncs.com";
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.insecure_plaintext_http = true;
    cfg.max_attempts = max_attempts;
    cfg.deadline_ms = 0; /* attempts alone bound the call */
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

/* A first call leaves a kept-alive connection for the next one. */
static void warm_connection(void)
{
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.connects, 1);
    CHECK_EQ(fp.closes, 0);
}

static void test_stale_conditions(void)
{
    T_CASE("stale: reused + delivered + nothing back (closed): one free, immediate retry");
    setup(1);
    warm_connection();
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 3);
    CHECK_EQ(fp.connects, 2);
    CHECK_EQ(cl.attempts, 2);
    CHECK_EQ(fp.n_sleeps, 0);
    CHECK_EQ(fp.slept_ms, 0);

    T_CASE("stale: a reset instead of a close is stale too");
    setup(1);
    warm_connection();
    add(ok_resp)->reset_at = 0;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 3);
    CHECK_EQ(cl.attempts, 2);
    CHECK_EQ(fp.n_sleeps, 0);

    T_CASE("not stale: a fresh connection closed at once is an ordinary failure");
    setup(1);
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_CLOSED);
    CHECK_EQ(fp.requests, 1);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(fp.n_sleeps, 0);

    T_CASE("not stale: a reused connection that answered part of a response");
    setup(1);
    warm_connection();
    add(ok_resp)->eof_at = 1;
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_CLOSED);
    CHECK_EQ(fp.requests, 2);
    CHECK_EQ(cl.attempts, 1);

    T_CASE("not stale: a reused connection that failed before the request was delivered");
    setup(1);
    warm_connection();
    fp.fail_send_call = fp.sends + 1;
    add(ok_resp);
    CHECK(del() != ASC_OK);
    CHECK_EQ(fp.requests, 1);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(fp.connects, 1);

    T_CASE("not stale: nothing back on a reused connection by timeout");
    setup(1);
    warm_connection();
    CHECK_EQ(del(), ASC_E_TIMEOUT); /* nothing scripted: silent peer */
    CHECK_EQ(fp.requests, 2);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(fp.connects, 1);
}

static void test_stale_once(void)
{
    T_CASE("stale once per call: a second stale connection in the same call counts and ends it");
    setup(2);
    warm_connection();
    add(ok_resp)->stale = true;   /* attempt 1: stale, free retry */
    add(unavailable_resp);        /* attempt 2 (new connection, kept alive): 503, backoff */
    add(ok_resp)->stale = true;   /* attempt 3 reuses it: stale again, counted: the end */
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_CLOSED);
    CHECK_EQ(fp.requests, 4);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.connects, 2);

    T_CASE("stale once per call: with room for one more counted attempt, it sleeps, then succeeds");
    setup(3);
    warm_connection();
    add(ok_resp)->stale = true;
    add(unavailable_resp);
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 5);
    CHECK_EQ(cl.attempts, 4);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK_EQ(fp.connects, 3);

    T_CASE("stale once per call, not per client: the next call gets its own");
    setup(1);
    warm_connection();
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    add(ok_resp)->stale = true;
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 5);
    CHECK_EQ(cl.attempts, 2);
    CHECK_EQ(fp.n_sleeps, 0);
}

static void test_counted_attempts(void)
{
    T_CASE("counted attempts: max_attempts retryable answers, max_attempts - 1 sleeps");
    setup(3);
    add(unavailable_resp);
    add(unavailable_resp);
    add(unavailable_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(fp.requests, 3);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.n_sleeps, 2);

    T_CASE("counted attempts: success on the last allowed attempt");
    setup(3);
    add(unavailable_resp);
    add(unavailable_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 3);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.n_sleeps, 2);

    T_CASE("counted attempts: max_attempts 1 never sleeps");
    setup(1);
    add(unavailable_resp);
    add(ok_resp);
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(fp.requests, 1);
    CHECK_EQ(fp.n_sleeps, 0);
}

int main(void)
{
    (void)snprintf(ok_resp, sizeof ok_resp, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n%s",
                   strlen(OK_BODY), OK_BODY);
    (void)snprintf(unavailable_resp, sizeof unavailable_resp,
                   "HTTP/1.1 503 Service Unavailable\r\nContent-Length: %zu\r\n\r\n%s",
                   strlen(UNAVAILABLE_BODY), UNAVAILABLE_BODY);
    test_stale_conditions();
    test_stale_once();
    test_counted_attempts();
    return TEST_REPORT();
}
