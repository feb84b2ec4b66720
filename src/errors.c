/*
 * src/errors.c - service error code text -> asc_error_code.
 *
 * A documented code is recognised only by its whole text, compared byte for
 * byte (case-sensitive, as the service spells it). No hash stands in for
 * the text: an undocumented code can never be taken for a documented one
 * (on a retried delete, Image.NotExist decides success). The three families
 * are matched by exact prefix.
 */
#include <string.h>
#include "asc_result.h"
#include "util.h"

/* The documented codes (API reference sections 1 and 5): the text of each
 * value from ASC_ERR_INTERNAL_ERROR to ASC_ERR_API_NOT_FOUND, in enum order
 * (index value - FIRST_DOCUMENTED). The families are not listed: they match
 * by prefix. */
#define FIRST_DOCUMENTED ASC_ERR_INTERNAL_ERROR
#define LAST_DOCUMENTED ASC_ERR_API_NOT_FOUND
static const char *const k_documented[] = {
    "InternalError", /* ASC_ERR_INTERNAL_ERROR */
    "Image.NotExist", /* ASC_ERR_IMAGE_NOT_EXIST */
    "ImageDeleteFailed.NotAllow", /* ASC_ERR_IMAGE_DELETE_NOT_ALLOW */
    "ImageDeleteFailed.NotAllowCommunityParent", /* ASC_ERR_IMAGE_DELETE_NOT_ALLOW_COMMUNITY_PARENT */
    "ImageDeleteFailed.NotAllowSharedImage", /* ASC_ERR_IMAGE_DELETE_NOT_ALLOW_SHARED_IMAGE */
    "ImageNotAllowDelete", /* ASC_ERR_IMAGE_NOT_ALLOW_DELETE */
    "InvalidImageOperation.ImageIsCreating", /* ASC_ERR_IMAGE_IS_CREATING */
    "DeleteTemplate.Failed", /* ASC_ERR_DELETE_TEMPLATE_FAILED */
    "QueryTemplate.Failed", /* ASC_ERR_QUERY_TEMPLATE_FAILED */
    "InvalidTemplate.NotFound", /* ASC_ERR_TEMPLATE_NOT_FOUND */
    "ImageDeleteFailed.HasSharedImage", /* ASC_ERR_IMAGE_DELETE_HAS_SHARED_IMAGE */
    "ServiceUnavailable", /* ASC_ERR_SERVICE_UNAVAILABLE */
    "SignatureDoesNotMatch", /* ASC_ERR_SIGNATURE_DOES_NOT_MATCH */
    "IncompleteSignature", /* ASC_ERR_INCOMPLETE_SIGNATURE */
    "InvalidTimeStamp.Expired", /* ASC_ERR_TIMESTAMP_EXPIRED */
    "InvalidTimeStamp.Format", /* ASC_ERR_TIMESTAMP_FORMAT */
    "SignatureNonceUsed", /* ASC_ERR_SIGNATURE_NONCE_USED */
    "InvalidAccessKeyId.NotFound", /* ASC_ERR_ACCESS_KEY_NOT_FOUND */
    "InvalidAccessKeyId.Inactive", /* ASC_ERR_ACCESS_KEY_INACTIVE */
    "Throttling", /* ASC_ERR_THROTTLING */
    "Throttling.User", /* ASC_ERR_THROTTLING_USER */
    "Throttling.Api", /* ASC_ERR_THROTTLING_API */
    "Forbidden.RAM", /* ASC_ERR_FORBIDDEN_RAM */
    "InvalidApi.NotFound", /* ASC_ERR_API_NOT_FOUND */
};

#define N_DOCUMENTED (sizeof k_documented / sizeof k_documented[0])

/* As many texts as values from FIRST_DOCUMENTED to LAST_DOCUMENTED; their
 * order is checked by tests/unit/test_errors.c, which maps the text of every
 * value back to that value. */
typedef char asc_documented_codes_all_listed[
    (N_DOCUMENTED == (size_t)LAST_DOCUMENTED - (size_t)FIRST_DOCUMENTED + 1u) ? 1 : -1];

/* code begins with prefix (and may end there). */
static bool code_starts_with(asc_span code, const char *prefix)
{
    size_t n = strlen(prefix);
    return code.len >= n && memcmp(code.ptr, prefix, n) == 0;
}

asc_error_code asc_error_code_from(asc_span code)
{
    size_t i;
    if (code.len == 0u || code.ptr == NULL) {
        return ASC_ERR_NONE;
    }
    for (i = 0; i < N_DOCUMENTED; i++) {
        if (asc_text_is(code.ptr, code.len, k_documented[i])) {
            return (asc_error_code)((size_t)FIRST_DOCUMENTED + i);
        }
    }
    /* The families: "Throttling." alone counts; "Missing" and "Invalid"
     * need a parameter name after them. */
    if (code_starts_with(code, "Throttling.")) {
        return ASC_ERR_THROTTLING;
    }
    if (code.len > strlen("Missing") && code_starts_with(code, "Missing")) {
        return ASC_ERR_MISSING_PARAMETER;
    }
    if (code.len > strlen("Invalid") && code_starts_with(code, "Invalid")) {
        return ASC_ERR_INVALID_PARAMETER;
    }
    return ASC_ERR_UNKNOWN;
}

bool asc_error_is_throttling(asc_error_code code)
{
    return code == ASC_ERR_THROTTLING || code == ASC_ERR_THROTTLING_USER ||
           code == ASC_ERR_THROTTLING_API;
}

bool asc_error_is_retryable(asc_error_code code, int http_status)
{
    bool server_error = http_status >= 500 && http_status <= 599;
    bool too_many_requests = http_status == 429;
    return server_error || too_many_requests || code == ASC_ERR_INTERNAL_ERROR ||
           code == ASC_ERR_SERVICE_UNAVAILABLE || asc_error_is_throttling(code);
}
