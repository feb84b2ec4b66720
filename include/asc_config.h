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

/** 1: build the legacy signature V1 (HMAC-SHA1). 0: V3 only (smaller). */
#ifndef ASC_ENABLE_V1
#define ASC_ENABLE_V1 1
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

/** Most response headers the parser accepts. */
#ifndef ASC_MAX_RESPONSE_HEADERS
#define ASC_MAX_RESPONSE_HEADERS 48
#endif

/** Largest response header block (status line through blank line). */
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

#if ASC_ENABLE_V1 != 0 && ASC_ENABLE_V1 != 1
#error "ASC_ENABLE_V1 must be 0 or 1"
#endif
#if ASC_MAX_PARAMS < 1 || ASC_MAX_PARAMS > 1024
#error "ASC_MAX_PARAMS must be in 1..1024"
#endif
#if ASC_CODE_MAX < 16 || ASC_MESSAGE_MAX < 16 || ASC_REQUEST_ID_MAX < 16
#error "result text fields must hold at least 16 bytes"
#endif

#endif /* ASC_CONFIG_H */
