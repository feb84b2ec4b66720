/*
 * What the client tells about a call (issues 20 and 26), over the scripted
 * transport (tests/fake_port.c, fake clock: nothing really sleeps):
 *  - a throttling TimeLeft is capped at backoff_max_ms, and the deadline
 *    still ends the call before a long wait;
 *  - attempts counts every request sent, the free retries included;
 *  - after ASC_E_INVALID_ARG, invalid_arg names the argument;
 *  - (tools) the client's trace shows the signing of exactly the request
 *    that was sent, then that request and the answer's header block.
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

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"R-OK\"}"
#define ERR_BODY(code) "{\"RequestId\":\"R-1\",\"Code\":\"" code "\",\"Message\":\"m\"}"

static char resp_store[8][1024];
static int resp_n;
/* head + a correct Content-Length + body */
static const char *mk(const char *head, const char *body)
{
    char *r = resp_store[resp_n++ % 8];
    snprintf(r, 1024, "%sContent-Length: %zu\r\n\r\n%s", head, strlen(body), body);
    return r;
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

static const char *throttled(const char *time_left)
{
    static char head[256];
    snprintf(head, sizeof head, "HTTP/1.1 400 Bad Request\r\n"
             "x-ratelimit-user-api: Limit:1,Remain:0,TimeLeft:%s,Reset:1234\r\n", time_left);
    return mk(head, ERR_BODY("Throttling.User"));
}

static void test_time_left(void)
{
    const char *ok = mk("HTTP/1.1 200 OK\r\n", OK_BODY);
    T_CASE("a huge TimeLeft is capped at backoff_max_ms (no deadline)");
    setup();
    cl.cfg.deadline_ms = 0u;
    add(throttled("4294967294"));
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 5000);
    CHECK_EQ(cl.attempts, 2);

    T_CASE("TimeLeft above a small backoff_max_ms: waits backoff_max_ms");
    setup();
    cl.cfg.backoff_max_ms = 1000u;
    add(throttled("2000"));
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 1000);

    T_CASE("TimeLeft under backoff_max_ms is honoured as is");
    setup();
    cl.cfg.backoff_base_ms = 1u;
    add(throttled("1500"));
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.sleeps[0], 1500);

    T_CASE("a huge TimeLeft and a deadline: the call ends within it");
    setup();
    cl.cfg.deadline_ms = 3000u;
    cl.cfg.backoff_max_ms = UINT32_MAX; /* even an uncapped backoff */
    add(throttled("4294967294"));
    add(ok);
    {
        uint64_t t0 = fp.mono;
        CHECK_EQ(del(), ASC_E_SERVICE);
        CHECK_EQ(res.error, ASC_ERR_THROTTLING_USER);
        CHECK(fp.mono - t0 <= 3000u);
        CHECK_EQ(fp.n_sleeps, 0);
    }
}

static void test_attempts(void)
{
    const char *ok = mk("HTTP/1.1 200 OK\r\n", OK_BODY);
    const char *ok_keep = mk("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n", OK_BODY);
    T_CASE("attempts: a connect failure counts");
    setup();
    fp.fail_connect_call = 1;
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    T_CASE("attempts: the stale keep-alive retry counts, but not against max_attempts");
    setup();
    cl.cfg.max_attempts = 1;
    add(ok_keep);
    add(ok_keep)->stale = true;
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.requests, 3);
    CHECK_EQ(cl.attempts, 2);
#if ASC_ENABLE_CLOCK_SYNC
    T_CASE("attempts: the re-signed retry after a clock correction counts");
    {
        const char *expired = mk("HTTP/1.1 400 Bad Request\r\n"
                                 "Date: Mon, 01 Jun 2026 12:00:00 GMT\r\n",
                                 ERR_BODY("InvalidTimeStamp.Expired"));
        setup();
        cl.cfg.max_attempts = 1;
        add(expired);
        add(ok);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(fp.requests, 2);
        CHECK_EQ(cl.attempts, 2);
        T_CASE("attempts: a device without a clock sends two requests, says 2");
        setup();
        fp.utc = -1;
        add(expired);
        add(ok);
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(fp.requests, 2);
        CHECK_EQ(cl.attempts, 2);
    }
#endif
}

static asc_status init_with(const asc_port *p, struct asc_tls *tls, uint8_t *w, size_t n)
{
    return asc_client_init(&cl, &cfg, p, tls, w, n);
}

static void test_invalid_arg(void)
{
    asc_port broken;
    T_CASE("invalid_arg names the argument asc_client_init refused");
    setup();
    CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);
    CHECK_EQ(asc_client_init(&cl, NULL, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CONFIG);
    cfg.max_attempts = 0u;
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CONFIG);
    cfg.max_attempts = 3u;
    cfg.sig = (asc_sig_version)7;
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_CONFIG);
    cfg.sig = ASC_SIG_V3;
    CHECK_EQ(init_with(NULL, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_PORT);
    broken = port;
    broken.sleep_ms = NULL;
    CHECK_EQ(init_with(&broken, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_PORT);
    CHECK_EQ(init_with(&port, NULL, NULL, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
    CHECK_EQ(init_with(&port, NULL, work, 511), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_WORK);
    cfg.insecure_plaintext_http = false;
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_TLS);
    cfg.insecure_plaintext_http = true;
    cfg.host = "";
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_HOST);
    cfg.host = NULL; /* the default host */
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_OK);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);

    T_CASE("missing credentials name themselves");
    cfg.creds.access_key_id = asc_span_from_str("");
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_ACCESS_KEY_ID);
    cfg.creds.access_key_id = asc_span_from_str(NULL);
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_ACCESS_KEY_ID);
    cfg.creds.access_key_id = asc_span_from_str("testid");
    cfg.creds.access_key_secret = asc_span_from_str("");
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_ACCESS_KEY_SECRET);
    cfg.creds.access_key_secret = asc_span_from_str("testsecret");
    cfg.creds.security_token.ptr = NULL;
    cfg.creds.security_token.len = 3u;
    CHECK_EQ(init_with(&port, NULL, work, sizeof work), ASC_E_INVALID_ARG);
    CHECK_EQ(cl.invalid_arg, ASC_ARG_SECURITY_TOKEN);
    CHECK_EQ(asc_client_init(NULL, &cfg, &port, NULL, work, sizeof work), ASC_E_INVALID_ARG);

    T_CASE("a call on a refused client, bad call arguments");
    {
        asc_rpc_request rq;
        memset(&rq, 0, sizeof rq);
        CHECK_EQ(del(), ASC_E_INVALID_ARG); /* cl was refused above */
        CHECK_EQ(cl.invalid_arg, ASC_ARG_CLIENT);
        setup();
        CHECK_EQ(asc_delete_image(&cl, asc_span_from_str(""), &res), ASC_E_INVALID_ARG);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_IMAGE_ID);
        CHECK_EQ(asc_delete_image(&cl, asc_span_from_str("x"), NULL), ASC_E_INVALID_ARG);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_REQUEST);
        CHECK_EQ(asc_call(&cl, NULL, &res), ASC_E_INVALID_ARG);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_REQUEST);
        /* the builder refuses an empty action: nothing sent */
        rq.version = asc_span_from_str(ASC_API_VERSION);
        CHECK_EQ(asc_call(&cl, &rq, &res), ASC_E_INVALID_ARG);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_REQUEST);
        CHECK_EQ(fp.connects, 0);
        CHECK_EQ(asc_delete_image(NULL, asc_span_from_str(""), &res), ASC_E_INVALID_ARG);
        /* any other outcome clears it */
        add(mk("HTTP/1.1 200 OK\r\n", OK_BODY));
        CHECK_EQ(del(), ASC_OK);
        CHECK_EQ(cl.invalid_arg, ASC_ARG_NONE);
    }
#if ASC_ENABLE_STATUS_TEXT
    T_CASE("asc_arg_str");
    CHECK_STR(asc_arg_str(ASC_ARG_ACCESS_KEY_ID), "access_key_id");
    CHECK_STR(asc_arg_str(ASC_ARG_ACCESS_KEY_SECRET), "access_key_secret");
    CHECK_STR(asc_arg_str(ASC_ARG_IMAGE_ID), "image_id");
    CHECK_STR(asc_arg_str(ASC_ARG_NONE), "none");
    CHECK_STR(asc_arg_str((asc_arg)99), "unknown argument");
    {
        int a;
        for (a = ASC_ARG_NONE; a <= ASC_ARG_CREDENTIALS_PROVIDER; a++) {
            CHECK(strcmp(asc_arg_str((asc_arg)a), "unknown argument") != 0);
        }
    }
#endif
}

#if ASC_ENABLE_TOOLS
/* The trace as one log: kinds in order, texts per attempt. */
#define MAX_EVENTS 64
typedef struct trace_log {
    int kinds[MAX_EVENTS];
    int n;
    char sig[4][80];        /* ASC_TRACE_SIGNATURE of attempt i */
    char request[4][2048];  /* ASC_TRACE_REQUEST of attempt i */
    size_t request_len[4];
    char head[4][512];      /* ASC_TRACE_RESPONSE_HEAD of attempt i */
    size_t head_len[4];
    int requests, heads;
} trace_log;
static trace_log tlog;

static void append(char *dst, size_t cap, size_t *len, const char *p, size_t n)
{
    if (*len + n < cap) {
        memcpy(dst + *len, p, n);
        *len += n;
        dst[*len] = '\0';
    }
}

static void on_trace(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    trace_log *t = (trace_log *)ctx;
    if (t->n == 0 || t->kinds[t->n - 1] != (int)kind) {
        if (t->n < MAX_EVENTS) {
            t->kinds[t->n++] = (int)kind;
        }
    }
    if (t->requests >= 4) {
        return;
    }
    if (kind == ASC_TRACE_SIGNATURE) {
        size_t l = strlen(t->sig[t->requests]);
        append(t->sig[t->requests], sizeof t->sig[0], &l, p, n);
    } else if (kind == ASC_TRACE_REQUEST) {
        append(t->request[t->requests], sizeof t->request[0], &t->request_len[t->requests], p, n);
        t->requests++;
    } else if (kind == ASC_TRACE_RESPONSE_HEAD && t->heads < 4) {
        append(t->head[t->heads], sizeof t->head[0], &t->head_len[t->heads], p, n);
        t->heads++;
    }
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t i, k = strlen(needle);
    for (i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return 1;
        }
    }
    return 0;
}

static void test_trace(void)
{
    static const asc_trace tr = { on_trace, &tlog };
    const char *unavailable = mk("HTTP/1.1 503 Service Unavailable\r\nx-test: first\r\n",
                                 ERR_BODY("ServiceUnavailable"));
    const char *ok = mk("HTTP/1.1 200 OK\r\nx-test: second\r\n", OK_BODY);
    int i;
    T_CASE("trace: signing, then the request as sent, then the answer's head, per attempt");
    memset(&tlog, 0, sizeof tlog);
    setup();
    cl.cfg.trace = &tr;
    add(unavailable);
    add(ok);
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(tlog.requests, 2);
    CHECK_EQ(tlog.heads, 2);
    for (i = 0; i < 2; i++) {
        int base = i * 6;
        /* exactly what was sent */
        CHECK_MEM(tlog.request[i], tlog.request_len[i], fp.sent[i], fp.sent_len[i]);
        /* the signature traced is the one in that request */
        CHECK(strlen(tlog.sig[i]) == 64u);
        CHECK(contains(tlog.request[i], tlog.request_len[i], tlog.sig[i]));
        CHECK_EQ(tlog.kinds[base + 0], ASC_TRACE_CANONICAL);
        CHECK_EQ(tlog.kinds[base + 1], ASC_TRACE_STRING_TO_SIGN);
        CHECK_EQ(tlog.kinds[base + 2], ASC_TRACE_BODY_HASH);
        CHECK_EQ(tlog.kinds[base + 3], ASC_TRACE_SIGNATURE);
        CHECK_EQ(tlog.kinds[base + 4], ASC_TRACE_REQUEST);
        CHECK_EQ(tlog.kinds[base + 5], ASC_TRACE_RESPONSE_HEAD);
    }
    CHECK(strcmp(tlog.sig[0], tlog.sig[1]) != 0); /* fresh nonce, fresh signature */
    CHECK(contains(tlog.head[0], tlog.head_len[0], "HTTP/1.1 503 Service Unavailable\r\n"));
    CHECK(contains(tlog.head[0], tlog.head_len[0], "x-test: first\r\n"));
    CHECK(contains(tlog.head[1], tlog.head_len[1], "x-test: second\r\n"));
    /* the head ends with its blank line, the body is not in it */
    CHECK(tlog.head_len[1] >= 4u &&
          memcmp(tlog.head[1] + tlog.head_len[1] - 4u, "\r\n\r\n", 4u) == 0);
    CHECK(!contains(tlog.head[1], tlog.head_len[1], "R-OK"));
    T_CASE("trace: no answer, no head");
    memset(&tlog, 0, sizeof tlog);
    setup();
    cl.cfg.trace = &tr;
    cl.cfg.max_attempts = 1;
    CHECK_EQ(del(), ASC_E_TIMEOUT);
    CHECK_EQ(tlog.requests, 1);
    CHECK_EQ(tlog.heads, 0);
}
#endif

int main(void)
{
    test_time_left();
    test_attempts();
    test_invalid_arg();
#if ASC_ENABLE_TOOLS
    test_trace();
#endif
    return TEST_REPORT();
}
