/*
 * mbedtls_requirements.h - the mbedTLS options asc needs, checked when asc
 * is compiled against an mbedTLS configuration (ours, Debian's 2.28, or a
 * platform's: ESP-IDF, Zephyr, a vendor's mbedtls_config.h). A missing
 * option stops the build with an #error that names it and says what needs
 * it, instead of a link error or a handshake that fails at run time.
 *
 * Include after an mbedTLS header (the configuration must be visible):
 *   - src/hash_mbedtls.c checks what signing needs (src/hash.h, with
 *     ASC_ENABLE_PSA_KEYS, what PSA keys need);
 *   - src/tls.c also defines ASC_MBEDTLS_REQUIRE_TLS and checks the TLS
 *     client's needs.
 * The smallest configurations that pass: tests/cmake/hash_only (signing
 * alone) and port/mbedtls/configs/asc_mbedtls_min_tls.h (signing + TLS).
 * tests/buildsys/test_mbedtls_requirements.sh removes each option in turn and
 * expects the build to stop naming it.
 */
#ifndef ASC_MBEDTLS_REQUIREMENTS_H
#define ASC_MBEDTLS_REQUIREMENTS_H

#include "asc_config.h"

/* ---- signing (always) -------------------------------------------------- */
#if !defined(MBEDTLS_SHA256_C)
#error "asc needs MBEDTLS_SHA256_C (signature V3: HMAC-SHA256)"
#endif
#if ASC_ENABLE_V1 && !defined(MBEDTLS_SHA1_C)
#error "asc needs MBEDTLS_SHA1_C for signature V1 (HMAC-SHA1); or build asc with ASC_ENABLE_V1=0"
#endif

/* ---- PSA keys instead of secret bytes (ASC_ENABLE_PSA_KEYS; src/hash.h) -- */
#if ASC_ENABLE_PSA_KEYS
#if !defined(MBEDTLS_VERSION_MAJOR) || MBEDTLS_VERSION_MAJOR < 3 || !defined(MBEDTLS_PSA_CRYPTO_C)
#error "asc's ASC_ENABLE_PSA_KEYS needs mbedTLS 3.x with MBEDTLS_PSA_CRYPTO_C (signing with PSA key identifiers); with mbedTLS 2.28 build with ASC_ENABLE_PSA_KEYS=0"
#endif
#endif

/* ---- TLS client (src/tls.c) -------------------------------------------- */
#if defined(ASC_MBEDTLS_REQUIRE_TLS)
#if !defined(MBEDTLS_SSL_TLS_C)
#error "asc's TLS needs MBEDTLS_SSL_TLS_C"
#endif
#if !defined(MBEDTLS_SSL_CLI_C)
#error "asc's TLS needs MBEDTLS_SSL_CLI_C (TLS client)"
#endif
#if !defined(MBEDTLS_SSL_PROTO_TLS1_2) && !defined(MBEDTLS_SSL_PROTO_TLS1_3)
#error "asc's TLS needs MBEDTLS_SSL_PROTO_TLS1_2 and/or MBEDTLS_SSL_PROTO_TLS1_3"
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_2) && \
    !defined(MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED) && \
    !defined(MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED)
#error "asc's TLS 1.2 offers ECDHE suites only: it needs MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED and/or MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED"
#endif
#if !defined(MBEDTLS_GCM_C) && !defined(MBEDTLS_CHACHAPOLY_C)
#error "asc's TLS offers AEAD suites only: it needs MBEDTLS_GCM_C (AES-GCM) and/or MBEDTLS_CHACHAPOLY_C"
#endif
#if !defined(MBEDTLS_X509_CRT_PARSE_C)
#error "asc's TLS verifies the server certificate: it needs MBEDTLS_X509_CRT_PARSE_C"
#endif
#if !defined(MBEDTLS_PEM_PARSE_C)
#error "asc's trust anchors are PEM (asc_tls_init's CA bundle): it needs MBEDTLS_PEM_PARSE_C"
#endif
#if !defined(MBEDTLS_BASE64_C)
#error "asc decodes PEM bundles one certificate at a time: it needs MBEDTLS_BASE64_C"
#endif
#if !defined(MBEDTLS_SSL_SERVER_NAME_INDICATION)
#error "asc sends the host name (SNI) and checks it against the certificate: it needs MBEDTLS_SSL_SERVER_NAME_INDICATION"
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && !defined(MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED)
#error "asc's TLS 1.3 needs MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED (full handshakes)"
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && !defined(MBEDTLS_PSA_CRYPTO_C)
#error "mbedTLS 3.6's TLS 1.3 needs MBEDTLS_PSA_CRYPTO_C"
#endif
#endif /* ASC_MBEDTLS_REQUIRE_TLS */

#endif /* ASC_MBEDTLS_REQUIREMENTS_H */
