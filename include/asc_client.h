/*
 * asc_client.h - the client: one caller-placed struct, one caller-owned work
 * buffer, blocking calls that return one asc_status.
 *
 *     static uint8_t work[4096];
 *     static asc_client client;
 *     static asc_tls tls;              // from asc_tls.h
 *     asc_client_config cfg;
 *     asc_result res;
 *
 *     asc_client_config_defaults(&cfg);
 *     cfg.creds.access_key_id = asc_span_from_str(id);
 *     cfg.creds.access_key_secret = asc_span_from_str(secret);
 *     if (asc_client_init(&client, &cfg, &port, &tls, work, sizeof work) == ASC_OK &&
 *         asc_delete_image(&client, asc_span_from_str("img-123"), &res) == ASC_OK) {
 *         // deleted (res.already_deleted tells a retried call found it gone)
 *     }
 *     asc_client_close(&client);
 *
 * Memory: the library keeps pointers to cfg strings, the port, the TLS
 * context and the work buffer; they must outlive the client. Nothing is
 * allocated. The work buffer holds the request, then the response: size it
 * for the largest response you expect (4 KiB is plenty for DeleteImage).
 *
 * Threading: one client per thread; distinct clients are independent.
 */
#ifndef ASC_CLIENT_H
#define ASC_CLIENT_H

#include <stdbool.h>
#include "asc_config.h"
#include "asc_credentials.h"
#include "asc_port.h"
#include "asc_proxy.h"
#include "asc_request.h"
#include "asc_result.h"
#include "asc_status.h"
#include "asc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ASC_DEFAULT_HOST "appstream-center.cn-shanghai.aliyuncs.com"
#define ASC_API_VERSION "2021-09-01"

typedef struct asc_client_config {
    /** Endpoint host name (NUL-terminated). Default ASC_DEFAULT_HOST. */
    const char *host;
    /** Endpoint port; 0 means 443 (TLS) or 80 (plain). */
    uint16_t port;
    /** Fixed credentials (spans into caller memory, kept for the client's
     *  life). Ignored when credentials_provider is set. */
    asc_credentials creds;
    /** ASC_SIG_V3 (default) or ASC_SIG_V1. */
    asc_sig_version sig;
    /** user-agent header (NUL-terminated); NULL: "asc/<version>". */
    const char *user_agent;
    /** Also sign x-acs-credentials-provider as the Node SDK does (default on). */
    bool credentials_provider_header;
    /** Timeouts (ms). Defaults: connect 5000, each send/receive 10000. */
    uint32_t connect_timeout_ms;
    uint32_t io_timeout_ms;
    /** Overall budget of one call including retries and backoff (ms):
     *  every wait of the call (connect and TLS handshake, each send and
     *  receive, each sleep between attempts) is cut to what is left of it.
     *  Default 30000; 0 means no deadline (each wait is then bounded by its
     *  own timeout or backoff_max_ms only); values above 2^31 - 1 (24.8
     *  days) count as 2^31 - 1. */
    uint32_t deadline_ms;
    /** Attempts per call (1 = no retry). Default 3, as the official SDKs
     *  when retries are enabled. */
    uint8_t max_attempts;
    /** Exponential backoff with full jitter: sleep uniform in
     *  [0, min(backoff_max_ms, backoff_base_ms * 2^(attempt-1))]. Defaults
     *  200 / 5000. A throttling answer's TimeLeft (x-ratelimit-* headers)
     *  is honoured when larger, but never beyond backoff_max_ms: a server
     *  asking for more is retried after backoff_max_ms (and the deadline
     *  still applies). No sleep is longer than backoff_max_ms, except
     *  one a Retry-After header asks for within the deadline (outcome
     *  rules, after asc_call). */
    uint32_t backoff_base_ms;
    uint32_t backoff_max_ms;
    /** Learn the clock offset from the response Date header when the device
     *  clock is off by more than this many seconds (default 300), and retry
     *  once with a fresh signature on InvalidTimeStamp.Expired. */
    uint32_t clock_skew_tolerance_s;
    /** DANGER: send requests over plain TCP without TLS. Only for a local
     *  emulator; asc_client_init refuses a NULL TLS context otherwise. */
    bool insecure_plaintext_http;
#if ASC_ENABLE_PROXY
    /** Proxy (asc_config.h, on in the full profile): HTTP proxy for every
     *  connection (CONNECT tunnel, asc_proxy.h); proxy.host NULL (the
     *  default): direct connections. Without ASC_ENABLE_PROXY the member
     *  does not exist, so a program that sets a proxy does not compile
     *  against a library that would ignore it. */
    asc_proxy_config proxy;
#endif
#if ASC_ENABLE_TOOLS
    /** Tools (asc_config.h): observer of every attempt, called during the
     *  call: the signing steps of the request (ASC_TRACE_CANONICAL,
     *  ASC_TRACE_STRING_TO_SIGN, ASC_TRACE_BODY_HASH, ASC_TRACE_SIGNATURE,
     *  exactly as asc_build_request reports them), then that request as
     *  sent (ASC_TRACE_REQUEST) and, when one came, the answer's header
     *  block (ASC_TRACE_RESPONSE_HEAD). The pieces point into the work
     *  buffer and are valid only during the callback. NULL (default): no
     *  trace. Referenced, not copied. */
    const asc_trace *trace;
#endif
#if ASC_ENABLE_CREDENTIALS_PROVIDER
    /** Credentials that change over the client's life (asc_credentials.h:
     *  when the client asks, what it accepts, wiping). NULL (default): sign
     *  with the fixed creds. Referenced, not copied. */
    const asc_credentials_provider *credentials_provider;
    /** With a provider: ask it before an attempt when the held credentials
     *  expire (asc_credentials_store.expires_utc) within this many seconds
     *  of the signing time. Default 180, the margin the official
     *  @alicloud/credentials package keeps for externally supplied STS
     *  credentials; keep it above the longest call (deadline_ms). */
    uint32_t credentials_refresh_margin_s;
#endif
} asc_client_config;

/**
 * Which argument an ASC_E_INVALID_ARG is about (asc_client.invalid_arg,
 * set by asc_client_init, asc_call and asc_delete_image). Values are
 * stable; new ones are appended.
 */
typedef enum asc_arg {
    /** The last call did not return ASC_E_INVALID_ARG. */
    ASC_ARG_NONE = 0,
    /** cfg NULL, cfg->max_attempts 0, or cfg->sig neither ASC_SIG_V3 nor
     *  ASC_SIG_V1 (ASC_SIG_V1 too when built with ASC_ENABLE_V1 0). */
    ASC_ARG_CONFIG = 1,
    /** port NULL, or one of its functions NULL. */
    ASC_ARG_PORT = 2,
    /** work NULL or work_len under 512 bytes. */
    ASC_ARG_WORK = 3,
    /** tls NULL without cfg->insecure_plaintext_http. */
    ASC_ARG_TLS = 4,
    /** cfg->host empty or longer than ASC_MAX_HOST_LEN. */
    ASC_ARG_HOST = 5,
    /** cfg->creds.access_key_id missing (empty or NULL). */
    ASC_ARG_ACCESS_KEY_ID = 6,
    /** cfg->creds.access_key_secret missing (empty or NULL). */
    ASC_ARG_ACCESS_KEY_SECRET = 7,
    /** cfg->creds.security_token has a length but a NULL pointer. */
    ASC_ARG_SECURITY_TOKEN = 8,
    /** asc_call, asc_delete_image: rq or out NULL, or the request builder
     *  refused the request (empty action or version, a parameter with an
     *  empty name, too many parameters, a GET or query request it does not
     *  build: see asc_build_request). */
    ASC_ARG_REQUEST = 9,
    /** asc_delete_image: image_id empty or NULL. */
    ASC_ARG_IMAGE_ID = 10,
    /** A call on a client that asc_client_init did not accept. */
    ASC_ARG_CLIENT = 11,
    /** cfg->proxy breaks the rules of asc_proxy_config (asc_proxy.h;
     *  ASC_ENABLE_PROXY builds only). */
    ASC_ARG_PROXY = 12,
    /** cfg->credentials_provider without a fetch function or a store. */
    ASC_ARG_CREDENTIALS_PROVIDER = 13
} asc_arg;

typedef struct asc_client {
    bool connected;           /* (first: short Thumb-2 encodings reach it) */
    /** After ASC_E_INVALID_ARG: which argument (an asc_arg value);
     *  ASC_ARG_NONE after any other outcome. Not set when the client
     *  pointer itself is NULL. */
    uint8_t invalid_arg;
    /** Requests the last call built and tried to send, every one counted:
     *  the retries, the immediate retry after a stale keep-alive connection,
     *  the re-signed retry after a clock correction and the one with fresh
     *  credentials after a token answer (those three do not count against
     *  cfg.max_attempts, so attempts can exceed it by 3). An
     *  attempt whose connect failed counts too. */
    uint16_t attempts;
    asc_client_config cfg;
    asc_conn conn;            /* the port, and the TLS context (NULL only
                                 with insecure_plaintext_http) */
    uint8_t *work;
    size_t work_len;
    int64_t clock_offset_s;   /* learned: service time - device time */
    bool clock_offset_known;
    size_t needed;            /* after ASC_E_BUFFER_TOO_SMALL: bytes needed */
    char host_hdr[ASC_MAX_HOST_LEN + sizeof ":65535"]; /* "host" or "host:port", NUL */
} asc_client;

/** Fill cfg with the documented defaults (everything else zero). */
void asc_client_config_defaults(asc_client_config *cfg);

#if ASC_ENABLE_STATUS_TEXT
/** (Built with ASC_ENABLE_STATUS_TEXT only.) The name of an asc_arg as
 *  text ("access_key_id", "image_id", ...); "unknown argument" for other
 *  values. Never NULL. Without status text, read the number against the
 *  enum above. */
const char *asc_arg_str(asc_arg arg);
#endif

/**
 * Prepare a client. Copies cfg (its strings are referenced, not copied).
 * Returns ASC_OK; ASC_E_INVALID_ARG for NULL arguments, a missing port
 * function, empty credentials (without a provider), a provider without a
 * fetch function or store, a work buffer under 512 bytes, max_attempts 0,
 * tls == NULL without cfg->insecure_plaintext_http, or a proxy that
 * breaks the rules of asc_proxy_config; c->invalid_arg then names the
 * argument (asc_arg; nothing is recorded when c is NULL). Nothing is sent.
 * Control bytes in host, credentials or user agent (and, with
 * ASC_ENABLE_TRIM 0, a space at either end of one) are refused by every
 * call (ASC_E_INVALID_HEADER_VALUE) before anything is sent.
 */
ASC_NODISCARD asc_status asc_client_init(asc_client *c,
                                         const asc_client_config *cfg,
                                         const asc_port *port,
                                         struct asc_tls *tls, uint8_t *work,
                                         size_t work_len);

/**
 * Any RPC action (POST, parameters in the form body unless rq says
 * otherwise). Blocks until a final answer, retries as configured.
 *
 * Returns:
 *  ASC_OK              HTTP 2xx and a JSON body; out holds its fields
 *  ASC_E_SERVICE       the service answered an error: out->error, out->code,
 *                      out->message, out->request_id, out->recommend
 *  ASC_E_INVALID_ARG, ASC_E_INVALID_HEADER_VALUE, ASC_E_DUPLICATE_PARAM
 *                      bad input, nothing sent (for ASC_E_INVALID_ARG,
 *                      c->invalid_arg says which argument)
 *  ASC_E_BUFFER_TOO_SMALL  the request (with a proxy: the request and the
 *                      CONNECT request behind it) does not fit: c->needed
 *                      tells
 *  ASC_E_PORT          no randomness from the port
 *  ASC_E_DNS, ASC_E_CONNECT, ASC_E_IO, ASC_E_TIMEOUT, ASC_E_CLOSED
 *                      transport failure on the last attempt
 *  ASC_E_TLS, ASC_E_TLS_CERT   TLS failure (a certificate failure is never
 *                      retried); why: asc_tls_last_reason() of the asc_tls
 *                      given to asc_client_init (expired, name mismatch,
 *                      untrusted, chain larger than the input buffer, ...)
 *  ASC_E_FRONT_END     a non-2xx answer without a service answer (see
 *                      "Outcome rules" below): out->http_status,
 *                      out->server, out->location (3xx; both with
 *                      ASC_ENABLE_FRONT_END_FIELDS), out->retry_after_ms
 *                      (ASC_RESULT_HAS_RETRY_AFTER), out->body as received;
 *                      out->error ASC_ERR_NONE, out->code ""
 *  ASC_E_HTTP_MALFORMED, ASC_E_HTTP_HEADERS_TOO_LARGE, ASC_E_JSON
 *                      the answer was not understood (ASC_E_JSON: a 2xx
 *                      answer whose body is not the expected JSON)
 *  ASC_E_RESPONSE_TOO_LARGE  the answer does not fit the work buffer
 *  ASC_E_DEADLINE      cfg.deadline_ms ran out before an answer
 *  ASC_E_CRYPTO        hash backend failure
 *  ASC_E_PROXY_AUTH, ASC_E_PROXY_REFUSED, ASC_E_PROXY_MALFORMED
 *                      the HTTP proxy (cfg.proxy) did not open the tunnel:
 *                      out->http_status is its status (asc_proxy.h); with a
 *                      proxy, the transport statuses above may be about the
 *                      proxy connection
 *  ASC_E_CREDENTIALS   the credentials provider failed (asc_credentials.h);
 *                      when it was asked after a token answer, out still
 *                      holds that answer
 * out is always cleared first; body spans point into the work buffer and
 * are valid until the next call.
 */
ASC_NODISCARD asc_status asc_call(asc_client *c, const asc_rpc_request *rq,
                                  asc_result *out);

/*
 * Outcome rules (asc_call and asc_delete_image).
 *
 * Service answer: an HTTP answer whose body is a JSON object with a `Code`
 * (any status), or any JSON body of a 2xx answer. It is definitive: OK or
 * ASC_E_SERVICE, retried only for the retryable codes and statuses of
 * asc_error_is_retryable() (InternalError, ServiceUnavailable, Throttling*,
 * HTTP 5xx and 429).
 *
 * Front-end answer: a non-2xx answer without one (an HTML error page, an
 * empty body, a JSON body without `Code`), as gateways and proxies send
 * (nginx: 413 client_max_body_size, 429 limit_req, 502 upstream dropped,
 * 504 upstream slow, 301 redirects). Never ASC_E_JSON: ASC_E_FRONT_END.
 *  - 3xx: never followed (the API never redirects), not retried;
 *    out->location says where it pointed.
 *  - 429 and every 5xx: retried like a retryable service error. A
 *    Retry-After (delay-seconds or an HTTP-date) is honoured: the next
 *    attempt is not sent sooner. When it asks for more than is left of
 *    cfg.deadline_ms (or, with no deadline, more than backoff_max_ms), the
 *    call ends at once with this answer rather than retrying early.
 *  - any other 4xx: not retried.
 *
 * "May have executed": an attempt whose request was sent completely and
 * that got no service answer: the connection broke or timed out before the
 * whole answer came (ASC_E_IO, ASC_E_CLOSED, ASC_E_TIMEOUT), or a front end
 * answered 5xx (it may have passed the request on: nginx's 502 after the
 * upstream dropped the connection, 504 after it was slow). 3xx and 4xx
 * front-end answers are given instead of passing the request on: they did
 * not execute.
 *
 * asc_delete_image: when an earlier attempt of the same call may have
 * executed and a later attempt answers Image.NotExist, the earlier attempt
 * deleted the image: ASC_OK with out->already_deleted (out holds the
 * Image.NotExist answer). Image.NotExist on the first attempt, or after
 * attempts that all got answers (service answers, 3xx/4xx front-end
 * answers), is ASC_E_SERVICE. A `Data` that is not true ends the call at
 * once (ASC_E_NOT_DELETED, below), so no later Image.NotExist can follow it.
 */

/**
 * DeleteImage (API 2021-09-01): ImageId in a form body, POST /.
 * Same statuses as asc_call; ASC_E_INVALID_ARG for an empty image_id
 * (c->invalid_arg ASC_ARG_IMAGE_ID).
 * When an attempt that may have executed (see the outcome rules above) is
 * followed by Image.NotExist, the image was deleted by that attempt: ASC_OK
 * with out->already_deleted set. A first attempt answering Image.NotExist is
 * ASC_E_SERVICE with out->error == ASC_ERR_IMAGE_NOT_EXIST.
 *
 * Success means the service confirmed the deletion: a successful service
 * answer (2xx, Success not false, Code absent or "200") whose `Data` is the
 * JSON literal true. The API reference defines Data as "whether the
 * deletion is successful", so
 *  - Data false: ASC_E_NOT_DELETED; the service says the deletion failed.
 *  - Data absent, null, or not a boolean (a string "true" included):
 *    ASC_E_NOT_DELETED too; the answer does not confirm a deletion, and a
 *    caller that trusts ASC_OK must not believe the image is gone. Tell
 *    the two apart with out->present & ASC_RESULT_HAS_DATA and
 *    out->data_json.
 * Either way out keeps RequestId, Message, Code and the body. It is not
 * retried: the service answered, and repeating the call would at best
 * return Image.NotExist for an image it may still list, or delete it where
 * the caller was told it failed; the caller decides (ListImage, then
 * DeleteImage again). asc_call never interprets Data (generic operations
 * define their own): for it, such an answer is ASC_OK.
 * Other fields (rules of asc_result_bind, asc_result.h): Success false is
 * ASC_E_SERVICE even with Code "200" (out->error ASC_ERR_UNKNOWN, code
 * "200"); a Code other than "200" is ASC_E_SERVICE even with HTTP 200
 * (Code "400": ASC_ERR_UNKNOWN); a numeric Code counts as its text (200 as
 * "200"); a non-2xx status with a Code is ASC_E_SERVICE whatever Success
 * says (without a Code it is a front-end answer, ASC_E_FRONT_END).
 */
ASC_NODISCARD asc_status asc_delete_image(asc_client *c, asc_span image_id,
                                          asc_result *out);

#if ASC_ENABLE_CREDENTIALS_PROVIDER
/** With a credentials provider: zero its store and hold no credentials;
 *  the next call asks the provider again. Without one: nothing (fixed
 *  credentials belong to the caller). ASC_ENABLE_CREDENTIALS_PROVIDER
 *  builds only. */
void asc_client_forget_credentials(asc_client *c);
#endif

/** Close the connection (keeps the TLS session for resumption). */
void asc_client_close(asc_client *c);

#ifdef __cplusplus
}
#endif
#endif /* ASC_CLIENT_H */
