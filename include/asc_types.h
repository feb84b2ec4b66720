/*
 * asc_types.h - small value types shared by the public headers.
 *
 * Bytes travel with their length (asc_span): no API depends on a NUL
 * terminator, and spans never own what they point at.
 */
#ifndef ASC_TYPES_H
#define ASC_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include "asc_config.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A read-only view of len bytes at ptr (ptr may be NULL when len is 0). */
typedef struct asc_span {
    const char *ptr;
    size_t len;
} asc_span;

/** Span of a string literal, without its NUL: ASC_SPAN_LIT("DeleteImage"). */
#define ASC_SPAN_LIT(s) { (s), sizeof(s) - 1u }

/** Span of a NUL-terminated string; NULL gives the empty span. */
asc_span asc_span_from_str(const char *s);

/** One RPC parameter: raw (unencoded) name and value bytes. */
typedef struct asc_param {
    asc_span name;
    asc_span value;
} asc_param;

/** Signature algorithms. */
typedef enum asc_sig_version {
    ASC_SIG_V3 = 0, /**< ACS3-HMAC-SHA256 (default, what current SDKs send) */
    ASC_SIG_V1 = 1  /**< HMAC-SHA1, SignatureVersion 1.0 (legacy) */
} asc_sig_version;

typedef enum asc_method {
    ASC_METHOD_POST = 0,
    ASC_METHOD_GET = 1
} asc_method;

/** Where the operation's parameters travel. */
typedef enum asc_params_in {
    ASC_PARAMS_IN_BODY = 0, /**< application/x-www-form-urlencoded body */
    ASC_PARAMS_IN_QUERY = 1 /**< query string (GET, or POST with no body) */
} asc_params_in;

/** AccessKey credentials. The library reads them during a call, never
 *  copies the secret anywhere but the stack (wiped before returning). */
typedef struct asc_credentials {
    asc_span access_key_id;     /**< A-Z a-z 0-9 - _ . ~ only (LTAI..., STS....) */
    asc_span access_key_secret; /**< empty when psa_key_id names the key */
    asc_span security_token; /**< STS token; empty span when none */
#if ASC_ENABLE_PSA_KEYS
    /** A psa_key_id_t: non-zero, the request is signed with this PSA key
     *  and access_key_secret must be empty (both: ASC_E_INVALID_ARG from
     *  asc_build_request, ASC_ARG_ACCESS_KEY_SECRET from asc_client_init).
     *  0 (PSA_KEY_ID_NULL): sign with access_key_secret. How to import the
     *  key: asc_credentials.h. Only with ASC_ENABLE_PSA_KEYS. */
    uint32_t psa_key_id;
#endif
} asc_credentials;

#ifdef __cplusplus
}
#endif
#endif /* ASC_TYPES_H */
