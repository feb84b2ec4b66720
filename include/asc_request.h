/*
 * asc_request.h - build the exact, signed HTTP/1.1 request for an RPC-style
 * Alibaba Cloud API call into a caller-supplied buffer. No I/O, no heap.
 *
 * The client (asc_client.h) uses this for every call; it is public so an
 * application can sign requests for a transport of its own, and so the
 * command-line tool can print a request without sending it (--dry-run).
 *
 * Example (DeleteImage, signature V3):
 *
 *     asc_param p[] = { { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-1") } };
 *     asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"),
 *                            ASC_SPAN_LIT("2021-09-01"),
 *                            ASC_METHOD_POST, ASC_PARAMS_IN_BODY, p, 1 };
 *     asc_sign_opts so = { ... host, timestamp, nonce ... };
 *     size_t len, needed;
 *     asc_status st = asc_build_request(&creds, &so, &rq, buf, sizeof buf,
 *                                       &len, &needed, NULL);
 */
#ifndef ASC_REQUEST_H
#define ASC_REQUEST_H

#include <stdbool.h>
#include "asc_config.h"
#include "asc_status.h"
#include "asc_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Nonce length the library generates: 32 lowercase hex characters. */
#define ASC_NONCE_LEN 32u
/** Length of "YYYY-MM-DDTHH:MM:SSZ". */
#define ASC_TIMESTAMP_LEN 20u

/** One RPC call: action, API version, parameters and where they travel. */
typedef struct asc_rpc_request {
    asc_span action;        /**< e.g. "DeleteImage"; token characters only */
    asc_span version;       /**< e.g. "2021-09-01"; token characters only */
    asc_method method;
    asc_params_in params_in;
    const asc_param *params; /**< names must be unique and non-empty */
    size_t n_params;         /**< at most ASC_MAX_PARAMS */
} asc_rpc_request;

/** Everything besides credentials and the call that goes into a request. */
typedef struct asc_sign_opts {
    asc_sig_version sig;
    /** Host header value exactly as sent and signed: "host" or "host:port". */
    asc_span host;
    /** user-agent header; empty span for none. Not signed. */
    asc_span user_agent;
    /** Request time, seconds since the Unix epoch (UTC). */
    int64_t timestamp;
    /** Unique per request; the client draws ASC_NONCE_LEN hex characters. */
    asc_span nonce;
    /** V3: also send and sign x-acs-credentials-provider (static_ak, or
     *  static_sts with a token), as the official Node.js SDK does. */
    bool credentials_provider_header;
} asc_sign_opts;

/** What a trace callback is shown (tests and debugging only). */
typedef enum asc_trace_kind {
    ASC_TRACE_CANONICAL = 0, /**< V3 canonical request / V1 canonicalized query */
    ASC_TRACE_STRING_TO_SIGN = 1,
    ASC_TRACE_SIGNATURE = 2, /**< hex (V3) or base64 (V1), not encoded */
    ASC_TRACE_BODY_HASH = 3, /**< V3 hex SHA-256 of the body */
    /** Client calls only (asc_client_config.trace): the complete request of
     *  one attempt, in one piece, after that request's signing kinds and
     *  just before it is sent. */
    ASC_TRACE_REQUEST = 4,
    /** Client calls only: the status line and header block of the answer
     *  to that request (interim 1xx responses included, blank line
     *  included), in one piece, once the response was parsed. Not shown
     *  when the answer never came or was not valid HTTP. */
    ASC_TRACE_RESPONSE_HEAD = 5
} asc_trace_kind;

/** Optional observer of the signing steps (and, given to a client, of the
 *  requests it sends and the answers' headers). It may be called several
 *  times per signing kind with consecutive pieces. It never sees the
 *  secret; it does see the AccessKeyId, the security token and the
 *  signature, which it must not log unmasked. Only built with
 *  ASC_ENABLE_TOOLS 1; otherwise asc_build_request ignores it. */
typedef struct asc_trace {
    void (*fn)(void *ctx, asc_trace_kind kind, const char *p, size_t n);
    void *ctx;
} asc_trace;

/**
 * Build the complete request (request line, headers, blank line, body) into
 * buf[0..cap). On ASC_OK *out_len is its length. *out_needed (if not NULL)
 * always receives the size the request needs, also on
 * ASC_E_BUFFER_TOO_SMALL, in which case the buffer content is unspecified but
 * nothing was written past buf + cap. buf may be NULL with cap 0 only (a
 * size query: ASC_E_BUFFER_TOO_SMALL with *out_needed); NULL with a cap is
 * ASC_E_INVALID_ARG.
 *
 * Spaces and tabs around AccessKeyId, token, host, user agent and nonce are
 * ignored with ASC_ENABLE_TRIM 1 (asc_config.h); with 0 (lean) a space or
 * tab as the first or last byte of one of them is refused
 * (ASC_E_INVALID_HEADER_VALUE).
 * Returns ASC_OK, ASC_E_INVALID_ARG (NULL pointers, empty action,
 * version, host, AccessKeyId, nonce or secret, a parameter with an empty
 * name, too many parameters, V1 requested but compiled out, GET without
 * ASC_PARAMS_IN_QUERY; with ASC_ENABLE_QUERY 0 any GET or
 * ASC_PARAMS_IN_QUERY request: only POST with a form body is built),
 * ASC_E_DUPLICATE_PARAM (also a V1 parameter named like a common parameter
 * the request sends, or "Signature"), ASC_E_INVALID_HEADER_VALUE (control
 * bytes in host, AccessKeyId, token, user agent, nonce; in host also spaces,
 * non-ASCII, # , / ; ? @ \ or more than ASC_MAX_HOST_LEN + 6 bytes;
 * in AccessKeyId anything but A-Z a-z 0-9 - _ . ~ (it is written bare
 * into Authorization, where a "," would add fields; real IDs such as
 * LTAI... and STS.... pass); non-token bytes in action or version),
 * ASC_E_BUFFER_TOO_SMALL, ASC_E_CRYPTO. Nothing is written to buf unless every check passed and
 * signing succeeded.
 */
ASC_NODISCARD asc_status asc_build_request(const asc_credentials *creds,
                                           const asc_sign_opts *opts,
                                           const asc_rpc_request *rq,
                                           uint8_t *buf, size_t cap,
                                           size_t *out_len, size_t *out_needed,
                                           const asc_trace *trace);

#if ASC_ENABLE_V1 && ASC_ENABLE_TOOLS
/**
 * Signature V1 over exactly the given parameters (the caller supplies the
 * common ones: AccessKeyId, Action, Format, SignatureMethod, ...; never
 * "Signature"): at most ASC_MAX_PARAMS + 9 of them (the caller's and the
 * nine common ones). Writes the base64 signature (28 characters) and a NUL
 * into out (cap >= 29); on any failure after the arguments were checked,
 * out is the empty string. For tools, tests and servers that verify V1 requests; the
 * request builder uses the same code. Returns ASC_OK, ASC_E_INVALID_ARG,
 * ASC_E_DUPLICATE_PARAM or ASC_E_CRYPTO. Only with ASC_ENABLE_V1 and
 * ASC_ENABLE_TOOLS (otherwise neither declared nor built).
 */
ASC_NODISCARD asc_status asc_v1_signature(asc_span secret, asc_method method,
                                          const asc_param *params,
                                          size_t n_params, char *out,
                                          size_t cap, const asc_trace *trace);
#endif

/** Format epoch seconds as "YYYY-MM-DDTHH:MM:SSZ" into out (at least
 *  ASC_TIMESTAMP_LEN + 1 bytes; NUL-terminated). Valid for years
 *  1970..9999; returns ASC_E_INVALID_ARG outside. No gmtime(). */
ASC_NODISCARD asc_status asc_format_timestamp(int64_t epoch, char *out,
                                              size_t cap);

/** (Built with ASC_ENABLE_CLOCK_SYNC only: asc_config.h.)
 *  Parse an RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", exactly
 *  29 bytes) into epoch seconds, years 1970..9999; second 60 reads as 59.
 *  The weekday name is not checked. Returns ASC_OK or ASC_E_INVALID_ARG
 *  (not digits where digits belong, unknown month, hour > 23, minute > 59,
 *  second > 60, and with ASC_STRICT_PARSING 1: a separator or "GMT" other
 *  than shown, a day not in its month). With ASC_STRICT_PARSING 0 the bytes
 *  between the fields are not checked and a day 1..31 past the month's end
 *  rolls over into the next month ("31 Nov" reads as 1 Dec); every valid
 *  date gives the same epoch in both profiles. */
#if ASC_ENABLE_CLOCK_SYNC
ASC_NODISCARD asc_status asc_parse_http_date(asc_span s, int64_t *out_epoch);
#endif

#ifdef __cplusplus
}
#endif
#endif /* ASC_REQUEST_H */
