/*
 * The call path: sign -> connect (TLS or, when asked, plain) -> send ->
 * parse the response in place -> bind JSON -> classify, retry with jittered
 * backoff, correct the clock from Date. One work buffer holds the request,
 * then the response, then the JSON token scratch behind the body.
 */
#include <string.h>
#include "asc_client.h"
#include "asc_http.h"
#include "asc_tls.h"
#include "util.h"

#define MIN_WORK 512u

void asc_client_config_defaults(asc_client_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    memset(cfg, 0, sizeof *cfg);
    cfg->host = ASC_DEFAULT_HOST;
    cfg->sig = ASC_SIG_V3;
    cfg->credentials_provider_header = true;
    cfg->connect_timeout_ms = 5000u;
    cfg->io_timeout_ms = 10000u;
    cfg->deadline_ms = 30000u;
    cfg->max_attempts = 3u;
    cfg->backoff_base_ms = 200u;
    cfg->backoff_max_ms = 5000u;
    cfg->clock_skew_tolerance_s = 300u;
}

static bool port_complete(const asc_port *p)
{
    return p->connect != NULL && p->send != NULL && p->recv != NULL &&
           p->close != NULL && p->utc_now != NULL && p->mono_ms != NULL &&
           p->random != NULL && p->sleep_ms != NULL;
}

asc_status asc_client_init(asc_client *c, const asc_client_config *cfg,
                           const asc_port *port, struct asc_tls *tls,
                           uint8_t *work, size_t work_len)
{
    asc_out o;
    asc_span host;
    uint16_t dflt;

    if (c == NULL || cfg == NULL || port == NULL || work == NULL) {
        return ASC_E_INVALID_ARG;
    }
    memset(c, 0, sizeof *c);
    if (!port_complete(port) || work_len < MIN_WORK || cfg->max_attempts == 0u ||
        (tls == NULL && !cfg->insecure_plaintext_http) ||
        cfg->creds.access_key_id.len == 0u || cfg->creds.access_key_id.ptr == NULL ||
        cfg->creds.access_key_secret.len == 0u ||
        cfg->creds.access_key_secret.ptr == NULL ||
        (cfg->creds.security_token.len > 0u && cfg->creds.security_token.ptr == NULL) ||
        (cfg->sig != ASC_SIG_V3 && cfg->sig != ASC_SIG_V1)) {
        return ASC_E_INVALID_ARG;
    }
    host = asc_span_from_str(cfg->host != NULL ? cfg->host : ASC_DEFAULT_HOST);
    if (host.len == 0u || host.len > ASC_MAX_HOST_LEN) {
        return ASC_E_INVALID_ARG;
    }
    if (!asc_header_safe(host) || !asc_header_safe(cfg->creds.access_key_id) ||
        !asc_header_safe(cfg->creds.security_token) ||
        !asc_header_safe(asc_span_from_str(cfg->user_agent))) {
        return ASC_E_INVALID_HEADER_VALUE;
    }
    c->cfg = *cfg;
    c->cfg.host = host.ptr;
    if (c->cfg.user_agent == NULL) {
        c->cfg.user_agent = "asc/0.1.0";
    }
    dflt = tls != NULL ? 443u : 80u;
    if (c->cfg.port == 0u) {
        c->cfg.port = dflt;
    }
    /* Host header: the port appears only when it is not the default. */
    asc_out_init(&o, (uint8_t *)c->host_hdr, sizeof c->host_hdr - 1u);
    asc_out_span(&o, host);
    if (c->cfg.port != dflt) {
        asc_out_str(&o, ":");
        asc_out_u64(&o, c->cfg.port);
    }
    c->host_hdr[o.len] = '\0';
    c->port = port;
    c->tls = tls;
    c->work = work;
    c->work_len = work_len;
    return ASC_OK;
}

/* ---- connection: TLS over the port, or the port itself ------------------ */

static asc_conn conn_of(const asc_client *c)
{
    asc_conn k;
    k.port = c->port;
    k.tls = c->tls;
    return k;
}

static asc_status conn_open(asc_client *c, uint32_t timeout_ms)
{
    asc_conn k = conn_of(c);
    asc_status st;
    if (c->connected) {
        return ASC_OK;
    }
    st = asc_conn_open(&k, c->cfg.host, c->cfg.port, timeout_ms);
    c->connected = st == ASC_OK;
    return st;
}

static int32_t conn_send(asc_client *c, const uint8_t *p, size_t n, uint32_t to)
{
    asc_conn k = conn_of(c);
    return asc_conn_send(&k, p, n, to);
}

static int32_t conn_recv(asc_client *c, uint8_t *p, size_t n, uint32_t to)
{
    asc_conn k = conn_of(c);
    return asc_conn_recv(&k, p, n, to);
}

void asc_client_close(asc_client *c)
{
    if (c == NULL || !c->connected) {
        return;
    }
    {
        asc_conn k = conn_of(c);
        asc_conn_close(&k);
    }
    c->connected = false;
}

/* ---- time ---------------------------------------------------------------- */

/* Device seconds: the port's UTC clock, or monotonic seconds when the device
 * has no real-time clock (the learned offset then carries the epoch). */
static int64_t device_now(const asc_client *c)
{
    int64_t t = c->port->utc_now(c->port->ctx);
    if (t < 0) {
        t = (int64_t)(c->port->mono_ms(c->port->ctx) / 1000u);
    }
    return t;
}

typedef struct call_state {
    uint64_t deadline; /* mono ms; 0 = none */
    bool skew_learned; /* this attempt's Date moved the offset */
    bool delivered;    /* this attempt's request was sent completely */
    uint32_t wait_ms;  /* throttling TimeLeft */
} call_state;

static uint32_t remaining(const asc_client *c, const call_state *cs,
                          uint32_t want)
{
    uint64_t now;
    if (cs->deadline == 0u) {
        return want;
    }
    now = c->port->mono_ms(c->port->ctx);
    if (now >= cs->deadline) {
        return 0u;
    }
    return (cs->deadline - now) < want ? (uint32_t)(cs->deadline - now) : want;
}

static void learn_clock(asc_client *c, const asc_http_parser *hp, int64_t dev)
{
    asc_span d;
    int64_t server, skew, diff;
    if (!asc_http_date(hp, c->work, &d) || asc_parse_http_date(d, &server) != ASC_OK) {
        return;
    }
    skew = server - dev;
    diff = skew > c->clock_offset_s ? skew - c->clock_offset_s : c->clock_offset_s - skew;
    /* Only a real disagreement moves the offset: a correct device clock keeps
     * offset 0 and a second of jitter is ignored. */
    if (diff > (int64_t)c->cfg.clock_skew_tolerance_s) {
        c->clock_offset_s = skew;
    }
    c->clock_offset_known = true;
}

/* ---- one attempt ----------------------------------------------------------- */

static asc_status send_all(asc_client *c, call_state *cs, size_t len)
{
    size_t off = 0u;
    while (off < len) {
        uint32_t to = remaining(c, cs, c->cfg.io_timeout_ms);
        int32_t n;
        if (to == 0u) {
            return ASC_E_DEADLINE;
        }
        n = conn_send(c, c->work + off, len - off, to);
        if (n > 0) {
            off += (size_t)n;
        } else if (n == 0) {
            return ASC_E_TIMEOUT;
        } else {
            return n == ASC_PORT_ERR_CLOSED ? ASC_E_CLOSED : ASC_E_IO;
        }
    }
    return ASC_OK;
}

static asc_status recv_response(asc_client *c, call_state *cs,
                                asc_http_parser *hp, size_t *out_len)
{
    size_t len = 0u;
    asc_http_parser_init(hp, c->work_len);
    for (;;) {
        uint32_t to = remaining(c, cs, c->cfg.io_timeout_ms);
        int32_t n;
        asc_status st;
        if (to == 0u) {
            return ASC_E_DEADLINE;
        }
        if (len >= c->work_len) {
            return ASC_E_RESPONSE_TOO_LARGE;
        }
        n = conn_recv(c, c->work + len, c->work_len - len, to);
        if (n > 0) {
            len += (size_t)n;
            st = asc_http_parse(hp, c->work, len, false);
        } else if (n == 0) {
            return remaining(c, cs, 1u) == 0u ? ASC_E_DEADLINE : ASC_E_TIMEOUT;
        } else if (n == ASC_PORT_ERR_CLOSED) {
            st = asc_http_parse(hp, c->work, len, true);
            if (st == ASC_E_NEED_MORE) {
                st = ASC_E_CLOSED;
            }
            hp->keep_alive = false;
            if (st != ASC_OK && len == 0u) {
                *out_len = 0u;
                return ASC_E_CLOSED;
            }
        } else {
            *out_len = len;
            return ASC_E_IO;
        }
        if (st != ASC_E_NEED_MORE) {
            *out_len = len;
            return st;
        }
    }
}

static asc_status attempt(asc_client *c, const asc_rpc_request *rq,
                          asc_result *out, call_state *cs, bool *stale)
{
    asc_sign_opts so;
    uint8_t rnd[ASC_NONCE_LEN / 2u];
    char nonce[ASC_NONCE_LEN];
    asc_http_parser hp;
    size_t len = 0u, needed = 0u, end;
    int64_t dev = device_now(c);
    bool reused;
    asc_status st;
    uint32_t to;

    *stale = false;
    cs->delivered = false;
    cs->skew_learned = false;
    cs->wait_ms = 0u;
    asc_result_clear(out);

    if (c->port->random(c->port->ctx, rnd, sizeof rnd) != ASC_OK) {
        return ASC_E_PORT;
    }
    asc_hex_lower(rnd, sizeof rnd, nonce);
    memset(&so, 0, sizeof so);
    so.sig = c->cfg.sig;
    so.host = asc_span_from_str(c->host_hdr);
    so.user_agent = asc_span_from_str(c->cfg.user_agent);
    so.timestamp = dev + c->clock_offset_s;
    so.nonce.ptr = nonce;
    so.nonce.len = sizeof nonce;
    so.credentials_provider_header = c->cfg.credentials_provider_header;
    st = asc_build_request(&c->cfg.creds, &so, rq, c->work, c->work_len, &len,
                           &needed, NULL);
    if (st != ASC_OK) {
        c->needed = needed;
        return st;
    }

    reused = c->connected;
    to = remaining(c, cs, c->cfg.connect_timeout_ms);
    if (to == 0u) {
        return ASC_E_DEADLINE;
    }
    st = conn_open(c, to);
    if (st != ASC_OK) {
        asc_client_close(c);
        return st;
    }
    st = send_all(c, cs, len);
    if (st == ASC_OK) {
        cs->delivered = true;
        st = recv_response(c, cs, &hp, &len);
    }
    if (st != ASC_OK) {
        /* A kept-alive connection the server had already closed: nothing
         * came back at all. Worth one immediate retry on a new connection. */
        *stale = reused && len == 0u &&
                 (st == ASC_E_CLOSED || st == ASC_E_IO);
        asc_client_close(c);
        return st;
    }
    if (!hp.keep_alive || hp.end != len) {
        asc_client_close(c);
    }

    {
        int64_t before = c->clock_offset_s;
        learn_clock(c, &hp, dev);
        cs->skew_learned = before != c->clock_offset_s;
    }
    (void)asc_http_ratelimit_wait_ms(&hp, c->work, &cs->wait_ms);

    /* JSON tokens go behind the raw response, aligned for jsmn's ints. */
    end = (hp.end + 7u) & ~(size_t)7u;
    if (end > c->work_len) {
        end = c->work_len;
    }
    st = asc_result_bind(out, asc_http_body(&hp, c->work), (int)hp.status,
                         ASC_BIND_DATA_ANY, c->work + end, c->work_len - end);
    if (st != ASC_OK) {
        /* A 5xx from a proxy may carry HTML: still a retryable server error. */
        out->http_status = (int)hp.status;
        return hp.status >= 500u ? ASC_E_SERVICE : st;
    }
    /* Decide on Code, not the status alone: a 200 may carry Success:false. */
    if (hp.status >= 200u && hp.status < 300u && out->error == ASC_ERR_NONE) {
        return ASC_OK;
    }
    return ASC_E_SERVICE;
}

/* ---- retries ----------------------------------------------------------------- */

static bool transport_retryable(asc_status st)
{
    return st == ASC_E_DNS || st == ASC_E_CONNECT || st == ASC_E_IO ||
           st == ASC_E_TIMEOUT || st == ASC_E_CLOSED || st == ASC_E_TLS;
}

static uint32_t backoff_ms(asc_client *c, uint8_t attempt_no)
{
    uint32_t cap = c->cfg.backoff_base_ms, r = 0u;
    uint8_t i;
    uint8_t b[4];
    for (i = 1u; i < attempt_no && cap < c->cfg.backoff_max_ms; i++) {
        cap = cap > UINT32_MAX / 2u ? UINT32_MAX : cap * 2u;
    }
    if (cap > c->cfg.backoff_max_ms) {
        cap = c->cfg.backoff_max_ms;
    }
    if (cap == 0u || c->port->random(c->port->ctx, b, sizeof b) != ASC_OK) {
        return cap / 2u;
    }
    r = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
        ((uint32_t)b[2] << 8) | (uint32_t)b[3];
    /* Full jitter: uniform in [0, cap]. */
    return cap == UINT32_MAX ? r : r % (cap + 1u);
}

static asc_status call(asc_client *c, const asc_rpc_request *rq,
                       asc_result *out, bool is_delete)
{
    call_state cs;
    asc_status st;
    bool stale = false, stale_used = false, skew_used = false;
    bool lost_answer = false;

    if (c == NULL || rq == NULL || out == NULL || c->work == NULL) {
        return ASC_E_INVALID_ARG;
    }
    memset(&cs, 0, sizeof cs);
    if (c->cfg.deadline_ms != 0u) {
        cs.deadline = c->port->mono_ms(c->port->ctx) + c->cfg.deadline_ms;
    }
    c->attempts = 0u;
    c->needed = 0u;
    for (;;) {
        uint32_t wait;
        c->attempts++;
        st = attempt(c, rq, out, &cs, &stale);
        if (st == ASC_OK) {
            return ASC_OK;
        }
        if (st == ASC_E_SERVICE) {
            if (is_delete && lost_answer && out->error == ASC_ERR_IMAGE_NOT_EXIST) {
                /* An earlier attempt deleted it; its answer was lost. */
                out->already_deleted = true;
                return ASC_OK;
            }
            if (out->error == ASC_ERR_TIMESTAMP_EXPIRED && cs.skew_learned &&
                !skew_used) {
                skew_used = true; /* re-sign with the corrected clock, once */
                c->attempts--;
                continue;
            }
            if (!asc_error_is_retryable(out->error, out->http_status)) {
                return st;
            }
        } else if (!transport_retryable(st)) {
            return st;
        } else {
            lost_answer = lost_answer || cs.delivered;
            if (stale && !stale_used) {
                stale_used = true; /* stale keep-alive: retry at once */
                c->attempts--;
                continue;
            }
        }
        if (c->attempts >= c->cfg.max_attempts) {
            return st;
        }
        wait = backoff_ms(c, c->attempts);
        if (cs.wait_ms > wait) {
            wait = cs.wait_ms;
        }
        if (cs.deadline != 0u && remaining(c, &cs, wait + 1u) <= wait) {
            return st; /* no time left for another attempt */
        }
        if (wait > 0u) {
            c->port->sleep_ms(c->port->ctx, wait);
        }
    }
}

asc_status asc_call(asc_client *c, const asc_rpc_request *rq, asc_result *out)
{
    return call(c, rq, out, false);
}

asc_status asc_delete_image(asc_client *c, asc_span image_id, asc_result *out)
{
    asc_param p;
    asc_rpc_request rq;
    if (image_id.len == 0u || image_id.ptr == NULL) {
        return ASC_E_INVALID_ARG;
    }
    p.name = asc_span_from_str("ImageId");
    p.value = image_id;
    rq.action = asc_span_from_str("DeleteImage");
    rq.version = asc_span_from_str(ASC_API_VERSION);
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = &p;
    rq.n_params = 1u;
    return call(c, &rq, out, true);
}
