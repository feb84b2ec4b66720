/*
 * asc_status.h - the one status enum every fallible asc_ call returns.
 *
 * Values are stable: new ones are appended, none is renumbered. Each value
 * lists the calls that can return it. asc_status_str() never returns NULL.
 */
#ifndef ASC_STATUS_H
#define ASC_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define ASC_NODISCARD __attribute__((warn_unused_result))
#else
#define ASC_NODISCARD
#endif

typedef enum asc_status {
    /** Success. */
    ASC_OK = 0,
    /** A required pointer is NULL, a length is out of range, or a config
     *  field is missing (request builder, client calls). */
    ASC_E_INVALID_ARG = 1,
    /** A value that travels in a header or request line (AccessKeyId,
     *  security token, host, user agent, action, version) contains CR, LF or
     *  another control byte: refused before any byte is written. */
    ASC_E_INVALID_HEADER_VALUE = 2,
    /** The caller's work buffer is too small; the call reports how many
     *  bytes it needs through its out_needed parameter. Nothing was sent. */
    ASC_E_BUFFER_TOO_SMALL = 3,
    /** The hash backend failed (mbedTLS returned an error); with
     *  ASC_ENABLE_PSA_KEYS also: the credentials' PSA key cannot sign
     *  (no such key, another algorithm or usage; asc_credentials.h).
     *  Nothing was sent. */
    ASC_E_CRYPTO = 4,
    /** The port reported no usable time or randomness, or lacks a function. */
    ASC_E_PORT = 5,
    /** Host name resolution failed (port connect). */
    ASC_E_DNS = 6,
    /** TCP connect failed or was refused (port connect). */
    ASC_E_CONNECT = 7,
    /** A send or receive failed, or the peer reset the connection. */
    ASC_E_IO = 8,
    /** A connect, send or receive timeout expired. */
    ASC_E_TIMEOUT = 9,
    /** The peer closed the connection before a complete response. */
    ASC_E_CLOSED = 10,
    /** TLS handshake or record layer failure other than certificate. */
    ASC_E_TLS = 11,
    /** The server certificate did not verify (chain, host name, dates). */
    ASC_E_TLS_CERT = 12,
    /** The response is not valid HTTP/1.1 (status line, headers, chunking). */
    ASC_E_HTTP_MALFORMED = 13,
    /** The response header block (or the trailers) is longer than
     *  ASC_MAX_RESPONSE_HEADER_BYTES. */
    ASC_E_HTTP_HEADERS_TOO_LARGE = 14,
    /** The response does not fit the caller's buffer; the connection is not
     *  reused. */
    ASC_E_RESPONSE_TOO_LARGE = 15,
    /** The response body is not valid JSON or does not have the expected
     *  shape. */
    ASC_E_JSON = 16,
    /** The service answered with an error; details are in the result's
     *  error fields (Code, Message, RequestId, ...). */
    ASC_E_SERVICE = 17,
    /** The overall deadline of the call expired (retries included). */
    ASC_E_DEADLINE = 18,
    /** Internal parser state: more input is needed (never returned by the
     *  client calls, only by the incremental parsers). */
    ASC_E_NEED_MORE = 19,
    /** A duplicate parameter name was given to the request builder. */
    ASC_E_DUPLICATE_PARAM = 20,
    /** A front end (gateway, load balancer, proxy in front of the service)
     *  answered with a non-2xx HTTP status and no service answer: the body
     *  is not a JSON object with a service `Code` (an HTML error page, an
     *  empty body, a redirect). The result carries http_status, the Server
     *  header, Location (3xx) and Retry-After; see asc_client.h for which
     *  of these are retried (client calls). */
    ASC_E_FRONT_END = 21,
    /** asc_delete_image only: the service answered the request as
     *  successful but did not confirm the deletion: `Data` is false (the
     *  service says the deletion failed), absent, or not a boolean. The
     *  result keeps RequestId, Message and the body; see asc_client.h. */
    ASC_E_NOT_DELETED = 22,
    /** The HTTP proxy (asc_client_config.proxy) answered CONNECT with 407
     *  Proxy Authentication Required (or 401, as tinyproxy does for wrong
     *  credentials): credentials missing or refused. The result's
     *  http_status is the proxy's. Not retried. */
    ASC_E_PROXY_AUTH = 23,
    /** The HTTP proxy refused the tunnel with any other non-2xx answer
     *  (403: not allowed by its rules or for that port; 502/503/504: it
     *  could not reach the endpoint). The result's http_status is the
     *  proxy's status. Nothing reached the service: a 5xx is retried, a
     *  4xx is not. */
    ASC_E_PROXY_REFUSED = 24,
    /** The HTTP proxy's answer to CONNECT is not HTTP/1.x (bad status line
     *  or header), its header block does not fit (the rest of the work
     *  buffer or ASC_MAX_RESPONSE_HEADER_BYTES), or a 2xx answer is followed
     *  by bytes before TLS started. Not retried. */
    ASC_E_PROXY_MALFORMED = 25,
    /** The credentials provider (asc_credentials.h) failed or handed back
     *  unusable credentials (client calls with cfg.credentials_provider).
     *  Nothing was sent with them. */
    ASC_E_CREDENTIALS = 26
} asc_status;

/** Number of asc_status values (for tables and tests). Moves with the last
 *  value when one is appended; src/status.c's text tables are checked
 *  against it at compile time. */
#define ASC_STATUS_COUNT_ ((int)ASC_E_CREDENTIALS + 1)

/** Short, static text of a status: with ASC_ENABLE_STATUS_TEXT (asc_config.h;
 *  on in the full profile) a phrase ("ok", "buffer too small", ...); without
 *  it the value as decimal text ("0", "3", ...). Never NULL; unknown values
 *  give "unknown status". */
const char *asc_status_str(asc_status status);

#ifdef __cplusplus
}
#endif
#endif /* ASC_STATUS_H */
