/*
 * The outcome rules of include/asc_client.h over a scripted transport
 * (tests/fake_port.c, fault injection only):
 *  - front-end answers (non-2xx without a service JSON body): their own
 *    status, Server / Location / Retry-After in the result, which are
 *    retried and how long the client waits;
 *  - "may have executed": every kind of first attempt followed by
 *    Image.NotExist, and whether that becomes already_deleted;
 *  - DeleteImage's Data: every combination of Data, Success, Code and HTTP
 *    status, for asc_delete_image and for asc_call (which keeps its rule).
 */
#include <stdint.h>
#include <stdio.h>
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

#define OK_BODY "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"OK-1\"}"
#define NOTEXIST_BODY "{\"RequestId\":\"NE-1\",\"Code\":\"Image.NotExist\",\"Message\":\"The image does not exist.\"}"
#define NGINX_HTML(code, text) \
    "<html>\r\n<head><title>" code " " text "</title></head>\r\n<body>\r\n<center><h1>" code " " \
    text "</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"

/* status line and headers (without Content-Length) + body, framed. */
static char store[FAKE_MAX_RESP * 2][1536];
static int n_store;
static const char *mk(const char *head, const char *body)
{
    char *r = store[n_store++ % (FAKE_MAX_RESP * 2)];
    snprintf(r, sizeof store[0], "%sContent-Length: %zu\r\n\r\n%s", head, strlen(body), body);
    return r;
}

static const char *ok(void)
{
    return mk("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", OK_BODY);
}
static const char *notexist(void)
{
    return mk("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n", NOTEXIST_BODY);
}
static const char *nginx(const char *status_line, const char *extra, const char *body)
{
    static char head[FAKE_MAX_RESP * 2][512];
    static int n;
    char *h = head[n++ % (FAKE_MAX_RESP * 2)];
    snprintf(h, sizeof head[0], "HTTP/1.1 %s\r\nServer: nginx\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
             "Content-Type: text/html\r\n%s", status_line, extra);
    return mk(h, body);
}

static void setup(void)
{
    fake_port_init(&fp, &port);
    asc_client_config_defaults(&cfg);
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

static asc_status generic(void)
{
    asc_param p = { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT(ASC_API_VERSION),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 1u };
    rq.params = &p;
    return asc_call(&cl, &rq, &res);
}

/* result.server and .location exist with ASC_ENABLE_FRONT_END_FIELDS only;
 * the outcome checks around them hold in every profile. */
#if ASC_ENABLE_FRONT_END_FIELDS
#define CHECK_SERVER(text) CHECK_STR(res.server, text)
#define CHECK_LOCATION(text) CHECK_STR(res.location, text)
#else
#define CHECK_SERVER(text) ((void)0)
#define CHECK_LOCATION(text) ((void)0)
#endif

static void test_front_end(void)
{
    T_CASE("413 from nginx: front end, not retried, never a JSON error");
    setup();
    add(nginx("413 Request Entity Too Large", "", NGINX_HTML("413", "Request Entity Too Large")));
    add(ok());
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.http_status, 413);
    CHECK_SERVER("nginx");
    CHECK_LOCATION("");
    CHECK_STR(res.code, "");
    CHECK_EQ(res.error, ASC_ERR_NONE);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) == 0u);
    CHECK(res.body.len > 0u && memcmp(res.body.ptr, "<html>", 6) == 0);
    CHECK_EQ(cl.attempts, 1);
    CHECK_EQ(fp.requests, 1);

    T_CASE("301: never followed, reported with its Location");
    setup();
    add(nginx("301 Moved Permanently", "Location: https://example.com/elsewhere\r\n",
              NGINX_HTML("301", "Moved Permanently")));
    add(ok());
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.http_status, 301);
    CHECK_LOCATION("https://example.com/elsewhere");
    CHECK_EQ(fp.requests, 1);
    CHECK_EQ(fp.connects, 1);

    T_CASE("Location is read for 3xx only");
    setup();
    add(nginx("404 Not Found", "Location: /x\r\n", ""));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.http_status, 404);
    CHECK_LOCATION("");
    CHECK_EQ(fp.requests, 1);

    T_CASE("4xx with a JSON body without Code: front end, fields it had kept");
    setup();
    add(mk("HTTP/1.1 403 Forbidden\r\nServer: gw\r\n", "{\"Message\":\"denied by WAF\"}"));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_STR(res.message, "denied by WAF");
    CHECK_SERVER("gw");

    T_CASE("429 with Retry-After (seconds): retried no sooner");
    setup();
    add(nginx("429 Too Many Requests", "Retry-After: 2\r\n", NGINX_HTML("429", "Too Many Requests")));
    add(ok());
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 2);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 2000u);

    T_CASE("429 three times: gives up with the front-end status and Retry-After");
    setup();
    add(nginx("429 Too Many Requests", "Retry-After: 1\r\n", ""));
    add(nginx("429 Too Many Requests", "Retry-After: 1\r\n", ""));
    add(nginx("429 Too Many Requests", "Retry-After: 1\r\n", ""));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.http_status, 429);
    CHECK((res.present & ASC_RESULT_HAS_RETRY_AFTER) != 0u);
    CHECK_EQ(res.retry_after_ms, 1000u);
    CHECK_EQ(cl.attempts, 3);
    CHECK_EQ(fp.n_sleeps, 2);
    CHECK(fp.sleeps[0] >= 1000u && fp.sleeps[1] >= 1000u);

    T_CASE("503 with Retry-After as an HTTP-date, counted from the answer's Date");
    setup();
    add(nginx("503 Service Temporarily Unavailable", "Retry-After: Thu, 01 Jan 2026 00:00:03 GMT\r\n",
              NGINX_HTML("503", "Service Temporarily Unavailable")));
    add(ok());
    CHECK_EQ(del(), ASC_OK);
#if ASC_ENABLE_CLOCK_SYNC
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 3000u);
#endif
    CHECK_EQ(cl.attempts, 2);

    T_CASE("Retry-After past the deadline: not retried early, the answer is returned");
    setup();
    cl.cfg.deadline_ms = 5000u;
    add(nginx("503 Service Temporarily Unavailable", "Retry-After: 10\r\n", ""));
    add(ok());
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 10000u);
    CHECK_EQ(fp.n_sleeps, 0);
    CHECK_EQ(fp.requests, 1);

    T_CASE("Retry-After within a long deadline is honoured beyond backoff_max_ms");
    setup();
    cl.cfg.deadline_ms = 60000u;
    add(nginx("503 Service Temporarily Unavailable", "Retry-After: 10\r\n", ""));
    add(ok());
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK_EQ(fp.sleeps[0], 10000u);

    T_CASE("no deadline: Retry-After above backoff_max_ms ends the call");
    setup();
    cl.cfg.deadline_ms = 0u;
    add(nginx("429 Too Many Requests", "Retry-After: 3600\r\n", ""));
    add(ok());
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 3600000u);
    CHECK_EQ(fp.requests, 1);

    T_CASE("Retry-After beyond 2^32 ms: clamped, not retried");
    setup();
    add(nginx("503 Service Unavailable", "Retry-After: 4294968\r\n", ""));
    add(nginx("503 Service Unavailable", "Retry-After: 99999999999999999999\r\n", ""));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);
    setup();
    add(nginx("503 Service Unavailable", "Retry-After: 4294967\r\n", ""));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, 4294967000u);
    CHECK_EQ(fp.requests, 1);
    setup();
    add(nginx("503 Service Unavailable", "Retry-After: 99999999999999999999\r\n", ""));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.retry_after_ms, UINT32_MAX);

    T_CASE("unreadable Retry-After: ignored, plain backoff");
    setup();
    add(nginx("503 Service Unavailable", "Retry-After: soon\r\n", ""));
    add(ok());
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(fp.n_sleeps, 1);
    CHECK(fp.sleeps[0] <= cfg.backoff_base_ms);

    T_CASE("502 and 504 HTML pages: retried (not a service error, not JSON)");
    setup();
    add(nginx("502 Bad Gateway", "", NGINX_HTML("502", "Bad Gateway")));
    add(nginx("504 Gateway Time-out", "", NGINX_HTML("504", "Gateway Time-out")));
    add(ok());
    CHECK_EQ(del(), ASC_OK);
    CHECK_EQ(cl.attempts, 3);
    setup();
    cl.cfg.max_attempts = 1;
    add(nginx("502 Bad Gateway", "", NGINX_HTML("502", "Bad Gateway")));
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(res.http_status, 502);
    CHECK_SERVER("nginx");

#if ASC_ENABLE_FRONT_END_FIELDS
    T_CASE("Server header cut to fit, non-printable bytes replaced");
    setup();
    add(mk("HTTP/1.1 502 Bad Gateway\r\nServer: a-very-long-server-name/1.2.3 (with comments) more\r\n", ""));
    cl.cfg.max_attempts = 1;
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(strlen(res.server), (size_t)ASC_SERVER_MAX - 1u);
    CHECK(res.truncated);
    setup();
    add(mk("HTTP/1.1 502 Bad Gateway\r\nServer: caf\xc3\xa9\r\n", ""));
    cl.cfg.max_attempts = 1;
#if !ASC_STRICT_PARSING
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_SERVER("caf??");
#else
    CHECK(del() == ASC_E_FRONT_END || res.server[0] == '\0');
#endif
#endif /* ASC_ENABLE_FRONT_END_FIELDS */

    T_CASE("a service error body with 5xx stays a service error");
    setup();
    cl.cfg.max_attempts = 1;
    add(mk("HTTP/1.1 503 Service Unavailable\r\nServer: Tengine\r\n",
           "{\"RequestId\":\"R\",\"Code\":\"ServiceUnavailable\",\"Message\":\"later\"}"));
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK_EQ(res.error, ASC_ERR_SERVICE_UNAVAILABLE);
    CHECK_SERVER("Tengine");

    T_CASE("2xx with a body that is not JSON: still a JSON error");
    setup();
    add(mk("HTTP/1.1 200 OK\r\n", "<html></html>"));
    CHECK_EQ(del(), ASC_E_JSON);
}

/* First attempt of each kind, then Image.NotExist: already deleted exactly
 * when the first attempt may have executed. */
typedef enum first_kind {
    K_RESET_AFTER_SEND,  /* the answer was cut off: may have executed */
    K_EOF_AFTER_SEND,    /* closed before any answer byte */
    K_TIMEOUT_AFTER_SEND,
    K_SEND_FAILED,       /* request never complete: did not execute */
    K_CONNECT_FAILED,
    K_FE_500, K_FE_502, K_FE_503, K_FE_504, /* front end 5xx */
    K_FE_429,            /* rate limited by the front end: not passed on */
    K_SVC_UNAVAILABLE,   /* service's own answer: definitive */
    K_SVC_THROTTLED,
    K_SVC_INTERNAL,
    K_COUNT
} first_kind;

static void test_may_have_executed(void)
{
    static const struct {
        first_kind k;
        const char *name;
        bool already_deleted;
    } rows[] = {
        { K_RESET_AFTER_SEND, "reset after the request", true },
        { K_EOF_AFTER_SEND, "closed after the request", true },
        { K_TIMEOUT_AFTER_SEND, "timeout after the request", true },
        { K_SEND_FAILED, "send failed", false },
        { K_CONNECT_FAILED, "connect failed", false },
        { K_FE_500, "front-end 500", true },
        { K_FE_502, "front-end 502", true },
        { K_FE_503, "front-end 503", true },
        { K_FE_504, "front-end 504", true },
        { K_FE_429, "front-end 429", false },
        { K_SVC_UNAVAILABLE, "service ServiceUnavailable", false },
        { K_SVC_THROTTLED, "service Throttling", false },
        { K_SVC_INTERNAL, "service InternalError", false },
    };
    size_t i;
    int mode;
    char name[96];
    CHECK_EQ(sizeof rows / sizeof rows[0], (size_t)K_COUNT);
    for (mode = 0; mode < 2; mode++) { /* asc_delete_image, then asc_call */
        for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            asc_status st;
            snprintf(name, sizeof name, "%s: %s, then Image.NotExist",
                     mode ? "asc_call" : "asc_delete_image", rows[i].name);
            T_CASE(name);
            setup();
            cl.cfg.io_timeout_ms = 1000u;
            switch (rows[i].k) {
            case K_RESET_AFTER_SEND: add(ok())->reset_at = 10; break;
            case K_EOF_AFTER_SEND: add(ok())->eof_at = 0; break;
            case K_TIMEOUT_AFTER_SEND: add(""); break;
            case K_SEND_FAILED: fp.fail_send_call = 1; break;
            case K_CONNECT_FAILED: fp.fail_connect_call = 1; break;
            case K_FE_500: add(nginx("500 Internal Server Error", "", NGINX_HTML("500", "Internal Server Error"))); break;
            case K_FE_502: add(nginx("502 Bad Gateway", "", NGINX_HTML("502", "Bad Gateway"))); break;
            case K_FE_503: add(nginx("503 Service Unavailable", "", "")); break;
            case K_FE_504: add(nginx("504 Gateway Time-out", "", NGINX_HTML("504", "Gateway Time-out"))); break;
            case K_FE_429: add(nginx("429 Too Many Requests", "", "")); break;
            case K_SVC_UNAVAILABLE:
                add(mk("HTTP/1.1 503 Service Unavailable\r\n",
                       "{\"RequestId\":\"R\",\"Code\":\"ServiceUnavailable\",\"Message\":\"m\"}"));
                break;
            case K_SVC_THROTTLED:
                add(mk("HTTP/1.1 400 Bad Request\r\n",
                       "{\"RequestId\":\"R\",\"Code\":\"Throttling.User\",\"Message\":\"m\"}"));
                break;
            case K_SVC_INTERNAL:
                add(mk("HTTP/1.1 500 Internal Server Error\r\n",
                       "{\"RequestId\":\"R\",\"Code\":\"InternalError\",\"Message\":\"m\"}"));
                break;
            default: break;
            }
            add(notexist());
            st = mode ? generic() : del();
            CHECK_EQ(cl.attempts, 2);
            CHECK_STR(res.code, "Image.NotExist");
            CHECK_STR(res.request_id, "NE-1");
            if (mode == 0 && rows[i].already_deleted) {
                CHECK_EQ(st, ASC_OK);
                CHECK(res.already_deleted);
            } else {
                CHECK_EQ(st, ASC_E_SERVICE);
                CHECK(!res.already_deleted);
            }
        }
    }

    T_CASE("may have executed is remembered across a definitive answer");
    setup();
    add(nginx("504 Gateway Time-out", "", ""));
    add(mk("HTTP/1.1 503 Service Unavailable\r\n",
           "{\"RequestId\":\"R\",\"Code\":\"ServiceUnavailable\",\"Message\":\"m\"}"));
    add(notexist());
    CHECK_EQ(del(), ASC_OK);
    CHECK(res.already_deleted);
    CHECK_EQ(cl.attempts, 3);

    T_CASE("front-end 3xx/4xx are not retried: no later Image.NotExist");
    setup();
    add(nginx("413 Request Entity Too Large", "", ""));
    add(notexist());
    CHECK_EQ(del(), ASC_E_FRONT_END);
    CHECK_EQ(fp.requests, 1);
    CHECK(!res.already_deleted);

    T_CASE("Image.NotExist on the first attempt: a service error");
    setup();
    add(notexist());
    CHECK_EQ(del(), ASC_E_SERVICE);
    CHECK(!res.already_deleted);
}

/* Data, Success, Code and HTTP status: what asc_delete_image and asc_call
 * return, and that Data:false is never retried. */
static void test_data_rules(void)
{
    static const struct {
        const char *name;
        int http;
        const char *body;
        asc_status del_st;  /* asc_delete_image */
        asc_status call_st; /* asc_call */
        asc_error_code error;
    } rows[] = {
        { "Data true: deleted", 200,
          "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_OK, ASC_OK, ASC_ERR_NONE },
        { "Data false: not deleted (asc_call: its Data is the caller's)", 200,
          "{\"Data\":false,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data absent: not a confirmed deletion", 200,
          "{\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data null: not a confirmed deletion", 200,
          "{\"Data\":null,\"Success\":true,\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data \"true\" (a string): not a confirmed deletion", 200,
          "{\"Data\":\"true\",\"Success\":true,\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data 1: not a confirmed deletion", 200,
          "{\"Data\":1,\"Success\":true,\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data object: not a confirmed deletion", 200,
          "{\"Data\":{\"ok\":true},\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data false without Success or Code: not deleted", 200,
          "{\"Data\":false,\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "Data true, no Success, no Code: deleted", 200,
          "{\"Data\":true,\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_OK, ASC_OK, ASC_ERR_NONE },
        { "Success false with Code \"200\": service error", 200,
          "{\"Data\":true,\"Success\":false,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "Success \"false\" (a string): service error", 200,
          "{\"Data\":true,\"Success\":\"false\",\"RequestId\":\"D-1\",\"Message\":\"successful\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "Code \"400\" with HTTP 200: service error", 200,
          "{\"Data\":true,\"Success\":true,\"Code\":\"400\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "Data false with Code \"400\": service error, not NOT_DELETED", 200,
          "{\"Data\":false,\"Success\":false,\"Code\":\"400\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "numeric Code 200: as \"200\"", 200,
          "{\"Data\":true,\"Success\":true,\"Code\":200,\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_OK, ASC_OK, ASC_ERR_NONE },
        { "numeric Code 200 with Data false: not deleted", 200,
          "{\"Data\":false,\"Success\":true,\"Code\":200,\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_NOT_DELETED, ASC_OK, ASC_ERR_NONE },
        { "numeric Code 400: service error", 200,
          "{\"Data\":true,\"Success\":true,\"Code\":400,\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "Code \"Image.NotExist\" with HTTP 200: service error", 200,
          "{\"Code\":\"Image.NotExist\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_IMAGE_NOT_EXIST },
        { "HTTP 400 with Code \"200\" and Data true: service error", 400,
          "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_SERVICE, ASC_E_SERVICE, ASC_ERR_UNKNOWN },
        { "HTTP 400 with Data true and no Code: front end", 400,
          "{\"Data\":true,\"Success\":true,\"Message\":\"successful\",\"RequestId\":\"D-1\"}",
          ASC_E_FRONT_END, ASC_E_FRONT_END, ASC_ERR_NONE },
        { "HTTP 204 without a body: not JSON", 204, "", ASC_E_JSON, ASC_E_JSON, ASC_ERR_NONE },
    };
    size_t i;
    int mode;
    char head[64];
    char name[160];
    for (mode = 0; mode < 2; mode++) {
        for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            asc_status want = mode ? rows[i].call_st : rows[i].del_st, st;
            snprintf(name, sizeof name, "%s: %s", mode ? "asc_call" : "asc_delete_image", rows[i].name);
            T_CASE(name);
            setup();
            cl.cfg.max_attempts = 3u;
            snprintf(head, sizeof head, "HTTP/1.1 %d X\r\n", rows[i].http);
            if (rows[i].http == 204) {
                add("HTTP/1.1 204 No Content\r\n\r\n");
            } else {
                add(mk(head, rows[i].body));
            }
            add(notexist()); /* what a blind retry would get */
            st = mode ? generic() : del();
            CHECK_EQ(st, want);
            if (st != want) {
                continue;
            }
            CHECK_EQ(res.http_status, rows[i].http);
            if (st != ASC_E_JSON) {
                CHECK_EQ(res.error, rows[i].error);
                CHECK_STR(res.request_id, "D-1");
                CHECK_STR(res.message, "successful");
            }
            CHECK(!res.already_deleted);
            CHECK_EQ(fp.requests, 1); /* none of these is retried */
        }
    }

    T_CASE("Data false after an answer that was lost: not deleted, not already_deleted");
    setup();
    add(ok())->reset_at = 10;
    add(mk("HTTP/1.1 200 OK\r\n",
           "{\"Data\":false,\"Success\":true,\"Code\":\"200\",\"Message\":\"failed\",\"RequestId\":\"DF-1\"}"));
    add(notexist());
    CHECK_EQ(del(), ASC_E_NOT_DELETED);
    CHECK(!res.already_deleted);
    CHECK_STR(res.request_id, "DF-1");
    CHECK_STR(res.message, "failed");
    CHECK_EQ(fp.requests, 2);
    CHECK(!res.data);
    CHECK((res.present & ASC_RESULT_HAS_DATA) != 0u);
    CHECK_EQ(res.data_json.len, 5u);

    T_CASE("Data absent: HAS_DATA tells it from Data false");
    setup();
    add(mk("HTTP/1.1 200 OK\r\n", "{\"Success\":true,\"RequestId\":\"DF-2\"}"));
    CHECK_EQ(del(), ASC_E_NOT_DELETED);
    CHECK((res.present & ASC_RESULT_HAS_DATA) == 0u);
    CHECK_EQ(res.data_json.len, 0u);
}

/* Every combination of Data, Success, Code and HTTP status against the
 * rule written out here (asc_client.h, asc_delete_image): a non-2xx answer
 * is the service's when it has a Code (ASC_E_SERVICE), a front end's
 * otherwise; a 2xx answer is an error when Success is false or Code is not
 * "200"; otherwise DeleteImage succeeded only with Data true, asc_call
 * always. One attempt each (5xx would be retried). */
static void test_every_combination(void)
{
    static const char *const datas[] = { "true", "false", NULL, "\"true\"", "null", "1" };
    static const char *const successes[] = { "true", "false", NULL, "\"false\"" };
    static const char *const codes[] = { "\"200\"", "\"400\"", "200", "400", NULL,
                                         "\"Image.NotExist\"" };
    static const int statuses[] = { 200, 400, 404, 503 };
    size_t d, su, co, h;
    int mode, bad = 0, n = 0;
    char body[256], head[64];
    T_CASE("every combination of Data, Success, Code and HTTP status");
    for (d = 0; d < sizeof datas / sizeof datas[0]; d++)
    for (su = 0; su < sizeof successes / sizeof successes[0]; su++)
    for (co = 0; co < sizeof codes / sizeof codes[0]; co++)
    for (h = 0; h < sizeof statuses / sizeof statuses[0]; h++)
    for (mode = 0; mode < 2; mode++) {
        bool ok2xx = statuses[h] / 100 == 2;
        bool has_code = codes[co] != NULL;
        bool code_200 = has_code && (strcmp(codes[co], "\"200\"") == 0 || strcmp(codes[co], "200") == 0);
        bool success_false = successes[su] != NULL && strstr(successes[su], "false") != NULL;
        bool data_true = datas[d] != NULL && strcmp(datas[d], "true") == 0;
        asc_status want, st;
        if (!ok2xx) {
            want = has_code ? ASC_E_SERVICE : ASC_E_FRONT_END;
        } else if (success_false || (has_code && !code_200)) {
            want = ASC_E_SERVICE;
        } else if (mode == 0 && !data_true) {
            want = ASC_E_NOT_DELETED;
        } else {
            want = ASC_OK;
        }
        snprintf(body, sizeof body, "{\"RequestId\":\"C-1\"%s%s%s%s%s%s}",
                 datas[d] ? ",\"Data\":" : "", datas[d] ? datas[d] : "",
                 successes[su] ? ",\"Success\":" : "", successes[su] ? successes[su] : "",
                 codes[co] ? ",\"Code\":" : "", codes[co] ? codes[co] : "");
        snprintf(head, sizeof head, "HTTP/1.1 %d X\r\n", statuses[h]);
        setup();
        cl.cfg.max_attempts = 1u;
        add(mk(head, body));
        st = mode ? generic() : del();
        n++;
        if (st != want || strcmp(res.request_id, "C-1") != 0 || res.already_deleted ||
            (st == ASC_E_SERVICE && res.error == ASC_ERR_NONE) ||
            (st != ASC_E_SERVICE && res.error != ASC_ERR_NONE)) {
            if (bad++ < 5) {
                printf("  %s HTTP %d %s: got %d want %d\n", mode ? "asc_call" : "delete",
                       statuses[h], body, (int)st, (int)want);
            }
        }
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(n, 6 * 4 * 6 * 4 * 2);
}

static void test_status_text(void)
{
    T_CASE("new statuses have their own text");
#if ASC_ENABLE_STATUS_TEXT
    CHECK_STR(asc_status_str(ASC_E_FRONT_END), "front-end answer, no service answer");
    CHECK_STR(asc_status_str(ASC_E_NOT_DELETED), "image not deleted");
#else
    {
        char want[8];
        snprintf(want, sizeof want, "%d", (int)ASC_E_FRONT_END);
        CHECK_STR(asc_status_str(ASC_E_FRONT_END), want);
        snprintf(want, sizeof want, "%d", (int)ASC_E_NOT_DELETED);
        CHECK_STR(asc_status_str(ASC_E_NOT_DELETED), want);
    }
#endif
    CHECK_STR(asc_status_str((asc_status)ASC_STATUS_COUNT_), "unknown status");
}

int main(void)
{
    test_front_end();
    test_may_have_executed();
    test_data_rules();
    test_every_combination();
    test_status_text();
    return TEST_REPORT();
}
