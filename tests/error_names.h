/*
 * tests/error_names.h - test-side enum -> text table for asc_error_code (the
 * library maps text -> enum only and has no enum -> text function). Families give
 * "Throttling", "MissingParameter", "InvalidParameter"; ASC_ERR_NONE gives
 * "", ASC_ERR_UNKNOWN and out-of-range values "Unknown".
 */
#ifndef ASC_TEST_ERROR_NAMES_H
#define ASC_TEST_ERROR_NAMES_H

#include "asc_result.h"

/* Indexed by asc_error_code. */
static const char *const k_error_names[ASC_ERR_COUNT_] = {
    "",
    "Unknown",
    "InternalError",
    "Image.NotExist",
    "ImageDeleteFailed.NotAllow",
    "ImageDeleteFailed.NotAllowCommunityParent",
    "ImageDeleteFailed.NotAllowSharedImage",
    "ImageNotAllowDelete",
    "InvalidImageOperation.ImageIsCreating",
    "DeleteTemplate.Failed",
    "QueryTemplate.Failed",
    "InvalidTemplate.NotFound",
    "ImageDeleteFailed.HasSharedImage",
    "ServiceUnavailable",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "InvalidTimeStamp.Expired",
    "InvalidTimeStamp.Format",
    "SignatureNonceUsed",
    "InvalidAccessKeyId.NotFound",
    "InvalidAccessKeyId.Inactive",
    "Throttling",
    "Throttling.User",
    "Throttling.Api",
    "Forbidden.RAM",
    "InvalidApi.NotFound",
    "MissingParameter",
    "InvalidParameter",
};

static inline const char *error_name(asc_error_code code)
{
    int i = (int)code;
    return (i < 0 || i >= ASC_ERR_COUNT_) ? "Unknown" : k_error_names[i];
}

#endif
