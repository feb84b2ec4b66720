/* tests/unit/test_errors.c - documented codes -> asc_error_code (exact
 * text), families, near misses and hash twins against an exact-match
 * reference; status texts. */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "asc_result.h"
#include "error_names.h"

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
        CHECK_STR(error_name(k_documented[i].code), k_documented[i].text);
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
    s.len = 15;
    CHECK_EQ(asc_error_code_from(s), ASC_ERR_UNKNOWN);
    /* NULL ptr with a length: treated as no code, nothing read */
    s.ptr = NULL;
    s.len = 5;
    CHECK_EQ(asc_error_code_from(s), ASC_ERR_NONE);
    CHECK_EQ(asc_error_code_from(sp("Throttling.User.")), ASC_ERR_THROTTLING);
    CHECK_EQ(asc_error_code_from(sp("Throttling")), ASC_ERR_THROTTLING);
    CHECK_EQ(asc_error_code_from(sp("MissingX")), ASC_ERR_MISSING_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("InvalidX")), ASC_ERR_INVALID_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("Throttling")), ASC_ERR_THROTTLING);
    CHECK_EQ(asc_error_code_from(sp("Throttlin")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("MissingParameter")), ASC_ERR_MISSING_PARAMETER);
    CHECK_EQ(asc_error_code_from(sp("missingImageId")), ASC_ERR_UNKNOWN);
    CHECK_EQ(asc_error_code_from(sp("XInvalidImageId")), ASC_ERR_UNKNOWN);
}

/* 32-bit FNV-1a, the hash the library once used in place of the texts. */
static uint32_t fnv1a(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h = (h ^ (uint8_t)p[i]) * 16777619u;
    }
    return h;
}

/* Reference mapping by exact comparison. */
static asc_error_code ref_from(const char *p, size_t n)
{
    int c;
    if (n == 0) {
        return ASC_ERR_NONE;
    }
    for (c = ASC_ERR_INTERNAL_ERROR; c < ASC_ERR_MISSING_PARAMETER; c++) {
        if (strlen(k_error_names[c]) == n && memcmp(k_error_names[c], p, n) == 0) {
            return (asc_error_code)c;
        }
    }
    if (n >= 11 && memcmp(p, "Throttling.", 11) == 0) {
        return ASC_ERR_THROTTLING;
    }
    if (n > 7 && memcmp(p, "Missing", 7) == 0) {
        return ASC_ERR_MISSING_PARAMETER;
    }
    if (n > 7 && memcmp(p, "Invalid", 7) == 0) {
        return ASC_ERR_INVALID_PARAMETER;
    }
    return ASC_ERR_UNKNOWN;
}

static int g_variants;

static void check_variant(const char *p, size_t n)
{
    asc_span s;
    asc_error_code want = ref_from(p, n), got;
    s.ptr = p;
    s.len = n;
    got = asc_error_code_from(s);
    g_variants++;
    if (got != want) {
        fprintf(stderr, "    code \"%.*s\"\n", (int)n, p);
    }
    CHECK_EQ(got, want);
}

/*
 * Texts with the same 32-bit FNV-1a as a documented code (found by a
 * meet-in-the-middle search over [A-Za-z0-9]). While codes were matched by
 * hash, "Image.NotW9xWoa" from a retried delete read as Image.NotExist, a
 * false "already deleted". Exact text comparison gives ASC_ERR_UNKNOWN.
 */
static void test_hash_twins(void)
{
    static const struct {
        const char *twin, *documented;
        asc_error_code want;
    } twins[] = {
        { "Image.NotW9xWoa", "Image.NotExist", ASC_ERR_UNKNOWN },
        { "Image.NotyA2eTb", "Image.NotExist", ASC_ERR_UNKNOWN },
        { "Image.NotExistNck0ic", "Image.NotExist", ASC_ERR_UNKNOWN },
        { "InternalHGlU2b", "InternalError", ASC_ERR_UNKNOWN },
        { "InternalA40Bud", "InternalError", ASC_ERR_UNKNOWN },
    };
    size_t i;
    T_CASE("a text hashing like a documented code is not that code");
    for (i = 0; i < sizeof twins / sizeof twins[0]; i++) {
        CHECK_EQ(fnv1a(twins[i].twin, strlen(twins[i].twin)),
                 fnv1a(twins[i].documented, strlen(twins[i].documented)));
        CHECK_EQ(asc_error_code_from(sp(twins[i].twin)), twins[i].want);
        CHECK_EQ(ref_from(twins[i].twin, strlen(twins[i].twin)), twins[i].want);
    }
}

static void test_near_misses(void)
{
    static const char extra[] = " .xX0aZ_\t";
    char v[96];
    int c;
    T_CASE("near misses map like an exact match would");
    g_variants = 0;
    for (c = ASC_ERR_INTERNAL_ERROR; c < ASC_ERR_COUNT_; c++) {
        const char *t = k_error_names[c];
        size_t n = strlen(t), i, k;
        for (i = 0; i <= n; i++) {
            check_variant(t, i); /* every prefix, the text itself */
            memcpy(v, t, n);
            if (i < n) {
                /* case flip, one off either way, dropped char */
                for (k = 0; k < 3; k++) {
                    memcpy(v, t, n);
                    v[i] = (char)(k == 0 ? (t[i] ^ 0x20) : k == 1 ? t[i] + 1 : t[i] - 1);
                    check_variant(v, n);
                }
                memcpy(v, t, i);
                memcpy(v + i, t + i + 1, n - i - 1);
                check_variant(v, n - 1);
                check_variant(t + i, n - i); /* every suffix */
            }
            /* one char inserted at every position (end = appended) */
            for (k = 0; k + 1 < sizeof extra; k++) {
                memcpy(v, t, i);
                v[i] = extra[k];
                memcpy(v + i + 1, t + i, n - i);
                check_variant(v, n + 1);
            }
        }
        /* the code twice */
        memcpy(v, t, n);
        memcpy(v + n, t, n);
        check_variant(v, 2 * n);
    }
    CHECK(g_variants > 5000);
}

static uint32_t rng = 0x9e3779b9u;
static void test_random(void)
{
    static const char alpha[] = "ImageDltFNoxsTrhAupRMIv.ncyC";
    char v[64];
    int iter;
    T_CASE("random codes");
    for (iter = 0; iter < 200000; iter++) {
        size_t n, i, off = 0;
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        n = 1u + rng % 40u;
        if (iter & 1) {
            off = (iter & 2) ? 7u : 11u;
            memcpy(v, (iter & 2) ? "Invalid" : "Throttling.", off);
        }
        for (i = off; i < off + n; i++) {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            v[i] = alpha[rng % (sizeof alpha - 1u)];
        }
        n += off;
        check_variant(v, n);
    }
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
    /* the 5xx range's both ends, and 429's neighbours */
    CHECK(!asc_error_is_retryable(ASC_ERR_UNKNOWN, 499));
    CHECK(asc_error_is_retryable(ASC_ERR_UNKNOWN, 599));
    CHECK(!asc_error_is_retryable(ASC_ERR_UNKNOWN, 428));
    CHECK(!asc_error_is_retryable(ASC_ERR_UNKNOWN, 430));
    for (c = 0; c < ASC_ERR_COUNT_; c++) {
        CHECK_EQ(asc_error_is_throttling((asc_error_code)c),
                 c == ASC_ERR_THROTTLING || c == ASC_ERR_THROTTLING_USER ||
                     c == ASC_ERR_THROTTLING_API);
    }
}

/* Every status value has its own text, in enum order; the rest one
 * fallback. */
static void test_status_texts(void)
{
    int s, t;
    T_CASE("status texts");
    for (s = 0; s < ASC_STATUS_COUNT_; s++) {
        const char *text = asc_status_str((asc_status)s);
        CHECK(text != NULL && text[0] != '\0');
        CHECK(strcmp(text, "unknown status") != 0);
        for (t = 0; t < s; t++) {
            CHECK(strcmp(text, asc_status_str((asc_status)t)) != 0);
        }
    }
#if ASC_ENABLE_STATUS_TEXT
    CHECK_STR(asc_status_str(ASC_OK), "ok");
    CHECK_STR(asc_status_str(ASC_E_INVALID_ARG), "invalid argument");
    CHECK_STR(asc_status_str(ASC_E_JSON), "malformed JSON");
    CHECK_STR(asc_status_str(ASC_E_DUPLICATE_PARAM), "duplicate parameter");
#else
    CHECK_STR(asc_status_str(ASC_OK), "0");
    CHECK_STR(asc_status_str(ASC_E_TIMEOUT), "9");
    CHECK_STR(asc_status_str(ASC_E_CLOSED), "10");
    CHECK_STR(asc_status_str(ASC_E_DUPLICATE_PARAM), "20");
#endif
    CHECK_STR(asc_status_str((asc_status)ASC_STATUS_COUNT_), "unknown status");
    CHECK_STR(asc_status_str((asc_status)-1), "unknown status");
}

int main(void)
{
    test_documented();
    test_families();
    test_hash_twins();
    test_near_misses();
    test_random();
    test_retryable();
    test_status_texts();
    return TEST_REPORT();
}
