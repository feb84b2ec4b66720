/*
 * asc_mbedtls_min_tls.h - the smallest mbedTLS 3.6 configuration with which
 * the whole asc library works: signing (SHA-256, SHA-1 for V1) plus a TLS
 * 1.2 / TLS 1.3 client that verifies RSA and ECDSA certificate chains and
 * resumes sessions. It is what a platform's own mbedTLS configuration
 * (ESP-IDF's sdkconfig, Zephyr's Kconfig, a vendor's mbedtls_config.h) must
 * contain at least; src/mbedtls_requirements.h names any option missing.
 *
 * Unlike port/mbedtls/asc_mbedtls_config.h (our tuned build), it:
 *  - installs NO allocator: mbedTLS calls the platform's calloc/free
 *    (MBEDTLS_PLATFORM_MEMORY is off), as it does on a platform whose heap
 *    is shared with Wi-Fi and the rest; asc_tls_arena_init() then answers
 *    ASC_E_INVALID_ARG and the application does not call it;
 *  - keeps mbedTLS's default 16 KiB records (no max_fragment_length, no
 *    record_size_limit): the server may send full-size records, so this
 *    build needs ~33 KiB of record buffers per connection instead of ~9;
 *  - is built from the UNPATCHED Debian source (MBEDTLS=36plain, see
 *    mk/mbedtls.mk and port/mbedtls/patches/README.md for what the patches
 *    change and what an unpatched platform loses).
 * Built and tested by `make test` (config "MBEDTLS=36plain").
 */
#ifndef ASC_MBEDTLS_MIN_TLS_H
#define ASC_MBEDTLS_MIN_TLS_H

/* Platform: time for certificate dates; libc calloc/free, no arena. */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C

/* Randomness for TLS (the PSA core seeds its own DRBG). */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C

/* Signing: asc uses the hash contexts directly (no md HMAC, no heap). */
#define MBEDTLS_SHA1_C   /* signature V1 (HMAC-SHA1); TLS does not need it */
#define MBEDTLS_SHA256_C /* signature V3 (HMAC-SHA256), TLS */
#define MBEDTLS_SHA224_C /* required by mbedTLS alongside SHA256 */
#define MBEDTLS_SHA384_C /* TLS 1.3 AES-256-GCM-SHA384, P-384 chains */
#define MBEDTLS_SHA512_C /* SHA-384 is computed by the SHA-512 module */

/* TLS record protection: AEAD only. */
#define MBEDTLS_CIPHER_C
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_MD_C
#define MBEDTLS_HKDF_C

/* Certificates: RSA (PKCS#1 v1.5 and PSS) and ECDSA P-256/P-384 chains. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_CURVE25519_ENABLED /* x25519 key exchange */
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT /* RSA servers under TLS 1.3 */
#define MBEDTLS_PEM_PARSE_C             /* CA bundles are PEM */
#define MBEDTLS_BASE64_C

/* PSA core: required by mbedTLS 3.6's TLS 1.3. */
#define MBEDTLS_PSA_CRYPTO_C

/* TLS client, 1.2 and 1.3, with resumption and SNI. */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_SESSION_TICKETS
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE /* required by 3.6's TLS 1.3 */

#endif /* ASC_MBEDTLS_MIN_TLS_H */
