/*
 * asc_config.h - compile-time knobs. Each has a default here; override with
 * -D on the command line or by defining ASC_CONFIG_FILE to a header of yours
 * that is included first.
 */
#ifndef ASC_CONFIG_H
#define ASC_CONFIG_H

#ifdef ASC_CONFIG_FILE
#include ASC_CONFIG_FILE
#endif

/**
 * Optional features. The defaults are the firmware profile that `make size`
 * measures: everything a DeleteImage call needs (both signatures, HTTP, JSON
 * binding, retries, clock correction) and nothing else. ASC_FULL 1 switches
 * every optional feature on at once (the host build, the CLI and most tests
 * use it); each can also be set on its own.
 */
#ifndef ASC_FULL
#define ASC_FULL 0
#endif

/** 1: tools: asc_build_request reports the canonical request, string to
 *  sign and signature through its asc_trace argument (the CLI's --verbose,
 *  tests), and asc_v1_signature() is built (tools, tests, servers verifying
 *  V1). 0: the trace argument is ignored; asc_v1_signature() does not
 *  exist. */
#ifndef ASC_ENABLE_TOOLS
#define ASC_ENABLE_TOOLS ASC_FULL
#endif

/** 1: asc_build_request also builds ASC_METHOD_GET and ASC_PARAMS_IN_QUERY
 *  requests (V3 canonical query, V1 GET layout). 0: it refuses them with
 *  ASC_E_INVALID_ARG; POST with a form body (DeleteImage), V3 and V1, is
 *  fully supported. */
#ifndef ASC_ENABLE_QUERY
#define ASC_ENABLE_QUERY ASC_FULL
#endif

/** 1: reject any response that is not well-formed HTTP/1.1 and RFC 8259
 *  JSON (UTF-8) in every part, including parts the library does not use.
 *  0: check what is used (status line, framing headers, the fields that are
 *  bound); bytes the library skips are only bounds-checked. Either way no
 *  input can make the parsers read or write out of bounds. */
#ifndef ASC_STRICT_PARSING
#define ASC_STRICT_PARSING ASC_FULL
#endif

/** 1: learn the service's clock from the Date header of its answers and
 *  sign with it: a device without a real-time clock (asc_port.utc_now < 0)
 *  works, and a wrong clock costs one re-signed retry after
 *  InvalidTimeStamp.Expired. The official SDKs do not do this. 0: the port's
 *  UTC clock must be right within 15 minutes (SNTP, RTC); utc_now < 0 makes
 *  every call fail with ASC_E_PORT, and asc_parse_http_date() is not built. */
#ifndef ASC_ENABLE_CLOCK_SYNC
#define ASC_ENABLE_CLOCK_SYNC ASC_FULL
#endif

/** 1: asc_status_str() returns a short English phrase. 0: it returns the
 *  status number as decimal text ("13"); see asc_status.h. */
#ifndef ASC_ENABLE_STATUS_TEXT
#define ASC_ENABLE_STATUS_TEXT ASC_FULL
#endif

/** 1: spaces and tabs around the header values the caller supplies
 *  (AccessKeyId, security token, host, user agent, nonce) are trimmed, as
 *  the official SDKs do. 0: a space or tab at either end of one is refused
 *  with ASC_E_INVALID_HEADER_VALUE (nothing is sent). */
#ifndef ASC_ENABLE_TRIM
#define ASC_ENABLE_TRIM ASC_FULL
#endif

/** 1: the client can reach the service through an HTTP proxy with a
 *  CONNECT tunnel (asc_client_config.proxy, asc_proxy.h): TLS then runs
 *  end to end through the tunnel. 0: not built, and asc_client_config has
 *  no proxy member (a program that sets one does not compile, rather than
 *  connect directly). Cost on Cortex-M4: see README (make size). */
#ifndef ASC_ENABLE_PROXY
#define ASC_ENABLE_PROXY ASC_FULL
#endif

/** 1: credentials that change over the client's life: a provider the
 *  client asks for them and refreshes from (asc_credentials.h,
 *  asc_client_config.credentials_provider), asc_client_forget_credentials().
 *  0: the client signs with the fixed cfg.creds only; asc_client_config has
 *  no credentials_provider member (a program that sets one does not
 *  compile, rather than sign with nothing) and asc_credentials.h declares
 *  no functions. Fleets with STS credentials turn it on. */
#ifndef ASC_ENABLE_CREDENTIALS_PROVIDER
#define ASC_ENABLE_CREDENTIALS_PROVIDER ASC_FULL
#endif

/** 1: asc_result has the front end's `Server` and (3xx) `Location`
 *  header texts, filled by the client calls: what to show when a gateway
 *  or proxy answered instead of the service (ASC_E_FRONT_END). 0: the
 *  members do not exist; the outcome rules are the same (ASC_E_FRONT_END,
 *  http_status, retry_after_ms and body are there either way). */
#ifndef ASC_ENABLE_FRONT_END_FIELDS
#define ASC_ENABLE_FRONT_END_FIELDS ASC_FULL
#endif

/** 1: build the legacy signature V1 (HMAC-SHA1). 0: V3 only (smaller). */
#ifndef ASC_ENABLE_V1
#define ASC_ENABLE_V1 1
#endif

/** 1: credentials may name a PSA Crypto key (asc_credentials.psa_key_id,
 *  asc_credentials_store.psa_key_id) instead of carrying the secret's
 *  bytes: the signer computes the V3 HMAC-SHA256 / V1 HMAC-SHA1 with
 *  psa_mac_sign_setup/update/sign_finish on that key and calls
 *  psa_purge_key() after each signature, so a persistent key's material is
 *  in RAM only while one HMAC runs. How to import each key and what stays
 *  in memory: asc_credentials.h. Needs mbedTLS 3.x with MBEDTLS_PSA_CRYPTO_C
 *  (mbedTLS 2.28 stops the build with an #error saying so), and
 *  psa_crypto_init() before the first call (asc_tls_init runs it).
 *  Cost on Cortex-M4 with our mbedTLS configuration: +250 bytes of code
 *  (make size-knobs), and the signer's HMAC context on the stack grows from
 *  232 to 784 bytes (it holds a psa_mac_operation_t). Not part of ASC_FULL.
 *  0: credentials carry secret bytes only; the members do not exist. */
#ifndef ASC_ENABLE_PSA_KEYS
#define ASC_ENABLE_PSA_KEYS 0
#endif

/** Most RPC parameters one request may carry (caller's, not counting the
 *  common ones the library adds). Bounds the sort loops. */
#ifndef ASC_MAX_PARAMS
#define ASC_MAX_PARAMS 32
#endif

/** Longest host name accepted (RFC 1035: 253). */
#ifndef ASC_MAX_HOST_LEN
#define ASC_MAX_HOST_LEN 253
#endif

/** Largest response header block (status line through blank line; the
 *  trailers of a chunked body likewise). The number of lines is not
 *  limited: headers are not stored. */
#ifndef ASC_MAX_RESPONSE_HEADER_BYTES
#define ASC_MAX_RESPONSE_HEADER_BYTES 8192
#endif

/** Sizes of the fixed text fields of results (including the NUL). */
#ifndef ASC_CODE_MAX
#define ASC_CODE_MAX 64
#endif
#ifndef ASC_MESSAGE_MAX
#define ASC_MESSAGE_MAX 256
#endif
#ifndef ASC_REQUEST_ID_MAX
#define ASC_REQUEST_ID_MAX 64
#endif
#ifndef ASC_HOST_ID_MAX
#define ASC_HOST_ID_MAX 96
#endif
#ifndef ASC_RECOMMEND_MAX
#define ASC_RECOMMEND_MAX 256
#endif
/** Sizes of the front-end fields of results (asc_result.server, .location;
 *  ASC_ENABLE_FRONT_END_FIELDS; including the NUL): a longer header value is cut and `truncated` set. */
#ifndef ASC_SERVER_MAX
#define ASC_SERVER_MAX 32
#endif
#ifndef ASC_LOCATION_MAX
#define ASC_LOCATION_MAX 128
#endif

/** Sizes of the arrays of asc_credentials_store (asc_credentials.h), the
 *  storage a credentials provider fills. AccessKeyIds and secrets are about
 *  30 bytes; STS security tokens run to 1-2 KB. */
#ifndef ASC_ACCESS_KEY_ID_MAX
#define ASC_ACCESS_KEY_ID_MAX 128
#endif
#ifndef ASC_ACCESS_KEY_SECRET_MAX
#define ASC_ACCESS_KEY_SECRET_MAX 128
#endif
#ifndef ASC_SECURITY_TOKEN_MAX
#define ASC_SECURITY_TOKEN_MAX 2048
#endif

#if ASC_ENABLE_V1 != 0 && ASC_ENABLE_V1 != 1
#error "ASC_ENABLE_V1 must be 0 or 1"
#endif
#if (ASC_ENABLE_TOOLS != 0 && ASC_ENABLE_TOOLS != 1) || \
    (ASC_ENABLE_QUERY != 0 && ASC_ENABLE_QUERY != 1) || \
    (ASC_STRICT_PARSING != 0 && ASC_STRICT_PARSING != 1) || \
    (ASC_ENABLE_STATUS_TEXT != 0 && ASC_ENABLE_STATUS_TEXT != 1) || \
    (ASC_ENABLE_TRIM != 0 && ASC_ENABLE_TRIM != 1) || \
    (ASC_ENABLE_CLOCK_SYNC != 0 && ASC_ENABLE_CLOCK_SYNC != 1) || \
    (ASC_ENABLE_PROXY != 0 && ASC_ENABLE_PROXY != 1) || \
    (ASC_ENABLE_CREDENTIALS_PROVIDER != 0 && ASC_ENABLE_CREDENTIALS_PROVIDER != 1) || \
    (ASC_ENABLE_FRONT_END_FIELDS != 0 && ASC_ENABLE_FRONT_END_FIELDS != 1) || \
    (ASC_ENABLE_PSA_KEYS != 0 && ASC_ENABLE_PSA_KEYS != 1)
#error "the ASC_ENABLE_* and ASC_STRICT_PARSING knobs must be 0 or 1"
#endif
#if ASC_MAX_PARAMS < 1 || ASC_MAX_PARAMS > 1024
#error "ASC_MAX_PARAMS must be in 1..1024"
#endif
#if ASC_ACCESS_KEY_ID_MAX < 1 || ASC_ACCESS_KEY_SECRET_MAX < 1 || ASC_SECURITY_TOKEN_MAX < 1
#error "the asc_credentials_store arrays must hold at least 1 byte"
#endif
#if ASC_CODE_MAX < 16 || ASC_MESSAGE_MAX < 16 || ASC_REQUEST_ID_MAX < 16 || \
    ASC_SERVER_MAX < 16 || ASC_LOCATION_MAX < 16
#error "result text fields must hold at least 16 bytes"
#endif

#endif /* ASC_CONFIG_H */
