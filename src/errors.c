/*
 * src/errors.c - service error code text -> asc_error_code.
 *
 * The documented codes are matched by their 32-bit FNV-1a hash (the texts
 * themselves are not stored); the three families by exact prefix.
 */
#include <string.h>
#include "asc_result.h"
#include "util.h"

/* FNV-1a of each documented code, in enum order from ASC_ERR_INTERNAL_ERROR.
 * tests/unit/test_errors.c recomputes every entry from its text. */
static const uint32_t k_hash[] = {
    0xb5ca86c6u, /* InternalError */
    0xac975704u, /* Image.NotExist */
    0x74e145ecu, /* ImageDeleteFailed.NotAllow */
    0x7e201bb9u, /* ImageDeleteFailed.NotAllowCommunityParent */
    0x4954243eu, /* ImageDeleteFailed.NotAllowSharedImage */
    0xd5c99b1bu, /* ImageNotAllowDelete */
    0xd90e791eu, /* InvalidImageOperation.ImageIsCreating */
    0x48559927u, /* DeleteTemplate.Failed */
    0xf37b3bbcu, /* QueryTemplate.Failed */
    0x4ab9b507u, /* InvalidTemplate.NotFound */
    0x68084ab8u, /* ImageDeleteFailed.HasSharedImage */
    0xc16a6686u, /* ServiceUnavailable */
    0xb91adfd2u, /* SignatureDoesNotMatch */
    0xae2c1c8du, /* IncompleteSignature */
    0xbf94937bu, /* InvalidTimeStamp.Expired */
    0xb7512589u, /* InvalidTimeStamp.Format */
    0xc0b26c05u, /* SignatureNonceUsed */
    0x3a5ff095u, /* InvalidAccessKeyId.NotFound */
    0x0898838bu, /* InvalidAccessKeyId.Inactive */
    0xc5e7e7b6u, /* Throttling */
    0xe86fd5cbu, /* Throttling.User */
    0x113575f8u, /* Throttling.Api */
    0x19e1258cu, /* Forbidden.RAM */
    0x2b1a7fe9u, /* InvalidApi.NotFound */
};

#define N_HASH ((unsigned)(sizeof k_hash / sizeof k_hash[0]))

/* Family rules, each: prefix length, result, prefix. */
static const char k_fam[] = "\x0b" "\x15" "Throttling." "\x07" "\x1a" "Missing"
                            "\x07" "\x1b" "Invalid";

asc_error_code asc_error_code_from(asc_span code)
{
    unsigned i;
    const char *f = k_fam;
    if (code.len == 0u || code.ptr == NULL) {
        return ASC_ERR_NONE;
    }
    i = asc_hash_find(code.ptr, code.len, 0u, k_hash, N_HASH);
    if (i < N_HASH) {
        return (asc_error_code)(i + ASC_ERR_INTERNAL_ERROR);
    }
    /* A family needs more than its prefix, except "Throttling.". */
    for (; *f != '\0' && code.len > 7u; f += (uint8_t)f[0] + 2u) {
        if (code.len >= (uint8_t)f[0] && memcmp(code.ptr, f + 2, (uint8_t)f[0]) == 0) {
            return (asc_error_code)f[1];
        }
    }
    return ASC_ERR_UNKNOWN;
}

bool asc_error_is_throttling(asc_error_code code)
{
    return (unsigned)code - (unsigned)ASC_ERR_THROTTLING < 3u;
}

bool asc_error_is_retryable(asc_error_code code, int http_status)
{
    return (unsigned)http_status - 500u < 100u || http_status == 429 ||
           code == ASC_ERR_INTERNAL_ERROR || code == ASC_ERR_SERVICE_UNAVAILABLE ||
           asc_error_is_throttling(code);
}
