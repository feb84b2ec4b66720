/*
 * The smallest mbedTLS 3.6 configuration asc's signing needs (ASC_TLS=OFF):
 * SHA-256 for signature V3 and SHA-1 for V1 (drop it with ASC_ENABLE_V1=0).
 * asc uses the hash contexts directly (no md layer, no PSA, no entropy).
 * Built and run by tests/cmake/run_tests.py; docs/integration.md lists it.
 */
#ifndef ASC_MBEDTLS_HASH_ONLY_CONFIG_H
#define ASC_MBEDTLS_HASH_ONLY_CONFIG_H
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA1_C
#endif
