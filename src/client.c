/*
 * The call path: sign -> connect (TLS or, when asked, plain) -> send ->
 * parse the response in place -> bind JSON -> classify, retry with jittered
 * backoff, correct the clock from Date. One work buffer holds the request,
 * then the response, then the JSON token scratch behind the body.
 *
 * Time: deadlines use the low 32 bits of the port's monotonic clock with
 * wrap-safe differences (a call lasts far less than 2^31 ms).
 */
#include <string.h>
#include "asc_client.h"
#include "asc_http.h"
#include "asc_tls.h"
#include "credentials.h"
#include "util.h"

#define MIN_WORK 512u

void asc_client_config_defaults(asc_client_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    memset(cfg, 0, sizeof *cfg);
    cfg->host = ASC_DEFAULT_HOST;
    cfg->credentials_provider_header = true;
    cfg->connect_timeout_ms = 5000u;
    cfg->io_timeout_ms = 10000u;
    cfg->deadline_ms = 30000u;
    cfg->max_attempts = 3u;
    cfg->backoff_base_ms = 200u;
    cfg->backoff_max_ms = 5000u;
    cfg->clock_skew_tolerance_s = 300u;
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    cfg->credentials_refresh_margin_s = 180u;
#endif
}

static bool span_ok(asc_span s)
{
    return s.len > 0u && s.ptr != NULL;
}

#if ASC_ENABLE_STATUS_TEXT
const char *asc_arg_str(asc_arg arg)
{
    switch (arg) {
    case ASC_ARG_NONE: return "none";
    case ASC_ARG_CONFIG: return "config";
    case ASC_ARG_PORT: return "port";
    case ASC_ARG_WORK: return "work buffer";
    case ASC_ARG_TLS: return "tls";
    case ASC_ARG_HOST: return "host";
    case ASC_ARG_ACCESS_KEY_ID: return "access_key_id";
    case ASC_ARG_ACCESS_KEY_SECRET: return "access_key_secret";
    case ASC_ARG_SECURITY_TOKEN: return "security_token";
    case ASC_ARG_REQUEST: return "request";
    case ASC_ARG_IMAGE_ID: return "image_id";
    case ASC_ARG_CLIENT: return "client";
    case ASC_ARG_PROXY: return "proxy";
    case ASC_ARG_CREDENTIALS_PROVIDER: return "credentials_provider";
    default: return "unknown argument";
    }
}
#endif

/* The first argument of asc_client_init that cannot be used, in the order
 * the enum lists them (ASC_ARG_NONE: all usable); *host gets the host. */
static asc_arg first_bad_init_arg(const asc_client_config *cfg,
                                  const asc_port *port,
                                  const struct asc_tls *tls,
                                  const uint8_t *work, size_t work_len,
                                  asc_span *host)
{
    if (cfg == NULL || cfg->max_attempts == 0u ||
        (unsigned)cfg->sig > (unsigned)ASC_SIG_V1) {
        return ASC_ARG_CONFIG;
    }
    if (port == NULL || port->connect == NULL || port->send == NULL ||
        port->recv == NULL || port->close == NULL || port->utc_now == NULL ||
        port->mono_ms == NULL || port->random == NULL || port->sleep_ms == NULL) {
        return ASC_ARG_PORT;
    }
    if (work == NULL || work_len < MIN_WORK) {
        return ASC_ARG_WORK;
    }
    if (tls == NULL && !cfg->insecure_plaintext_http) {
        return ASC_ARG_TLS;
    }
    *host = asc_span_from_str(cfg->host != NULL ? cfg->host : ASC_DEFAULT_HOST);
    if (host->len == 0u || host->len > ASC_MAX_HOST_LEN) {
        return ASC_ARG_HOST;
    }
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    if (cfg->credentials_provider != NULL) { /* cfg->creds are not used */
        return asc_creds_provider_ok(cfg->credentials_provider)
                   ? ASC_ARG_NONE : ASC_ARG_CREDENTIALS_PROVIDER;
    }
#endif
    if (!span_ok(cfg->creds.access_key_id)) {
        return ASC_ARG_ACCESS_KEY_ID;
    }
#if ASC_ENABLE_PSA_KEYS
    if (cfg->creds.psa_key_id != 0u) { /* the PSA key stands for the secret */
        if (cfg->creds.access_key_secret.len > 0u) {
            return ASC_ARG_ACCESS_KEY_SECRET;
        }
    } else
#endif
    if (!span_ok(cfg->creds.access_key_secret)) {
        return ASC_ARG_ACCESS_KEY_SECRET;
    }
    if (cfg->creds.security_token.len > 0u && cfg->creds.security_token.ptr == NULL) {
        return ASC_ARG_SECURITY_TOKEN;
    }
#if ASC_ENABLE_PROXY
    if (asc_proxy_config_check(&cfg->proxy) != ASC_OK) {
        return ASC_ARG_PROXY;
    }
#endif
    return ASC_ARG_NONE;
}

asc_status asc_client_init(asc_client *c, const asc_client_config *cfg,
                           const asc_port *port, struct asc_tls *tls,
                           uint8_t *work, size_t work_len)
{
    asc_out o;
    asc_span host = { NULL, 0u };
    uint16_t dflt = tls != NULL ? 443u : 80u;
    asc_arg bad;

    if (c == NULL) {
        return ASC_E_INVALID_ARG;
    }
    memset(c, 0, sizeof *c);
    bad = first_bad_init_arg(cfg, port, tls, work, work_len, &host);
    if (bad != ASC_ARG_NONE) {
        c->invalid_arg = (uint8_t)bad;
        return ASC_E_INVALID_ARG;
    }
    /* Bytes of host, credentials and user agent are checked by
     * asc_build_request on every call, before anything is sent. */
    c->cfg = *cfg;
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    asc_client_forget_credentials(c); /* a provider is asked by the first call */
#endif
    c->cfg.host = host.ptr;
    if (c->cfg.user_agent == NULL) {
        c->cfg.user_agent = "asc/0.1.0";
    }
    if (c->cfg.port == 0u) {
        c->cfg.port = dflt;
    }
    /* Host header: the port appears only when it is not the default. */
    asc_out_init(&o, (uint8_t *)c->host_hdr, sizeof c->host_hdr - 1u);
    asc_out_span(&o, host);
    if (c->cfg.port != dflt) {
        asc_out_put(&o, ":", 1u);
        asc_out_dec(&o, c->cfg.port);
    }
    c->conn.port = port;
    c->conn.tls = tls;
    c->work = work;
    c->work_len = work_len;
    return ASC_OK;
}

void asc_client_close(asc_client *c)
{
    if (c != NULL && c->connected) {
        asc_conn_close(&c->conn);
        c->connected = false;
    }
}

typedef struct call_state {
    asc_sign_opts so;  /* the same for every attempt but time and nonce */
    char nonce[ASC_NONCE_LEN]; /* so.nonce points here */
    uint32_t deadline; /* low 32 bits of mono ms; valid when cfg.deadline_ms */
    uint32_t wait_ms;  /* throttling TimeLeft of this attempt */
#if ASC_ENABLE_CLOCK_SYNC
    bool skew_learned; /* this attempt's Date moved the offset */
#endif
    bool delivered;    /* this attempt's request was sent completely */
    bool creds_asked;  /* the provider was asked before an attempt */
    bool creds_renewed; /* ... and after a token answer */
} call_state;

static uint32_t now32(const asc_client *c)
{
    return (uint32_t)c->conn.port->mono_ms(c->conn.port->ctx);
}

/* want, cut to what is left of the deadline (0: expired). */
static uint32_t remaining(const asc_client *c, const call_state *cs,
                          uint32_t want)
{
    int32_t left;
    if (c->cfg.deadline_ms == 0u) {
        return want;
    }
    left = (int32_t)(cs->deadline - now32(c));
    if (left <= 0) {
        return 0u;
    }
    return (uint32_t)left < want ? (uint32_t)left : want;
}

/* ---- tracing (tools) ----------------------------------------------------------- */

#if ASC_ENABLE_TOOLS
#define CLIENT_TRACE(c) ((c)->cfg.trace)
/* Show the first n bytes of the work buffer as kind (request, answer head). */
static void trace_wire(const asc_client *c, asc_trace_kind kind, size_t n)
{
    if (c->cfg.trace != NULL && c->cfg.trace->fn != NULL) {
        c->cfg.trace->fn(c->cfg.trace->ctx, kind, (const char *)c->work, n);
    }
}
#define TRACE_WIRE(c, kind, n) trace_wire((c), (kind), (n))
#else
#define CLIENT_TRACE(c) NULL
#define TRACE_WIRE(c, kind, n) ((void)0)
#endif

/* ---- one attempt ----------------------------------------------------------- */

static ASC_NOINLINE asc_status exchange(asc_client *c, call_state *cs, asc_http_parser *hp,
                           size_t *len)
{
    size_t off = 0u, n = *len;
    asc_status st = ASC_E_NEED_MORE;
    int32_t r;

    /* Send all n bytes, then receive into the same buffer until the parser
     * has a complete response. */
    while (st == ASC_E_NEED_MORE) {
        uint32_t to = remaining(c, cs, c->cfg.io_timeout_ms);
        if (to == 0u) {
            return ASC_E_DEADLINE;
        }
        if (off < n) {
            r = asc_conn_send(&c->conn, c->work + off, n - off, to);
            if (r <= 0) {
                return r == 0 ? ASC_E_TIMEOUT
                              : (r == ASC_PORT_ERR_CLOSED ? ASC_E_CLOSED : ASC_E_IO);
            }
            off += (size_t)r;
            if (off == n) {
                cs->delivered = true;
                *len = 0u;
            }
            continue;
        }
        r = asc_conn_recv(&c->conn, c->work + *len, c->work_len - *len, to);
        if (r == 0) {
            return remaining(c, cs, 1u) == 0u ? ASC_E_DEADLINE : ASC_E_TIMEOUT;
        }
        if (r == ASC_PORT_ERR_CLOSED) {
            hp->keep_alive = false;
            st = asc_http_parse(hp, c->work, *len, true);
            /* parse at eof never asks for more: it ends with a status */
        } else if (r < 0) {
            return ASC_E_IO;
        } else {
            *len += (size_t)r;
            st = asc_http_parse(hp, c->work, *len, false);
        }
    }
    /* An answer cut short by the peer's close is ASC_E_CLOSED from the
     * parser, nothing at all included (*len 0). */
    return st;
}

#if ASC_ENABLE_CLOCK_SYNC
static void learn_clock(asc_client *c, const asc_http_parser *hp, int64_t dev,
                        call_state *cs)
{
    asc_span d;
    int64_t server, skew;
    if (!asc_http_date(hp, c->work, &d) || asc_parse_http_date(d, &server) != ASC_OK) {
        return;
    }
    skew = server - dev;
    /* Only a real disagreement moves the offset: a correct device clock keeps
     * offset 0 and a second of jitter is ignored. */
    if (skew - c->clock_offset_s > (int64_t)c->cfg.clock_skew_tolerance_s ||
        c->clock_offset_s - skew > (int64_t)c->cfg.clock_skew_tolerance_s) {
        c->clock_offset_s = skew;
        cs->skew_learned = true;
    }
    c->clock_offset_known = true;
}
#endif

#if ASC_ENABLE_PROXY
/* Through the proxy: the tunnel (its exchange in the work buffer behind
 * the request_len bytes of the request), then TLS with the endpoint inside
 * it, all within timeout_ms. */
static asc_status open_tunnel(asc_client *c, size_t request_len, uint32_t timeout_ms,
                              asc_result *out)
{
    uint16_t proxy_status = 0u;
    uint32_t start = now32(c), spent;
    asc_status st = asc_proxy_tunnel(c->conn.port, &c->cfg.proxy, c->cfg.host, c->cfg.port,
                                     c->work + request_len, c->work_len - request_len,
                                     timeout_ms, &proxy_status);
    if (st == ASC_E_PROXY_AUTH || st == ASC_E_PROXY_REFUSED || st == ASC_E_PROXY_MALFORMED) {
        out->http_status = (int)proxy_status; /* the proxy's answer is the final one */
    }
    if (st == ASC_E_BUFFER_TOO_SMALL) {
        size_t connect_len = 0u; /* measured: no buffer, so "too small" */
        if (asc_proxy_connect_request(&c->cfg.proxy, c->cfg.host, c->cfg.port, NULL, 0u,
                                      &connect_len) == ASC_E_BUFFER_TOO_SMALL) {
            c->needed = request_len + connect_len;
        }
    }
    if (st != ASC_OK || c->conn.tls == NULL) {
        return st;
    }
    spent = now32(c) - start;
    if (spent >= timeout_ms) {
        c->conn.port->close(c->conn.port->ctx);
        return ASC_E_TIMEOUT;
    }
    return asc_tls_start(c->conn.tls, c->cfg.host, c->cfg.port, timeout_ms - spent);
}
#endif

/* A new connection to the endpoint: direct, or through the proxy. */
static asc_status open_connection(asc_client *c, size_t request_len, uint32_t timeout_ms,
                                  asc_result *out)
{
#if ASC_ENABLE_PROXY
    if (c->cfg.proxy.host != NULL) {
        return open_tunnel(c, request_len, timeout_ms, out);
    }
#endif
    (void)request_len;
    (void)out;
    return asc_conn_open(&c->conn, c->cfg.host, c->cfg.port, timeout_ms);
}

/* ---- what an answer means ----------------------------------------------- */

#if ASC_ENABLE_FRONT_END_FIELDS
/* Copy a header value as printable ASCII (any other byte becomes '?'),
 * cut to cap - 1 bytes (truncated set). */
static void copy_header_text(char *dst, size_t cap, asc_span v, bool *truncated)
{
    size_t i, n = v.len < cap ? v.len : cap - 1u;
    for (i = 0u; i < n; i++) {
        char ch = v.ptr[i];
        if (ch < ' ' || ch > '~') {
            ch = '?';
        }
        dst[i] = ch;
    }
    dst[n] = '\0';
    if (n < v.len) {
        *truncated = true;
    }
}
#endif

/* Retry-After delay-seconds: 1*DIGIT, clamped to UINT32_MAX ms (32-bit
 * arithmetic only: once past the clamp, the count stops growing). */
static bool retry_after_seconds(asc_span v, uint32_t *ms)
{
    const uint32_t max_s = UINT32_MAX / 1000u;
    uint32_t s = 0u;
    size_t i;
    if (v.len == 0u) {
        return false;
    }
    for (i = 0u; i < v.len; i++) {
        uint32_t d = (uint32_t)(uint8_t)v.ptr[i] - (uint32_t)'0';
        if (d > 9u) {
            return false;
        }
        if (s <= max_s) {
            s = s * 10u + d;
        }
    }
    *ms = s > max_s ? UINT32_MAX : s * 1000u;
    return true;
}

#if ASC_ENABLE_CLOCK_SYNC
/* Retry-After HTTP-date: the wait from the answer's Date (the device clock,
 * with the learned offset, without one) to that date; 0 when past. */
static bool retry_after_date(const asc_client *c, const asc_http_parser *hp,
                             asc_span v, int64_t dev, uint32_t *ms)
{
    asc_span d;
    int64_t when, served, now = dev + c->clock_offset_s;
    if (asc_parse_http_date(v, &when) != ASC_OK) {
        return false;
    }
    if (asc_http_date(hp, c->work, &d) && asc_parse_http_date(d, &served) == ASC_OK) {
        now = served;
    }
    if (when <= now) {
        *ms = 0u;
    } else {
        *ms = when - now > (int64_t)(UINT32_MAX / 1000u) ? UINT32_MAX
                                                         : (uint32_t)(when - now) * 1000u;
    }
    return true;
}
#endif

/* Server, Location (3xx only; ASC_ENABLE_FRONT_END_FIELDS) and Retry-After
 * of the final response. */
static void read_front_end_fields(const asc_client *c, const asc_http_parser *hp,
                                  int64_t dev, asc_result *out)
{
    asc_span v;
    bool got;
#if !ASC_ENABLE_CLOCK_SYNC
    (void)dev; /* HTTP-dates are read with clock sync only */
#endif
#if ASC_ENABLE_FRONT_END_FIELDS
    if (asc_http_header(hp, c->work, "Server", &v)) {
        copy_header_text(out->server, sizeof out->server, v, &out->truncated);
    }
    if (hp->status / 100u == 3u && asc_http_header(hp, c->work, "Location", &v)) {
        copy_header_text(out->location, sizeof out->location, v, &out->truncated);
    }
#endif
    if (asc_http_header(hp, c->work, "Retry-After", &v)) {
        got = retry_after_seconds(v, &out->retry_after_ms);
#if ASC_ENABLE_CLOCK_SYNC
        got = got || retry_after_date(c, hp, v, dev, &out->retry_after_ms);
#endif
        if (got) {
            out->present |= ASC_RESULT_HAS_RETRY_AFTER;
        }
    }
}

/* One complete HTTP answer, its body bound with status bind_st. A 2xx answer
 * is the service's (its body must be JSON). Any other status is a service
 * answer only when the body is a JSON object with a Code; otherwise a front
 * end (gateway, proxy) answered: ASC_E_FRONT_END, never a JSON error. */
static asc_status classify_answer(asc_result *out, asc_status bind_st)
{
    if ((unsigned)out->http_status - 200u < 100u) {
        if (bind_st != ASC_OK) {
            return bind_st;
        }
        /* Decide on Code, not the status alone: a 200 may carry Success:false. */
        return out->error == ASC_ERR_NONE ? ASC_OK : ASC_E_SERVICE;
    }
    if (bind_st == ASC_OK && (out->present & ASC_RESULT_HAS_CODE) != 0u) {
        return ASC_E_SERVICE;
    }
    if (bind_st == ASC_E_RESPONSE_TOO_LARGE) {
        return bind_st; /* the body could not be looked at */
    }
    out->error = ASC_ERR_NONE; /* no service error code */
    return ASC_E_FRONT_END;
}

/* A front-end answer worth repeating: 429 (rate limited) and every 5xx. */
static bool front_end_retryable(int http_status)
{
    return http_status == 429 || (unsigned)http_status - 500u < 100u;
}

/* A front-end 5xx may come after the request reached the service (a 502
 * when the upstream dropped the connection, a 504 when it was slow): the
 * attempt may have executed. 3xx and 4xx front-end answers were given
 * instead of passing the request on. */
static bool front_end_may_have_executed(int http_status)
{
    return (unsigned)http_status - 500u < 100u;
}

/* DeleteImage deleted the image only when Data is the JSON literal true. */
static asc_status delete_outcome(const asc_result *out)
{
    bool deleted = asc_text_is(out->data_json.ptr, out->data_json.len, "true");
    return deleted ? ASC_OK : ASC_E_NOT_DELETED;
}

/* How long to wait before the next attempt: the jittered backoff, or longer
 * when the answer asked (TimeLeft, Retry-After). false: the answer's
 * Retry-After asks for more than this call may wait (beyond what is left
 * of the deadline or, without a deadline, beyond backoff_max_ms). */
static bool retry_after_allows(const asc_client *c, const asc_result *out,
                               uint32_t *wait)
{
    if ((out->present & ASC_RESULT_HAS_RETRY_AFTER) == 0u) {
        return true;
    }
    if (c->cfg.deadline_ms == 0u && out->retry_after_ms > c->cfg.backoff_max_ms) {
        return false;
    }
    if (out->retry_after_ms > *wait) {
        *wait = out->retry_after_ms;
    }
    return true;
}

static asc_status attempt(asc_client *c, const asc_rpc_request *rq,
                          asc_result *out, call_state *cs, bool *stale)
{
    asc_sign_opts *so = &cs->so;
    uint8_t rnd[ASC_NONCE_LEN / 2u];
    asc_http_parser hp;
    size_t len = 0u;
    asc_span body;
    int64_t dev;
    bool time_known, reused = c->connected;
    asc_status st;
    uint32_t to;

    *stale = false;
    cs->wait_ms = 0u;
#if ASC_ENABLE_CLOCK_SYNC
    cs->skew_learned = false;
#endif
    cs->delivered = false;
    asc_result_clear(out);

    if (c->conn.port->random(c->conn.port->ctx, rnd, sizeof rnd) != ASC_OK) {
        return ASC_E_PORT;
    }
    asc_hex_lower(rnd, sizeof rnd, cs->nonce);
    /* Device seconds: the port's UTC clock, or (clock sync) monotonic
     * seconds without a real-time clock: the learned offset then carries
     * the epoch. */
    dev = c->conn.port->utc_now(c->conn.port->ctx);
    time_known = dev >= 0 || c->clock_offset_known;
    if (dev < 0) {
#if ASC_ENABLE_CLOCK_SYNC
        dev = (int64_t)(c->conn.port->mono_ms(c->conn.port->ctx) / 1000u);
#else
        return ASC_E_PORT;
#endif
    }
    so->timestamp = dev + c->clock_offset_s;
    st = asc_creds_before_attempt(c, so->timestamp, time_known, &cs->creds_asked);
    if (st != ASC_OK) {
        return st;
    }
    st = asc_build_request(&c->cfg.creds, so, rq, c->work, c->work_len, &len,
                           &c->needed, CLIENT_TRACE(c));
    if (st != ASC_OK) {
        if (st == ASC_E_INVALID_ARG) {
            /* init checked the configuration: the builder refused rq, or
             * (V3-only build) a V1 signature */
            c->invalid_arg = (uint8_t)(!ASC_ENABLE_V1 && c->cfg.sig == ASC_SIG_V1
                                       ? ASC_ARG_CONFIG : ASC_ARG_REQUEST);
        }
        return st;
    }
    TRACE_WIRE(c, ASC_TRACE_REQUEST, len);
    asc_http_parser_init(&hp, c->work_len);
    to = remaining(c, cs, c->cfg.connect_timeout_ms);
    if (to == 0u) {
        return ASC_E_DEADLINE;
    }
    if (!c->connected) {
        st = open_connection(c, len, to, out);
        c->connected = st == ASC_OK;
    }
    if (st == ASC_OK) {
        st = exchange(c, cs, &hp, &len);
    }
    if (st != ASC_OK || !hp.keep_alive || hp.end != len) {
        asc_client_close(c);
    }
    if (st != ASC_OK) {
        /* A kept-alive connection the server had already closed: nothing
         * came back at all. Worth one immediate retry on a new connection. */
        *stale = reused && cs->delivered && len == 0u &&
                 (st == ASC_E_CLOSED || st == ASC_E_IO);
        return st;
    }
    TRACE_WIRE(c, ASC_TRACE_RESPONSE_HEAD, hp.body_off);
#if ASC_ENABLE_CLOCK_SYNC
    learn_clock(c, &hp, dev, cs);
#endif
    /* A throttling answer's TimeLeft, capped (asc_client.h). */
    cs->wait_ms = hp.ratelimit_wait_ms < c->cfg.backoff_max_ms ? hp.ratelimit_wait_ms
                                                               : c->cfg.backoff_max_ms;

    /* JSON tokens go behind the raw response (the binder aligns them). */
    body.ptr = (const char *)c->work + hp.body_off;
    body.len = hp.body_len;
    st = asc_result_bind(out, body, (int)hp.status, ASC_BIND_DATA_ANY,
                         c->work + hp.end, c->work_len - hp.end);
    /* after the bind: it clears the result */
    read_front_end_fields(c, &hp, dev, out);
    return classify_answer(out, st);
}

/* ---- retries ----------------------------------------------------------------- */

/* Full jitter: uniform in [0, min(max, base * 2^(n-1))]. */
static uint32_t backoff_ms(const asc_client *c, uint8_t n)
{
    uint32_t cap = c->cfg.backoff_base_ms, max = c->cfg.backoff_max_ms, r;
    unsigned sh = n > 32u ? 31u : n - 1u;
    /* base * 2^sh > max exactly when max / 2^sh < base (no overflow) */
    cap = (max >> sh) < cap ? max : cap << sh;
    if (cap == 0u || c->conn.port->random(c->conn.port->ctx, (uint8_t *)&r, sizeof r) != ASC_OK) {
        return cap / 2u;
    }
    return cap == UINT32_MAX ? r : r % (cap + 1u);
}

/* A failure on the way to the service, worth repeating: DNS through TLS,
 * or a proxy that could not reach the endpoint (5xx; nothing was sent). */
static bool transport_failure(asc_status st, const asc_result *out)
{
#if ASC_ENABLE_PROXY
    if (st == ASC_E_PROXY_REFUSED) {
        return out->http_status >= 500;
    }
#else
    (void)out;
#endif
    return st >= ASC_E_DNS && st <= ASC_E_TLS;
}

static asc_status call(asc_client *c, const asc_rpc_request *rq,
                       asc_result *out, bool is_delete)
{
    call_state cs;
    asc_status st;
    bool stale, stale_used = false;
    bool may_have_executed = false; /* asc_client.h: outcome rules */
    bool free_retry = false; /* this attempt does not count against max_attempts */
    uint8_t counted = 0u;    /* attempts that count against max_attempts */
#if ASC_ENABLE_CLOCK_SYNC
    bool skew_used = false;
#endif

    if (c == NULL) {
        return ASC_E_INVALID_ARG;
    }
    c->invalid_arg = (uint8_t)ASC_ARG_NONE;
    if (c->work == NULL) {
        c->invalid_arg = (uint8_t)ASC_ARG_CLIENT;
        return ASC_E_INVALID_ARG;
    }
    if (rq == NULL || out == NULL) {
        c->invalid_arg = (uint8_t)ASC_ARG_REQUEST;
        return ASC_E_INVALID_ARG;
    }
    /* Wrap-safe differences hold up to 2^31 - 1 ms (24.8 days). */
    cs.deadline = now32(c) + (c->cfg.deadline_ms > (uint32_t)INT32_MAX
                                  ? (uint32_t)INT32_MAX : c->cfg.deadline_ms);
    memset(&cs.so, 0, sizeof cs.so);
    cs.so.sig = c->cfg.sig;
    cs.so.host = asc_span_from_str(c->host_hdr);
    cs.so.user_agent = asc_span_from_str(c->cfg.user_agent);
    cs.so.nonce.ptr = cs.nonce;
    cs.so.nonce.len = ASC_NONCE_LEN;
    cs.so.credentials_provider_header = c->cfg.credentials_provider_header;
    cs.creds_asked = false;
    cs.creds_renewed = false;
    c->attempts = 0u;
    c->needed = 0u;
    for (;;) {
        uint32_t wait;
        c->attempts++;
        if (!free_retry) {
            counted++;
        }
        free_retry = false;
        st = attempt(c, rq, out, &cs, &stale);
        if (st == ASC_OK) {
            /* Data:false is the service's answer: not retried. */
            return is_delete ? delete_outcome(out) : ASC_OK;
        }
        if (st == ASC_E_FRONT_END) {
            may_have_executed = may_have_executed ||
                                front_end_may_have_executed(out->http_status);
            if (!front_end_retryable(out->http_status)) {
                return st; /* 3xx (never followed), other 4xx */
            }
        } else if (st == ASC_E_SERVICE) {
            if (is_delete && may_have_executed && out->error == ASC_ERR_IMAGE_NOT_EXIST) {
                /* An earlier attempt deleted it; its answer was lost. */
                out->already_deleted = true;
                return ASC_OK;
            }
#if ASC_ENABLE_CLOCK_SYNC
            if (out->error == ASC_ERR_TIMESTAMP_EXPIRED && cs.skew_learned &&
                !skew_used) {
                skew_used = true; /* re-sign with the corrected clock, once */
                free_retry = true;
                continue;
            }
#endif
            if (!cs.creds_renewed && asc_creds_rejected(c, out)) {
                cs.creds_renewed = true; /* fresh credentials, re-signed, once */
                st = asc_creds_fetch(c);
                if (st != ASC_OK) {
                    return st;
                }
                free_retry = true;
                continue;
            }
            if (!asc_error_is_retryable(out->error, out->http_status)) {
                return st;
            }
        } else if (!transport_failure(st, out)) {
            return st; /* not a transport failure worth repeating */
        } else {
            may_have_executed = may_have_executed || cs.delivered;
            if (stale && !stale_used) {
                stale_used = true; /* stale keep-alive: retry at once */
                free_retry = true;
                continue;
            }
        }
        if (counted >= c->cfg.max_attempts) {
            return st;
        }
        wait = backoff_ms(c, counted);
        if (cs.wait_ms > wait) {
            wait = cs.wait_ms;
        }
        if (!retry_after_allows(c, out, &wait)) {
            return st;
        }
        if (remaining(c, &cs, wait + 1u) <= wait) {
            return st; /* no time left for another attempt */
        }
        c->conn.port->sleep_ms(c->conn.port->ctx, wait);
    }
}

asc_status asc_call(asc_client *c, const asc_rpc_request *rq, asc_result *out)
{
    return call(c, rq, out, false);
}

asc_status asc_delete_image(asc_client *c, asc_span image_id, asc_result *out)
{
    asc_param p = { ASC_SPAN_LIT("ImageId"), { NULL, 0u } };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT(ASC_API_VERSION),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, NULL, 1u };
    if (image_id.len == 0u || image_id.ptr == NULL) {
        if (c != NULL) {
            c->invalid_arg = (uint8_t)ASC_ARG_IMAGE_ID;
        }
        return ASC_E_INVALID_ARG;
    }
    p.value = image_id;
    rq.params = &p;
    return call(c, &rq, out, true);
}
