/* tests/unit/test_errors.c - documented codes <-> asc_error_code. */
#include <string.h>
#include "harness.h"
#include "asc_result.h"

static asc_span sp(const char *s)
{
    asc_span x;
    x.ptr = s;
    x.len = strlen(s);
    return x;
}

static const struct {
    const char *text;
    asc_error_code code;
} k_documented[] = {
    /* DeleteImage, section 1 */
    { "InternalError", ASC_ERR_INTERNAL_ERROR },
    { "Image.NotExist", ASC_ERR_IMAGE_NOT_EXIST },
    { "ImageDeleteFailed.NotAllow", ASC_ERR_IMAGE_DELETE_NOT_ALLOW },
    { "ImageDeleteFailed.NotAllowCommunityParent",
      ASC_ERR_IMAGE_DELETE_NOT_ALLOW_COMMUNITY_PARENT },
    { "ImageDeleteFailed.NotAllowSharedImage",
      ASC_ERR_IMAGE_DELETE_NOT_ALLOW_SHARED_IMAGE },
    { "ImageNotAllowDelete", ASC_ERR_IMAGE_NOT_ALLOW_DELETE },
    { "InvalidImageOperation.ImageIsCreating", ASC_ERR_IMAGE_IS_CREATING },
    { "DeleteTemplate.Failed", ASC_ERR_DELETE_TEMPLATE_FAILED },
    { "QueryTemplate.Failed", ASC_ERR_QUERY_TEMPLATE_FAILED },
    { "InvalidTemplate.NotFound", ASC_ERR_TEMPLATE_NOT_FOUND },
    { "ImageDeleteFailed.HasSharedImage", ASC_ERR_IMAGE_DELETE_HAS_SHARED_IMAGE },
    { "ServiceUnavailable", ASC_ERR_SERVICE_UNAVAILABLE },
    /* Gateway, section 5 */
    { "SignatureDoesNotMatch", ASC_ERR_SIGNATURE_DOES_NOT_MATCH },
    { "IncompleteSignature", ASC_ERR_INCOMPLETE_SIGNATURE },
    { "InvalidTimeStamp.Expired", ASC_ERR_TIMESTAMP_EXPIRED },
    { "InvalidTimeStamp.Format", ASC_ERR_TIMESTAMP_FORMAT },
    { "SignatureNonceUsed", ASC_ERR_SIGNATURE_NONCE_USED },
    { "InvalidAccessKeyId.NotFound", ASC_ERR_ACCESS_KEY_NOT_FOUND },
    { "InvalidAccessKeyId.Inactive", ASC_ERR_ACCESS_KEY_INACTIVE },
    { "Throttling", ASC_ERR_THROTTLING },
    { "Throttling.User", ASC_ERR_THROTTLING_USER },
    { "Throttling.Api", ASC_ERR_THROTTLING_API },
    { "Forbidden.RAM", ASC_ERR_FORBIDDEN_RAM },
    { "InvalidApi.NotFound", ASC_ERR_API_NOT_FOUND },
};

static void test_documented(void)
{
    size_t i, j;
    T_CASE("documented codes round trip");
    for (i = 0; i < sizeof k_documented / sizeof k_documented[0]; i++) {
        CHECK_EQ(asc_error_code_from(sp(k_documented[i].text)), k_documented[i].code);
        CHECK_STR(asc_error_code_str(k_documented[i].code), k_documented[i].text);
        /* all distinct */
        for (j = 0; j < i; j++) {
            CHECK(k_documented[i].code != k_documented[j].code);
        }
    }
    CHECK_EQ(sizeof k_documented / sizeof k_documented[0], 24);
}

static void test_families(void)
{
    char buf[64];
    asc_span s;
    T_CASE("families");
    CHECK_EQ(asc_error_code_from(sp("MissingImageId")), ASC_ERR_MISSING_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("MissingParameter")), ASC_ERR_MISSING_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("InvalidImageId")), ASC_ERR_INVALID_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("InvalidParameter")), ASC_ERR_INVALID_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("InvalidTimeStamp.Other")), ASC_ERR_INVALID_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("InvalidApi.Other")), ASC_ERR_INVALID_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("Throttling.Other")), ASC_ERR_THROTTLING);
    CHECK_EQ(asc_error_code_from(sp("Throttling.")), ASC_ERR_THROTTLING);
    CHECK_EQ(asc_error_code_from(sp("Missing")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("Invalid")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("ThrottlingX")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("Forbidden")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("image.notexist")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("Image.NotExis")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("Image.NotExist ")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("Unknown")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("")), ASC_ERR_NONE);
    s.ptr = NULL;
    s.len = 0;
    CHECK_EQ(asc_error_code_from(s), ASC_ERR_NONE);
    /* Never reads past len: a prefix of a longer buffer. */
    memcpy(buf, "Image.NotExistXYZ", 18);
    s.ptr = buf;
    s.len = 14;
    CHECK_EQ(asc_error_code_from(s), ASC_ERR_IMAGE_NOT_EXIST);
    CHECK_STR(asc_error_code_str(ASC_ERR_MISSING_PARAMETER), "MissingParameter");
    CHECK_STR(asc_error_code_str(ASC_ERR_INVALID_PARAMETER), "InvalidParameter");
    CHECK_STR(asc_error_code_str(ASC_ERR_NONE), "");
    CHECK_STR(asc_error_code_str(ASC_ERR_UNKNOWN), "Unknown");
    CHECK_STR(asc_error_code_str((asc_error_code)999), "Unknown");
    CHECK_STR(asc_error_code_str((asc_error_code)-1), "Unknown");
}

static void test_retryable(void)
{
    int c;
    T_CASE("retryable");
    CHECK(asc_error_is_retryable(ASC_ERR_INTERNAL_ERROR, 400));
    CHECK(asc_error_is_retryable(ASC_ERR_SERVICE_UNAVAILABLE, 400));
    CHECK(asc_error_is_retryable(ASC_ERR_THROTTLING, 400));
    CHECK(asc_error_is_retryable(ASC_ERR_THROTTLING_USER, 400));
    CHECK(asc_error_is_retryable(ASC_ERR_THROTTLING_API, 400));
    CHECK(asc_error_is_retryable(ASC_ERR_UNKNOWN, 500));
    CHECK(asc_error_is_retryable(ASC_ERR_UNKNOWN, 503));
    CHECK(asc_error_is_retryable(ASC_ERR_NONE, 599));
    CHECK(asc_error_is_retryable(ASC_ERR_UNKNOWN, 429));
    CHECK(!asc_error_is_retryable(ASC_ERR_UNKNOWN, 400));
    CHECK(!asc_error_is_retryable(ASC_ERR_IMAGE_NOT_EXIST, 400));
    CHECK(!asc_error_is_retryable(ASC_ERR_SIGNATURE_DOES_NOT_MATCH, 400));
    CHECK(!asc_error_is_retryable(ASC_ERR_TIMESTAMP_EXPIRED, 400));
    CHECK(!asc_error_is_retryable(ASC_ERR_FORBIDDEN_RAM, 403));
    CHECK(!asc_error_is_retryable(ASC_ERR_NONE, 200));
    CHECK(!asc_error_is_retryable(ASC_ERR_UNKNOWN, 600));
    for (c = 0; c < ASC_ERR_COUNT_; c++) {
        CHECK_EQ(asc_error_is_throttling((asc_error_code)c),
                 c == ASC_ERR_THROTTLING || c == ASC_ERR_THROTTLING_USER ||
                     c == ASC_ERR_THROTTLING_API);
        CHECK(asc_error_code_str((asc_error_code)c) != NULL);
    }
}

int main(void)
{
    test_documented();
    test_families();
    test_retryable();
    return TEST_REPORT();
}
