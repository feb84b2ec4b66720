/* Temporary minimal config (hashes only); replaced by the full TLS config. */
#ifndef ASC_MBEDTLS_CONFIG_H
#define ASC_MBEDTLS_CONFIG_H
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_MD_C
#endif
