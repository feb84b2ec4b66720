/*
 * src/errors.c - documented service error codes <-> asc_error_code.
 *
 * One static const table, looked up linearly (26 entries: smaller and fast
 * enough next to a network round trip). The table order follows the enum so
 * asc_error_code_str() is an index.
 */
#include <string.h>
#include "asc_result.h"

typedef struct code_ent {
    const char *text;
    unsigned char len;
} code_ent;

#define ENT(s) { s, (unsigned char)(sizeof(s) - 1u) }

/* Indexed by asc_error_code. */
static const code_ent k_codes[ASC_ERR_COUNT_] = {
    ENT(""),                                          /* NONE */
    ENT("Unknown"),                                   /* UNKNOWN */
    ENT("InternalError"),
    ENT("Image.NotExist"),
    ENT("ImageDeleteFailed.NotAllow"),
    ENT("ImageDeleteFailed.NotAllowCommunityParent"),
    ENT("ImageDeleteFailed.NotAllowSharedImage"),
    ENT("ImageNotAllowDelete"),
    ENT("InvalidImageOperation.ImageIsCreating"),
    ENT("DeleteTemplate.Failed"),
    ENT("QueryTemplate.Failed"),
    ENT("InvalidTemplate.NotFound"),
    ENT("ImageDeleteFailed.HasSharedImage"),
    ENT("ServiceUnavailable"),
    ENT("SignatureDoesNotMatch"),
    ENT("IncompleteSignature"),
    ENT("InvalidTimeStamp.Expired"),
    ENT("InvalidTimeStamp.Format"),
    ENT("SignatureNonceUsed"),
    ENT("InvalidAccessKeyId.NotFound"),
    ENT("InvalidAccessKeyId.Inactive"),
    ENT("Throttling"),
    ENT("Throttling.User"),
    ENT("Throttling.Api"),
    ENT("Forbidden.RAM"),
    ENT("InvalidApi.NotFound"),
    ENT("MissingParameter"),
    ENT("InvalidParameter"),
};

static bool has_prefix(asc_span s, const char *pre, size_t n)
{
    return s.len >= n && memcmp(s.ptr, pre, n) == 0;
}

asc_error_code asc_error_code_from(asc_span code)
{
    int i;
    if (code.len == 0u || code.ptr == NULL) {
        return ASC_ERR_NONE;
    }
    /* Exact matches; index 1 ("Unknown") and the two family names are not
     * service codes and are skipped. */
    for (i = 2; i < (int)ASC_ERR_MISSING_PARAMETER; i++) {
        if (code.len == k_codes[i].len &&
            memcmp(code.ptr, k_codes[i].text, code.len) == 0) {
            return (asc_error_code)i;
        }
    }
    if (has_prefix(code, "Throttling.", 11u)) {
        return ASC_ERR_THROTTLING;
    }
    /* "Missing" / "Invalid" alone is not a parameter name: require more. */
    if (code.len > 7u && has_prefix(code, "Missing", 7u)) {
        return ASC_ERR_MISSING_PARAMETER;
    }
    if (code.len > 7u && has_prefix(code, "Invalid", 7u)) {
        return ASC_ERR_INVALID_PARAMETER;
    }
    return ASC_ERR_UNKNOWN;
}

const char *asc_error_code_str(asc_error_code code)
{
    int i = (int)code;
    if (i < 0 || i >= ASC_ERR_COUNT_) {
        return "Unknown";
    }
    return k_codes[i].text;
}

bool asc_error_is_throttling(asc_error_code code)
{
    return code == ASC_ERR_THROTTLING || code == ASC_ERR_THROTTLING_USER ||
           code == ASC_ERR_THROTTLING_API;
}

bool asc_error_is_retryable(asc_error_code code, int http_status)
{
    if ((http_status >= 500 && http_status <= 599) || http_status == 429) {
        return true;
    }
    return code == ASC_ERR_INTERNAL_ERROR ||
           code == ASC_ERR_SERVICE_UNAVAILABLE ||
           asc_error_is_throttling(code);
}
