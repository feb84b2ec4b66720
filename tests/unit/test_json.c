/*
 * tests/unit/test_json.c - binding response bodies to asc_result: strict
 * JSON checks, string decoding, truncation, scratch memory. Bodies end at a
 * PROT_NONE guard page so an over-read crashes. tests/json_ref.h is the
 * reference validator for the differential tests.
 */
#define _DEFAULT_SOURCE 1
/* The library's binder follows ASC_FULL (the Makefile sets only that);
 * this file also compiles src/json.c in the other parsing profile as
 * other_result_bind, for the lean/strict differential test. */
#define LIB_STRICT ASC_FULL
#define ASC_STRICT_PARSING (1 - ASC_FULL)
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "harness.h"
#include "asc_result.h"
#include "error_names.h"
#include "json_ref.h"

#define asc_result_bind other_result_bind
#define asc_result_clear other_result_clear
#define asc_json_token_size other_json_token_size
asc_status other_result_bind(asc_result *r, asc_span body, int http_status,
                             unsigned flags, void *scratch, size_t scratch_len);
void other_result_clear(asc_result *r);
size_t other_json_token_size(void);
#include "../../src/json.c"
#undef asc_result_bind
#undef asc_result_clear
#undef asc_json_token_size

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif

#define REGION (32u * 1024u)
static uint8_t *g_region;

static void guard_setup(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    size_t page = pg > 0 ? (size_t)pg : 4096u;
    void *m = mmap(NULL, REGION + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    g_region = (uint8_t *)m;
    if (mprotect(g_region + REGION, page, PROT_NONE) != 0) {
        perror("mprotect");
        exit(2);
    }
}

/* Copy s so that it ends at the guard page. */
static asc_span guarded(const char *s, size_t n)
{
    asc_span sp;
    char *p = (char *)g_region + REGION - n;
    memcpy(p, s, n);
    sp.ptr = p;
    sp.len = n;
    return sp;
}

static unsigned char g_scratch[8192];

static asc_status bind_n(asc_result *r, const char *body, size_t n, int http)
{
    /* odd offset: the binder must align */
    return asc_result_bind(r, guarded(body, n), http, 0, g_scratch + 1,
                           sizeof g_scratch - 1u);
}

static asc_status bind(asc_result *r, const char *body, int http)
{
    return bind_n(r, body, strlen(body), http);
}

/* Bind {"x":<v>}: any JSON value under an unknown key. */
static asc_status bind_value(const char *v)
{
    static char body[1024];
    asc_result r;
    int n = snprintf(body, sizeof body, "{\"x\":%s}", v);
    return bind_n(&r, body, (size_t)n, 200);
}

static void test_success(void)
{
    asc_result r;
    T_CASE("success body");
    CHECK_EQ(bind(&r, "{\"Data\":true,\"Success\":true,\"Code\":\"200\",\"Message\":\"successful\","
                      "\"RequestId\":\"1CBAFFAB-B697-4049-A9B1-67E1FC5F****\"}", 200), ASC_OK);
    CHECK(r.data);
    CHECK(r.success);
    CHECK_STR(r.code, "200");
    CHECK_STR(r.message, "successful");
    CHECK_STR(r.request_id, "1CBAFFAB-B697-4049-A9B1-67E1FC5F****");
    CHECK_STR(r.host_id, "");
    CHECK_STR(r.recommend, "");
    CHECK(!r.truncated);
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(r.http_status, 200);
    CHECK(!r.already_deleted);
    CHECK_EQ(r.present, ASC_RESULT_HAS_DATA | ASC_RESULT_HAS_SUCCESS | ASC_RESULT_HAS_CODE |
                            ASC_RESULT_HAS_MESSAGE | ASC_RESULT_HAS_REQUEST_ID);
    CHECK_MEM(r.data_json.ptr, r.data_json.len, "true", 4);
    CHECK_EQ(r.body.len, 115);

    T_CASE("success variants");
    CHECK_EQ(bind(&r, " \r\n\t{ \"Data\" : false , \"Success\" : \"true\" , \"Code\" : 200 } \n", 200), ASC_OK);
    CHECK(!r.data);
    CHECK(r.success);
    CHECK_STR(r.code, "200");
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(bind(&r, "{}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(r.present, 0);
    CHECK_EQ(bind(&r, "{\"Data\":null,\"Message\":null,\"Code\":null}", 200), ASC_OK);
    CHECK_EQ(r.present, 0);
    CHECK_EQ(r.error, ASC_ERR_NONE);
    /* {} with an error status: unknown error */
    CHECK_EQ(bind(&r, "{}", 500), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    /* Success false on a 200 */
    CHECK_EQ(bind(&r, "{\"Success\":false,\"Code\":\"Image.NotExist\"}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_IMAGE_NOT_EXIST);
    CHECK(!r.already_deleted); /* set by asc_delete_image, not the binder */
    CHECK_EQ(bind(&r, "{\"Success\":false}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(&r, "{\"Success\":\"false\",\"Code\":\"400\"}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_STR(r.code, "400");
    /* only the exact text "200" is a success Code (compared as 4 bytes
     * with its NUL) */
    CHECK_EQ(bind(&r, "{\"Code\":\"2000\"}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(&r, "{\"Code\":\"20\"}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(&r, "{\"Code\":\"20\\u0030\"}", 200), ASC_OK); /* decoded text */
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(bind(&r, "{\"Code\":\"200\\u0000x\"}", 200), ASC_OK); /* text ends at NUL */
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(bind(&r, "{\"Code\":-1.5e3}", 400), ASC_OK);
    CHECK_STR(r.code, "-1.5e3");
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
}

static void test_error_bodies(void)
{
    asc_result r;
    T_CASE("gateway error body");
    CHECK_EQ(bind(&r, "{\"RequestId\":\"A1B2\",\"HostId\":\"appstream-center.aliyuncs.com\","
                      "\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature does not match "
                      "our calculation. server string to sign is:POST&%2F&...\","
                      "\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=appstream-center&requestId=A1B2\"}",
                 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_SIGNATURE_DOES_NOT_MATCH);
    CHECK_STR(r.request_id, "A1B2");
    CHECK_STR(r.host_id, "appstream-center.aliyuncs.com");
    CHECK_STR(r.code, "SignatureDoesNotMatch");
    CHECK_STR(r.recommend, "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=appstream-center&requestId=A1B2");
    CHECK(!r.truncated);
    CHECK(!r.already_deleted);
    CHECK_EQ(r.data_json.len, 0);

    T_CASE("unknown nested keys");
    CHECK_EQ(bind(&r, "{\"RequestId\":\"R\",\"AccessDeniedDetail\":{\"PolicyType\":\"AccountLevelIdentityBasedPolicy\","
                      "\"AuthAction\":\"appstream-center:DeleteImage\",\"NoPermissionType\":\"ImplicitDeny\","
                      "\"Nested\":[1,2,{\"Code\":\"fake\",\"x\":[[[]]],\"y\":{}},[],\"s\",null,true,-0.5e-7]},"
                      "\"Code\":\"Forbidden.RAM\",\"Extra\":[{\"Message\":\"nope\"}],\"N\":12,\"B\":false,\"Z\":null,"
                      "\"Message\":\"not authorized\",\"Data\":{\"Message\":\"inner\"}}",
                 403), ASC_E_JSON); /* Data object without ASC_BIND_DATA_ANY */
    {
        const char *b = "{\"RequestId\":\"R\",\"AccessDeniedDetail\":{\"A\":[1,{\"Code\":\"x\"}]},"
                        "\"Code\":\"Forbidden.RAM\",\"Extra\":[{\"Message\":\"nope\"}],"
                        "\"Message\":\"not authorized\",\"Data\":{\"Message\":\"inner\"},\"Tail\":[]}";
        CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 403, ASC_BIND_DATA_ANY,
                                 g_scratch, sizeof g_scratch), ASC_OK);
    }
    CHECK_EQ(r.error, ASC_ERR_FORBIDDEN_RAM);
    CHECK_STR(r.message, "not authorized");
    CHECK_STR(r.request_id, "R");
    CHECK_MEM(r.data_json.ptr, r.data_json.len, "{\"Message\":\"inner\"}", 19);
    CHECK(!r.data);
    CHECK((r.present & ASC_RESULT_HAS_DATA) == 0u);
    /* string Data raw includes quotes */
    CHECK_EQ(asc_result_bind(&r, guarded("{\"Data\":\"x\"}", 12), 200, ASC_BIND_DATA_ANY,
                             g_scratch, sizeof g_scratch), ASC_OK);
    CHECK_MEM(r.data_json.ptr, r.data_json.len, "\"x\"", 3);

    T_CASE("business errors");
    CHECK_EQ(bind(&r, "{\"RequestId\":\"R\",\"Code\":\"Image.NotExist\",\"Message\":\"The image does not exist.\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_IMAGE_NOT_EXIST);
    CHECK(!r.already_deleted); /* asc_delete_image decides */
    CHECK_EQ(bind(&r, "{\"Code\":\"Some.NewCode\",\"Message\":\"m\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_STR(r.code, "Some.NewCode");
    CHECK_EQ(bind(&r, "{\"Code\":\"ServiceUnavailable\"}", 503), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_SERVICE_UNAVAILABLE);
    CHECK(asc_error_is_retryable(r.error, r.http_status));
    CHECK_EQ(bind(&r, "{\"Code\":\"\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(&r, "{\"Code\":\"200\",\"Success\":true}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(&r, "{\"Code\":\"Throttling.User\"}", 200), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_THROTTLING_USER);
}

static void test_invalid(void)
{
    /* Rejected in both profiles: what jsmn (strict mode, both profiles)
     * rejects, escapes it finds malformed, a top level that is not an
     * object. */
    static const char *const bad[] = {
        "[1:2]",
        "{\"a\":.5}", "{\"a\":+1}", "{\"a\":Infinity}", "{\"a\":NaN}", "{\"a\":True}",
        "{} x", "{1:2}", "{null:1}", "{\"a\":{1:2}}", "{[]:1}", "{{}:1}", "{\"a\":'x'}", "{a:1}",
        "{\"a\"}:1", "{\"a\":1}:2", "{\"a\":{}}:\"b\":1", "{\"a\":[1]2}",
        "{}]", "{}}", "{\"a\":[}",
        "{\"a\":{]}", "{\"a\":[1}", "{\"a\":1]", "]", "}", "[", "{", "", "   ", "{\"a\":1",
        "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\\"}", "\xef\xbb\xbf{}", 
        "{}:\"b\"]", "{\"a\":1} {", "{\"a\":[1]]}",
    };
    /* What jsmn lets through: bad separators, trailing values, primitive
     * spelling, raw bytes and lone surrogates in strings. Only
     * ASC_STRICT_PARSING rejects these; lean skips them (no known key). */
    static const char *const bad_strict[] = {
        "{\"a\"}", "{\"a\",\"b\"}", "{\"a\":1 \"b\":2}", "{\"a\":1,}", "{,\"a\":1}", "{\"a\"::1}",
        "{\"a\":1:2}", "{\"a\":[1 2]}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":tru}",
        "{\"a\":nul}", "{\"a\":falsey}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}",
        "{\"a\":1e+}", "{\"a\":--1}", "{\"a\":1.2.3}", "{\"a\":0x10}", "{\"a\":\"x\ty\"}",
        "{\"a\":\"x\ny\"}", "{\"a\":\"\x01\"}", "{}{}", "{\"a\":1}\"b\"", "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\ud800x\"}",
        "{\"a\":\"\\udbff\\udbff\"}", "{\"a\":\"\x80\"}", "{\"a\":\"\xc0\xaf\"}",
        "{\"a\":\"\xe0\x80\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}",
        "{\"a\":\"\xf5\x80\x80\x80\"}", "{\"a\":\"\xe2\x82\"}", "{\"a\":\"\xff\"}",
        "{\"\\ud800\":1}", "{\"a\":\"\\ud800\\n\"}", "{\"a\":\"\\ud800\xed\xb0\x80\"}",
        "{\"a\":\"\xc1\x81\"}", "{\"a\":\"\xf8\x88\x80\x80\x80\"}", "{\"a\":\"\xbf\"}",
        "{\"a\":\"\xc3x\"}", "{\"a\":\"\xe4\xb8\"}", "{\"a\":{\"b\"}:1}", "{\"a\":[]:1}",
        "{\"a\":[[]:1]}", "{\"a\":[\"x\":1]}", "{\"a\":[1,,2]}", "{\"a\":[1],}",
        "{\"a\":[1,],\"b\":2}", "{\"a\":{\"b\":1,},\"c\":2}", "{\"a\":[[1],,2]}", "{:\"a\":1}",
        "{\"a\":[:1]}", "{\"a\":1,,\"b\":2}", "{\"a\"::[1]}", "{\"a\":[{}{}]}",
        "{\"a\":\"b\":\"c\"}", "{\"a\":1}\t,",
    };
    size_t i;
    asc_result r;
    T_CASE("invalid JSON");
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = strlen(bad[i]);
        asc_status st;
        st = bind_n(&r, bad[i], n, 200);
        if (st != ASC_E_JSON) {
            fprintf(stderr, "  accepted #%zu: %s\n", i, bad[i]);
        }
        CHECK_EQ(st, ASC_E_JSON);
    }
    T_CASE(LIB_STRICT ? "invalid JSON jsmn lets through" : "lean: skipped malformed parts");
    for (i = 0; i < sizeof bad_strict / sizeof bad_strict[0]; i++) {
        asc_status st = bind_n(&r, bad_strict[i], strlen(bad_strict[i]), 200);
        if (st != (LIB_STRICT ? ASC_E_JSON : ASC_OK)) {
            fprintf(stderr, "  #%zu: %s -> %d\n", i, bad_strict[i], (int)st);
        }
        CHECK_EQ(st, LIB_STRICT ? ASC_E_JSON : ASC_OK);
        CHECK_EQ(r.present, 0);
        CHECK_EQ(r.error, ASC_ERR_NONE);
    }
    T_CASE("NUL bytes");
    /* trailing bytes after the object: a NUL ends jsmn's input */
    CHECK_EQ(bind_n(&r, "{\"a\":1}\0", 8, 200), LIB_STRICT ? ASC_E_JSON : ASC_OK);
    CHECK_EQ(bind_n(&r, "{\"a\":\"\0\"}", 9, 200), ASC_E_JSON);
    CHECK_EQ(bind_n(&r, "\0{}", 3, 200), ASC_E_JSON);
    CHECK_EQ(bind_n(&r, "{\"a\0\":1}", 9, 200), ASC_E_JSON);
    T_CASE("not an object at top level");
    CHECK_EQ(bind(&r, "[]", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "\"x\"", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "1", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "null", 200), ASC_E_JSON);
    T_CASE("values of every type under an unknown key");
    {
        static const char *const good[] = {
            "[]", " 1 ", "-0.0E+10", "0", "-0", "12.5e-3", "1E9", "true", "false", "null",
            "\"\\ud83d\\ude00\"", "[[[[{\"a\":[{}]}]]]]", "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":[]}",
            "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "[\"\xf0\x9f\x98\x80\", \"\xed\x9f\xbf\"]",
            "[1 , 2\n,\r3\t]", "{ }", "[ ]",
        };
        for (i = 0; i < sizeof good / sizeof good[0]; i++) {
            if (bind_value(good[i]) != ASC_OK) {
                fprintf(stderr, "  rejected #%zu: %s\n", i, good[i]);
            }
            CHECK_EQ(bind_value(good[i]), ASC_OK);
        }
    }

    T_CASE("wrong types for known fields");
    CHECK_EQ(bind(&r, "{\"Success\":1}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Success\":\"yes\"}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Success\":[true]}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Data\":1}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Code\":true}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Code\":{}}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Message\":1}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"RequestId\":[]}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"HostId\":false}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Recommend\":{\"a\":1}}", 200), ASC_E_JSON);
    T_CASE("duplicate known keys");
    CHECK_EQ(bind(&r, "{\"Code\":\"a\",\"Code\":\"b\"}", 400), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"Data\":true,\"x\":1,\"Data\":true}", 200), ASC_E_JSON);
    CHECK_EQ(bind(&r, "{\"x\":1,\"x\":2}", 200), ASC_OK); /* unknown: tolerated */
    /* case-sensitive keys: "code" is unknown */
    CHECK_EQ(bind(&r, "{\"code\":\"Image.NotExist\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_STR(r.code, "");

    T_CASE("no depth limit: the walk is iterative");
    {
        static char deep[700];
        size_t d;
        for (d = 0; d < 300; d++) { /* 302 tokens: scratch has room for 409 */
            deep[d] = '[';
            deep[300 + d] = ']';
        }
        deep[600] = 0;
        CHECK_EQ(bind_value(deep), ASC_OK);
        deep[599] = 0; /* one bracket short */
        CHECK_EQ(bind_value(deep), ASC_E_JSON);
    }
}

/* Bind {"Message":"<contents>"}. */
static asc_status msg(asc_result *r, const char *contents)
{
    static char body[512];
    int n = snprintf(body, sizeof body, "{\"Message\":\"%s\"}", contents);
    return bind_n(r, body, (size_t)n, 400);
}

/* Bind {"Code":"<na times 'a'><tail>"}: Code has ASC_CODE_MAX - 1 bytes of
 * room. */
static asc_status code_of(asc_result *r, size_t na, const char *tail)
{
    static char body[256];
    size_t n = (size_t)sprintf(body, "{\"Code\":\"");
    memset(body + n, 'a', na);
    n += na;
    n += (size_t)sprintf(body + n, "%s\"}", tail);
    return bind_n(r, body, n, 400);
}

static void test_strings(void)
{
    asc_result r;
    const size_t room = ASC_CODE_MAX - 1;
    T_CASE("string decoding");
    CHECK_EQ(msg(&r, "a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti"), ASC_OK);
    CHECK_STR(r.message, "a\"b\\c/d\be\ff\ng\rh\ti");
    CHECK(!r.truncated);
    CHECK_EQ(msg(&r, "\\u0041\\u00e9\\u20AC\\ud83d\\ude00\\u07FF\\u0800\\uFFFF"), ASC_OK);
    CHECK_STR(r.message, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
    CHECK_EQ(msg(&r, "\\uDBFF\\uDFFF\\ud800\\udc00"), ASC_OK);
    CHECK_STR(r.message, "\xf4\x8f\xbf\xbf\xf0\x90\x80\x80");
    CHECK_EQ(msg(&r, "\\u0000x"), ASC_OK); /* decodes to NUL: the field ends there */
    CHECK_EQ(r.message[0], 0);
    CHECK_EQ(r.message[1], 'x');
    CHECK_EQ(msg(&r, "\xe4\xb8\xad\xe6\x96\x87 \x7f \xc2\x80 \xef\xbf\xbf"), ASC_OK);
    CHECK_STR(r.message, "\xe4\xb8\xad\xe6\x96\x87 \x7f \xc2\x80 \xef\xbf\xbf");
    CHECK_EQ(msg(&r, ""), ASC_OK);
    CHECK_STR(r.message, "");
    CHECK(!r.truncated);
    CHECK_EQ(r.present, ASC_RESULT_HAS_MESSAGE);
    T_CASE("string errors");
    CHECK_EQ(msg(&r, "\\ud800"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\ude00"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\ud800\\u0041"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\ud800\\ud800"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "x\\udfff"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\q"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\\u12"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\x01"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\x1f"), ASC_E_JSON);
    CHECK_EQ(msg(&r, "\xc3"), ASC_E_JSON); /* cut by the end of the string */
    CHECK_EQ(msg(&r, "ab\xf0\x9f\x98"), ASC_E_JSON);
    /* overlong, stray continuation, surrogate: strict only; lean copies */
    CHECK_EQ(msg(&r, "\xc0\x80"), LIB_STRICT ? ASC_E_JSON : ASC_OK);
    CHECK_STR(r.message, LIB_STRICT ? "" : "\xc0\x80");
    CHECK_EQ(msg(&r, "\x80x\xed\xa0\x80"), LIB_STRICT ? ASC_E_JSON : ASC_OK);
    CHECK_STR(r.message, LIB_STRICT ? "" : "\x80x\xed\xa0\x80");
    CHECK_EQ(msg(&r, "\xe0\xa0"), ASC_E_JSON);
    CHECK_EQ(r.present, 0); /* nothing bound on failure */
    CHECK_STR(r.message, "");
    CHECK_EQ(r.http_status, 400);

    T_CASE("truncation on UTF-8 boundary");
    CHECK_EQ(code_of(&r, room - 2, "\\u00e9"), ASC_OK); /* exactly full */
    CHECK_EQ(strlen(r.code), room);
    CHECK(!r.truncated);
    CHECK_EQ(code_of(&r, room - 1, "\\u00e9"), ASC_OK); /* 1 byte short */
    CHECK_EQ(strlen(r.code), room - 1);
    CHECK(r.truncated);
    CHECK_EQ(code_of(&r, room - 3, "\xe4\xb8\xad"), ASC_OK);
    CHECK_EQ(strlen(r.code), room);
    CHECK(!r.truncated);
    CHECK_EQ(code_of(&r, room - 2, "\xe4\xb8\xad"), ASC_OK);
    CHECK_EQ(strlen(r.code), room - 2);
    CHECK(r.truncated);
    CHECK_EQ(code_of(&r, room - 4, "\\ud83d\\ude00"), ASC_OK);
    CHECK_EQ(strlen(r.code), room);
    CHECK_STR(r.code + room - 4, "\xf0\x9f\x98\x80");
    CHECK(!r.truncated);
    CHECK_EQ(code_of(&r, room - 3, "\\ud83d\\ude00"), ASC_OK);
    CHECK_EQ(strlen(r.code), room - 3);
    CHECK(r.truncated);
    /* stops at the first misfit: a later character that would fit is not
     * written */
    CHECK_EQ(code_of(&r, room - 1, "\\u00e9b"), ASC_OK);
    CHECK_EQ(strlen(r.code), room - 1);
    CHECK_EQ(r.code[room - 2], 'a');
    CHECK(r.truncated);
    CHECK_EQ(code_of(&r, room + 5, ""), ASC_OK);
    CHECK_EQ(strlen(r.code), room);
    CHECK(r.truncated);
    /* checking goes on after the cut */
    CHECK_EQ(code_of(&r, room + 5, "\\ud800"), ASC_E_JSON);
    CHECK_EQ(code_of(&r, room + 5, "\xff"), ASC_E_JSON);
    CHECK(!r.truncated);

    T_CASE("truncated fields in a result");
    {
        static char body[4096];
        size_t n = 0, k;
        n += (size_t)sprintf(body + n, "{\"Code\":\"");
        for (k = 0; k < ASC_CODE_MAX + 5; k++) {
            body[n++] = 'C';
        }
        n += (size_t)sprintf(body + n, "\",\"Message\":\"");
        for (k = 0; k < ASC_MESSAGE_MAX; k++) {
            n += (size_t)sprintf(body + n, "\\u00e9"); /* 2 bytes each */
        }
        n += (size_t)sprintf(body + n, "\",\"RequestId\":\"short\"}");
        CHECK_EQ(bind_n(&r, body, n, 400), ASC_OK);
        CHECK(r.truncated);
        CHECK_EQ(strlen(r.code), ASC_CODE_MAX - 1);
        /* ASC_MESSAGE_MAX - 1 bytes of room, 2-byte chars: even length */
        CHECK_EQ(strlen(r.message), ((ASC_MESSAGE_MAX - 1) / 2) * 2);
        CHECK_STR(r.request_id, "short");
        CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
        CHECK_EQ(bind(&r, "{\"Message\":\"\\u00e9\\n\"}", 400), ASC_OK);
        CHECK_STR(r.message, "\xc3\xa9\n");
        CHECK(!r.truncated);
    }
}

static void test_scratch(void)
{
    asc_result r;
    const char *b = "{\"Code\":\"x\",\"A\":[1,2,3]}"; /* 1 + 2 + 2 + 3 = 8 tokens */
    size_t ts = asc_json_token_size(), pad;
    unsigned char *base;
    T_CASE("scratch memory");
    CHECK(ts >= 16u);
    /* an aligned base, then exactly 8 tokens */
    base = g_scratch + (16u - ((uintptr_t)g_scratch % 16u)) % 16u;
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, base, 8u * ts), ASC_OK);
    CHECK_STR(r.code, "x");
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, base, 8u * ts - 1u),
             ASC_E_RESPONSE_TOO_LARGE);
    /* misaligned base: needs the padding on top */
    pad = 3;
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, base + 1, 8u * ts + pad), ASC_OK);
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, base + 1, 8u * ts - 1u),
             ASC_E_RESPONSE_TOO_LARGE);
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, NULL, 0), ASC_E_RESPONSE_TOO_LARGE);
#if SIZE_MAX > UINT_MAX
    /* a token count beyond jsmn's unsigned is clamped, not cut to its low
     * 32 bits (here 1 token); the body needs only 8 of the real ones */
    CHECK_EQ(asc_result_bind(&r, guarded(b, strlen(b)), 400, 0, base,
                             ((size_t)UINT_MAX + 2u) * ts), ASC_OK);
    CHECK_STR(r.code, "x");
#endif
    CHECK_EQ(r.http_status, 400);
    CHECK_EQ(r.body.len, strlen(b));
    CHECK_EQ(asc_result_bind(NULL, guarded(b, strlen(b)), 400, 0, base, 1024), ASC_E_INVALID_ARG);
    {
        asc_span nul = { NULL, 3 };
        CHECK_EQ(asc_result_bind(&r, nul, 400, 0, base, 1024), ASC_E_INVALID_ARG);
        nul.len = 0;
        CHECK_EQ(asc_result_bind(&r, nul, 400, 0, base, 1024), ASC_E_JSON);
    }
    printf("sizeof(asc_result) = %zu, token = %zu\n", sizeof(asc_result), ts);
}

/* Every prefix of a valid body is rejected (never an over-read: each ends at
 * the guard page). */
static void test_prefixes(void)
{
    const char *b = "{\"RequestId\":\"R\",\"AccessDeniedDetail\":{\"A\":[1,-2.5e+3,{\"c\":\"\\ud83d\\ude00\"}]},"
                    "\"Code\":\"Forbidden.RAM\",\"Message\":\"\\u00e9t\\u00e9\",\"Success\":false}";
    size_t n = strlen(b), k;
    asc_result r;
    int bad = 0;
    T_CASE("every prefix");
    for (k = 0; k < n; k++) {
        if (bind_n(&r, b, k, 403) != ASC_E_JSON) {
            bad++;
        }
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(bind_n(&r, b, n, 403), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_FORBIDDEN_RAM);
    CHECK_STR(r.message, "\xc3\xa9t\xc3\xa9");
}

/* Every documented code, bound from an error body, maps to its value. */
static void test_codes_bound(void)
{
    int c;
    asc_result r;
    static char body[256];
    T_CASE("documented codes through the binder");
    for (c = (int)ASC_ERR_INTERNAL_ERROR; c < (int)ASC_ERR_MISSING_PARAMETER; c++) {
        int n = sprintf(body, "{\"RequestId\":\"R\",\"Code\":\"%s\",\"Message\":\"m\"}",
                        error_name((asc_error_code)c));
        CHECK_EQ(bind_n(&r, body, (size_t)n, 400), ASC_OK);
        CHECK_EQ(r.error, c);
        CHECK_STR(r.code, error_name((asc_error_code)c));
        CHECK(!r.already_deleted);
    }
    CHECK_EQ(bind(&r, "{\"Code\":\"MissingImageId\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_MISSING_PARAMETER);
    CHECK_STR(r.code, "MissingImageId");
    CHECK_EQ(bind(&r, "{\"Code\":\"InvalidImageId.Malformed\"}", 400), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_INVALID_PARAMETER);
}

/* Mutate 1-3 bytes of b into m (same length). */
static void mutate(const char *b, size_t n, char *m, unsigned long *rng)
{
    static const char alphabet[] = "{}[]:,\"\\u0aeE.-+ tfn\x01\x80\xc3\xbf\xed";
    int k, nm;
    memcpy(m, b, n);
    *rng = *rng * 1103515245u + 12345u;
    nm = 1 + (int)((*rng >> 16) % 3u);
    for (k = 0; k < nm; k++) {
        size_t pos;
        *rng = *rng * 1103515245u + 12345u;
        pos = (size_t)((*rng >> 16) % n);
        *rng = *rng * 1103515245u + 12345u;
        m[pos] = alphabet[(*rng >> 16) % (sizeof alphabet - 1u)];
    }
}

static asc_status (*const strict_bind)(asc_result *, asc_span, int, unsigned, void *, size_t) =
    LIB_STRICT ? asc_result_bind : other_result_bind;
static asc_status (*const lean_bind)(asc_result *, asc_span, int, unsigned, void *, size_t) =
    LIB_STRICT ? other_result_bind : asc_result_bind;

static bool same_result(const asc_result *a, const asc_result *b)
{
    return a->http_status == b->http_status && a->error == b->error && a->data == b->data &&
           a->success == b->success && a->truncated == b->truncated &&
           a->already_deleted == b->already_deleted && a->present == b->present &&
           strcmp(a->code, b->code) == 0 && strcmp(a->message, b->message) == 0 &&
           strcmp(a->request_id, b->request_id) == 0 && strcmp(a->host_id, b->host_id) == 0 &&
           strcmp(a->recommend, b->recommend) == 0 && a->body.ptr == b->body.ptr &&
           a->body.len == b->body.len && a->data_json.ptr == b->data_json.ptr &&
           a->data_json.len == b->data_json.len;
}

/*
 * Both profiles on m[0..n): never a crash or over-read; whatever the strict
 * binder accepts, the reference validator and the lean binder accept with
 * the same result. Returns the number of violations.
 */
static int both_profiles(const char *m, size_t n, int http, unsigned flags)
{
    static asc_result rs, rl;
    asc_span sp = guarded(m, n);
    asc_status ss = strict_bind(&rs, sp, http, flags, g_scratch + 1, sizeof g_scratch - 1u);
    asc_status sl = lean_bind(&rl, sp, http, flags, g_scratch + 1, sizeof g_scratch - 1u);
    int bad = 0;
    if (ss == ASC_OK) {
        bad += json_ref_check(m, n) != JSON_REF_OK;
        bad += sl != ASC_OK || !same_result(&rs, &rl);
    } else {
        bad += ss != ASC_E_JSON;
    }
    bad += sl != ASC_OK && sl != ASC_E_JSON;
    bad += sl != ASC_OK && ss == ASC_OK; /* lean rejects only what strict does */
    return bad;
}

/* Random byte mutations of an error body, through both profiles. */
static void test_mutations(void)
{
    const char *b = "{\"RequestId\":\"R\",\"AccessDeniedDetail\":{\"A\":[1,-2.5e+3,{\"c\":\"\\ud83d\\ude00\"}]},"
                    "\"Code\":\"Forbidden.RAM\",\"Message\":\"\\u00e9t\\u00e9\",\"Success\":false,\"Data\":null}";
    const char *b2 = "{\"Code\":-12.5e3,\"Message\":\"\\u00e9t\xc3\xa9\\ud83d\\ude00\\n\",\"Data\":{\"a\":[1]},"
                     "\"HostId\":\"h\",\"Recommend\":\"x\",\"Success\":\"true\",\"RequestId\":null}";
    static char m[256];
    size_t n = strlen(b), n2 = strlen(b2);
    unsigned long rng = 99u;
    int round, bad = 0, ok = 0;
    asc_result r;
    T_CASE("mutations, both profiles");
    CHECK_EQ(both_profiles(b, n, 403, 0), 0);
    CHECK_EQ(both_profiles(b2, n2, 200, ASC_BIND_DATA_ANY), 0);
    CHECK_EQ(lean_bind(&r, guarded(b2, n2), 200, ASC_BIND_DATA_ANY, g_scratch, sizeof g_scratch), ASC_OK);
    CHECK_STR(r.code, "-12.5e3");
    for (round = 0; round < 20000; round++) {
        mutate(b, n, m, &rng);
        bad += both_profiles(m, n, 403, 0);
        ok += json_ref_check(m, n) == JSON_REF_OK;
        mutate(b2, n2, m, &rng);
        bad += both_profiles(m, n2, 200, round & 1 ? ASC_BIND_DATA_ANY : 0u);
    }
    CHECK_EQ(bad, 0);
    CHECK(ok > 0);
}

/* Differential: a body without known keys binds in strict mode exactly when
 * the reference validator accepts it and its top level is an object; lean
 * binds it then too. */
static void test_differential(void)
{
    const char *b = "{\"a\":[1,-2.5e+3,{\"c\":\"\\ud83d\\ude00\"},true,null,0.5E-1,[]],"
                    "\"bb\":{\"x\":\"\\u00e9t\xc3\xa9\\n\",\"y\":{}},\"z\":false,\"w\":\"\xf0\x9f\x98\x80\"}";
    static char m[256];
    size_t n = strlen(b);
    unsigned long rng = 7u;
    int round, bad = 0, ok = 0, lean_only = 0;
    asc_result r;
    T_CASE("differential against the reference validator");
    CHECK_EQ(bind_n(&r, b, n, 200), ASC_OK);
    for (round = 0; round < 40000; round++) {
        size_t k = 0;
        bool want;
        asc_status st, sl;
        mutate(b, n, m, &rng);
        while (k < n && (m[k] == ' ' || m[k] == '\t' || m[k] == '\n' || m[k] == '\r')) {
            k++;
        }
        want = json_ref_check(m, n) == JSON_REF_OK && k < n && m[k] == '{';
        st = strict_bind(&r, guarded(m, n), 200, 0, g_scratch + 1, sizeof g_scratch - 1u);
        sl = lean_bind(&r, guarded(m, n), 200, 0, g_scratch + 1, sizeof g_scratch - 1u);
        if ((st == ASC_OK) != want || (st != ASC_OK && st != ASC_E_JSON) ||
            (want && sl != ASC_OK) || (sl != ASC_OK && sl != ASC_E_JSON)) {
            if (bad++ < 5) {
                fprintf(stderr, "  disagree (strict %d, lean %d): %.*s\n", (int)st, (int)sl, (int)n, m);
            }
        }
        ok += st == ASC_OK;
        lean_only += sl == ASC_OK && st != ASC_OK;
    }
    CHECK_EQ(bad, 0);
    CHECK(ok > 100);
    CHECK(lean_only > 100); /* lean skips what it does not bind */
}

/*
 * The rule behind the fuzz finding lean-too-large-strict-malformed
 * (tests/fuzz/regressions/json/): for every body and every scratch size,
 * a body lean rejects is rejected by strict with the same status. Both
 * profiles tokenize with jsmn's strict mode, so they stop at the same byte:
 * running out of tokens is never "too large" in one profile and
 * "malformed" in the other. (Lean used jsmn's default mode, which read on
 * past the `b` that stopped strict jsmn, and ran out of tokens.)
 */
static int same_status(const char *m, size_t n, size_t tokens)
{
    static asc_result rs, rl;
    size_t len = tokens * asc_json_token_size();
    asc_span sp = guarded(m, n);
    asc_status ss = strict_bind(&rs, sp, 400, 0, g_scratch + 1, len);
    asc_status sl = lean_bind(&rl, sp, 400, 0, g_scratch + 1, len);
    static int shown;
    int bad = (sl != ASC_OK && sl != ss) || (ss == ASC_OK && sl != ASC_OK);
    if (bad && shown++ < 5) {
        fprintf(stderr, "  %zu tokens: strict %d, lean %d: %.*s\n", tokens, (int)ss, (int)sl,
                (int)n, m);
    }
    return bad;
}

static void test_same_status_any_scratch(void)
{
    /* the fuzzer's input (flags 0, scratch byte 0xff: n / 2 + 1 tokens) */
    static const char found[] =
        "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[b[[[["
        "[[[[[[[]]]]]]]]]]]]]]][[[[[[[[[[[[[[[[[[[[[[b[[[]]]]]]]]]]]]]]]]}";
    const char *b = "{\"Code\":\"c\",\"x\":[1,{\"y\":null},\"s\"],\"Message\":\"m\",\"z\":true}";
    static const char alphabet[] = "{}[]:,\" btxT1-";
    static char m[128];
    size_t n = sizeof found - 1u, k, tokens;
    unsigned long rng = 3u;
    int round, bad = 0;
    asc_result r;
    T_CASE("lean fails only as strict does, whatever the scratch size");
    CHECK_EQ(n, 123);
    CHECK_EQ(strict_bind(&r, guarded(found, n), 200, 0, g_scratch + 1,
                         (n / 2u + 1u) * asc_json_token_size()), ASC_E_JSON);
    CHECK_EQ(lean_bind(&r, guarded(found, n), 200, 0, g_scratch + 1,
                       (n / 2u + 1u) * asc_json_token_size()), ASC_E_JSON);
    /* too few tokens for the body, an error before they run out */
    CHECK_EQ(same_status("{\"x\":b,\"c\":1,\"d\":2}", 19, 4), 0);
    CHECK_EQ(lean_bind(&r, guarded("{\"x\":b,\"c\":1,\"d\":2}", 19), 200, 0, g_scratch + 1,
                       4u * asc_json_token_size()), ASC_E_JSON);
    /* too few tokens, the error after they run out: too large in both */
    CHECK_EQ(same_status("{\"c\":1,\"d\":2,\"x\":b}", 19, 4), 0);
    CHECK_EQ(lean_bind(&r, guarded("{\"c\":1,\"d\":2,\"x\":b}", 19), 200, 0, g_scratch + 1,
                       4u * asc_json_token_size()), ASC_E_RESPONSE_TOO_LARGE);
    n = strlen(b);
    for (round = 0; round < 4000; round++) {
        int nm = 1 + round % 3, j;
        memcpy(m, b, n);
        for (j = 0; j < nm; j++) {
            rng = rng * 1103515245u + 12345u;
            k = (size_t)((rng >> 16) % n);
            rng = rng * 1103515245u + 12345u;
            m[k] = alphabet[(rng >> 16) % (sizeof alphabet - 1u)];
        }
        for (tokens = 1; tokens <= 16; tokens++) {
            bad += same_status(m, n, tokens);
        }
    }
    CHECK_EQ(bad, 0);
}

/*
 * RFC 8259 conformance, JSONTestSuite style (cases written for this
 * project, named after that suite's habit): n_ documents must be refused,
 * y_ documents accepted; i_ ones are implementation-defined there (lone
 * surrogate escapes), refused here. Each case is checked as the body
 * itself and as the value of a key, {"x":<case>}; the reference validator
 * must agree on every verdict, so a mislabelled case fails too. The binder
 * needs an object at the top, so a y_ case that is not one is only
 * checked as a value.
 */
typedef struct json_case {
    const char *name;
    const char *text;
    size_t len;
} json_case;
#define JC(name, text) { name, text, sizeof text - 1u }

static const json_case k_n_cases[] = {
    JC("n_array_1_true_without_comma", "[1 true]"),
    JC("n_array_a_invalid_utf8", "[a\xe5]"),
    JC("n_array_colon_instead_of_comma", "[\"\": 1]"),
    JC("n_array_comma_after_close", "[\"\"],"),
    JC("n_array_comma_and_number", "[,1]"),
    JC("n_array_double_comma", "[1,,2]"),
    JC("n_array_double_extra_comma", "[\"x\",,]"),
    JC("n_array_extra_close", "[\"x\"]]"),
    JC("n_array_extra_comma", "[\"\",]"),
    JC("n_array_incomplete", "[\"x\""),
    JC("n_array_incomplete_invalid_value", "[x"),
    JC("n_array_inner_array_no_comma", "[3[4]]"),
    JC("n_array_invalid_utf8", "[\xff]"),
    JC("n_array_items_separated_by_semicolon", "[1:2]"),
    JC("n_array_just_comma", "[,]"),
    JC("n_array_just_minus", "[-]"),
    JC("n_array_missing_value", "[   , \"\"]"),
    JC("n_array_newlines_unclosed", "[\"a\",\n4\n,1,"),
    JC("n_array_number_and_comma", "[1,]"),
    JC("n_array_number_and_several_commas", "[1,,]"),
    JC("n_array_spaces_vertical_tab_formfeed", "[\"\x0b" "a\"\\f]"),
    JC("n_array_star_inside", "[*]"),
    JC("n_array_unclosed", "[\"\""),
    JC("n_array_unclosed_trailing_comma", "[1,"),
    JC("n_array_unclosed_with_new_lines", "[1,\n1\n,1"),
    JC("n_array_unclosed_with_object_inside", "[{}"),
    JC("n_incomplete_false", "[fals]"),
    JC("n_incomplete_null", "[nul]"),
    JC("n_incomplete_true", "[tru]"),
    JC("n_multidigit_number_then_00", "123\x00"),
    JC("n_number_++", "[++1234]"),
    JC("n_number_+1", "[+1]"),
    JC("n_number_+Inf", "[+Inf]"),
    JC("n_number_-01", "[-01]"),
    JC("n_number_-1.0.", "[-1.0.]"),
    JC("n_number_-2.", "[-2.]"),
    JC("n_number_-NaN", "[-NaN]"),
    JC("n_number_.-1", "[.-1]"),
    JC("n_number_.2e-3", "[.2e-3]"),
    JC("n_number_0.1.2", "[0.1.2]"),
    JC("n_number_0.3e+", "[0.3e+]"),
    JC("n_number_0.3e", "[0.3e]"),
    JC("n_number_0.e1", "[0.e1]"),
    JC("n_number_0_capital_E+", "[0E+]"),
    JC("n_number_0_capital_E", "[0E]"),
    JC("n_number_0e+", "[0e+]"),
    JC("n_number_0e", "[0e]"),
    JC("n_number_1.0e+", "[1.0e+]"),
    JC("n_number_1.0e-", "[1.0e-]"),
    JC("n_number_1.0e", "[1.0e]"),
    JC("n_number_1_000", "[1 000.0]"),
    JC("n_number_1eE2", "[1eE2]"),
    JC("n_number_2.e+3", "[2.e+3]"),
    JC("n_number_2.e-3", "[2.e-3]"),
    JC("n_number_2.e3", "[2.e3]"),
    JC("n_number_9.e+", "[9.e+]"),
    JC("n_number_Inf", "[Inf]"),
    JC("n_number_NaN", "[NaN]"),
    JC("n_number_U+FF11_fullwidth_digit_one", "[\xef\xbc\x91]"),
    JC("n_number_expression", "[1+2]"),
    JC("n_number_hex_1_digit", "[0x1]"),
    JC("n_number_hex_2_digits", "[0x42]"),
    JC("n_number_infinity", "[Infinity]"),
    JC("n_number_invalid+-", "[0e+-1]"),
    JC("n_number_invalid-negative-real", "[-123.123foo]"),
    JC("n_number_invalid-utf-8-in-bigger-int", "[123\xe5]"),
    JC("n_number_invalid-utf-8-in-exponent", "[1e1\xe5]"),
    JC("n_number_invalid-utf-8-in-int", "[0\xe5]"),
    JC("n_number_minus_infinity", "[-Infinity]"),
    JC("n_number_minus_sign_with_trailing_garbage", "[-foo]"),
    JC("n_number_minus_space_1", "[- 1]"),
    JC("n_number_neg_int_starting_with_zero", "[-012]"),
    JC("n_number_neg_real_without_int_part", "[-.123]"),
    JC("n_number_neg_with_garbage_at_end", "[-1x]"),
    JC("n_number_real_garbage_after_e", "[1ea]"),
    JC("n_number_real_with_invalid_utf8_after_e", "[1e\xe5]"),
    JC("n_number_real_without_fractional_part", "[1.]"),
    JC("n_number_starting_with_dot", "[.123]"),
    JC("n_number_with_alpha", "[1.2a-3]"),
    JC("n_number_with_alpha_char", "[1.8011670033376514H-308]"),
    JC("n_number_with_leading_zero", "[012]"),
    JC("n_object_bad_value", "[\"x\", truth]"),
    JC("n_object_bracket_key", "{[: \"x\"}"),
    JC("n_object_comma_instead_of_colon", "{\"x\", null}"),
    JC("n_object_double_colon", "{\"x\"::\"b\"}"),
    JC("n_object_emoji", "{\xf0\x9f\x87\xa8\xf0\x9f\x87\xad}"),
    JC("n_object_garbage_at_end", "{\"a\":\"a\" 123}"),
    JC("n_object_key_with_single_quotes", "{key: 'value'}"),
    JC("n_object_lone_continuation_byte_in_key_and_trailing_comma", "{\"\xb9\":\"0\",}"),
    JC("n_object_missing_colon", "{\"a\" b}"),
    JC("n_object_missing_key", "{:\"b\"}"),
    JC("n_object_missing_semicolon", "{\"a\" \"b\"}"),
    JC("n_object_missing_value", "{\"a\":"),
    JC("n_object_no-colon", "{\"a\""),
    JC("n_object_non_string_key", "{1:1}"),
    JC("n_object_non_string_key_but_huge_number_instead", "{9999E9999:1}"),
    JC("n_object_repeated_null_null", "{null:null,null:null}"),
    JC("n_object_several_trailing_commas", "{\"id\":0,,,,,}"),
    JC("n_object_single_quote", "{'a':0}"),
    JC("n_object_trailing_comma", "{\"id\":0,}"),
    JC("n_object_trailing_comment", "{\"a\":\"b\"}/**/"),
    JC("n_object_trailing_comment_open", "{\"a\":\"b\"}/**//"),
    JC("n_object_trailing_comment_slash_open", "{\"a\":\"b\"}//"),
    JC("n_object_trailing_comment_slash_open_incomplete", "{\"a\":\"b\"}/"),
    JC("n_object_two_commas_in_a_row", "{\"a\":\"b\",,\"c\":\"d\"}"),
    JC("n_object_unquoted_key", "{a: \"b\"}"),
    JC("n_object_unterminated-value", "{\"a\":\"a"),
    JC("n_object_with_single_string", "{ \"foo\" : \"bar\", \"a\" }"),
    JC("n_object_with_trailing_garbage", "{\"a\":\"b\"}#"),
    JC("n_object_key_value_key", "{\"a\":\"b\":\"c\"}"),
    JC("n_object_value_after_close", "{\"a\":1}:2"),
    JC("n_object_key_after_close", "{\"a\"}:1"),
    JC("n_object_nested_missing_comma", "{\"a\":{\"b\":1}\"c\":2}"),
    JC("n_object_array_as_key_value", "{\"a\":[1]2}"),
    JC("n_object_comma_only", "{,}"),
    JC("n_object_colon_only", "{:}"),
    JC("n_object_close_array", "{\"a\":1]"),
    JC("n_single_space", " "),
    JC("n_string_1_surrogate_then_escape", "[\"\\uD800\\\"]"),
    JC("n_string_1_surrogate_then_escape_u", "[\"\\uD800\\u\"]"),
    JC("n_string_1_surrogate_then_escape_u1", "[\"\\uD800\\u1\"]"),
    JC("n_string_1_surrogate_then_escape_u1x", "[\"\\uD800\\u1x\"]"),
    JC("n_string_accentuated_char_no_quotes", "[\xc3\xa9]"),
    JC("n_string_backslash_00", "[\"\\\x00\"]"),
    JC("n_string_escape_x", "[\"\\x00\"]"),
    JC("n_string_escaped_backslash_bad", "[\"\\\\\\\"]"),
    JC("n_string_escaped_ctrl_char_tab", "[\"\\\t\"]"),
    JC("n_string_escaped_emoji", "[\"\\\xf0\x9f\x8c\x80\"]"),
    JC("n_string_incomplete_escape", "[\"\\\"]"),
    JC("n_string_incomplete_escaped_character", "[\"\\u00A\"]"),
    JC("n_string_incomplete_surrogate", "[\"\\uD834\\uDd\"]"),
    JC("n_string_incomplete_surrogate_escape_invalid", "[\"\\uD800\\uD800\\x\"]"),
    JC("n_string_invalid-utf-8-in-escape", "[\"\\u\xe5\"]"),
    JC("n_string_invalid_backslash_esc", "[\"\\a\"]"),
    JC("n_string_invalid_unicode_escape", "[\"\\uqqqq\"]"),
    JC("n_string_invalid_utf8_after_escape", "[\"\\\xe5\"]"),
    JC("n_string_leading_uescaped_thinspace", "[\\u0020\"asd\"]"),
    JC("n_string_no_quotes_with_bad_escape", "[\\n]"),
    JC("n_string_single_doublequote", "\""),
    JC("n_string_single_quote", "['single quote']"),
    JC("n_string_single_string_no_double_quotes", "abc"),
    JC("n_string_start_escape_unclosed", "[\"\\"),
    JC("n_string_unescaped_ctrl_char", "[\"a\x00" "a\"]"),
    JC("n_string_unescaped_newline", "[\"new\nline\"]"),
    JC("n_string_unescaped_tab", "[\"\t\"]"),
    JC("n_string_unicode_CapitalU", "\"\\UA66D\""),
    JC("n_string_with_trailing_garbage", "\"\"x"),
    JC("i_string_lone_high_surrogate", "[\"\\uD800\"]"),
    JC("i_string_lone_low_surrogate", "[\"\\uDC00\"]"),
    JC("i_string_high_surrogate_then_char", "[\"\\uD800a\"]"),
    JC("i_string_two_high_surrogates", "[\"\\uD800\\uD800\"]"),
    JC("n_string_overlong_slash", "[\"\xc0\xaf\"]"),
    JC("n_string_overlong_3_bytes", "[\"\xe0\x80\xaf\"]"),
    JC("n_string_overlong_4_bytes", "[\"\xf0\x80\x80\xaf\"]"),
    JC("n_string_utf8_surrogate", "[\"\xed\xa0\x80\"]"),
    JC("n_string_utf8_beyond_10FFFF", "[\"\xf4\x90\x80\x80\"]"),
    JC("n_string_utf8_F5", "[\"\xf5\x80\x80\x80\"]"),
    JC("n_string_utf8_lone_continuation", "[\"\x80\"]"),
    JC("n_string_utf8_truncated_3", "[\"\xe2\x82\"]"),
    JC("n_string_utf8_truncated_4", "[\"\xf0\x9f\x98\"]"),
    JC("n_string_utf8_bad_continuation", "[\"\xc3(\"]"),
    JC("n_string_utf8_FE", "[\"\xfe\"]"),
    JC("n_string_del_escape_0x7f_control_1f", "[\"\x1f\"]"),
    JC("n_structure_U+2060_word_joined", "[\xe2\x81\xa0]"),
    JC("n_structure_UTF8_BOM_no_data", "\xef\xbb\xbf"),
    JC("n_structure_UTF8_BOM_object", "\xef\xbb\xbf{}"),
    JC("n_structure_angle_bracket_.", "<.>"),
    JC("n_structure_angle_bracket_null", "[<null>]"),
    JC("n_structure_array_trailing_garbage", "[1]x"),
    JC("n_structure_array_with_extra_array_close", "[1]]"),
    JC("n_structure_array_with_unclosed_string", "[\"asd]"),
    JC("n_structure_ascii-unicode-identifier", "a\xc3\xa5"),
    JC("n_structure_capitalized_True", "[True]"),
    JC("n_structure_close_unopened_array", "1]"),
    JC("n_structure_comma_instead_of_closing_brace", "{\"x\": true,"),
    JC("n_structure_double_array", "[][]"),
    JC("n_structure_double_object", "{}{}"),
    JC("n_structure_end_array", "]"),
    JC("n_structure_incomplete_UTF8_BOM", "\xef\xbb{}"),
    JC("n_structure_lone-invalid-utf-8", "\xe5"),
    JC("n_structure_lone-open-bracket", "["),
    JC("n_structure_no_data", ""),
    JC("n_structure_null-byte-outside-string", "[\x00]"),
    JC("n_structure_null-byte-after-object", "{}\x00"),
    JC("n_structure_number_with_trailing_garbage", "2@"),
    JC("n_structure_object_followed_by_closing_object", "{}}"),
    JC("n_structure_object_unclosed_no_value", "{\"\":"),
    JC("n_structure_object_with_comment", "{\"a\":/*comment*/\"b\"}"),
    JC("n_structure_object_with_trailing_garbage", "{\"a\": true} \"x\""),
    JC("n_structure_open_array_apostrophe", "['"),
    JC("n_structure_open_array_comma", "[,"),
    JC("n_structure_open_array_open_object", "[{"),
    JC("n_structure_open_array_open_string", "[\"a"),
    JC("n_structure_open_array_string", "[\"a\""),
    JC("n_structure_open_object", "{"),
    JC("n_structure_open_object_close_array", "{]"),
    JC("n_structure_open_object_comma", "{,"),
    JC("n_structure_open_object_open_array", "{["),
    JC("n_structure_open_object_open_string", "{\"a"),
    JC("n_structure_open_object_string_with_apostrophes", "{'a'"),
    JC("n_structure_open_open", "[\"\\{[\"\\{[\"\\{[\"\\{"),
    JC("n_structure_single_eacute", "\xe9"),
    JC("n_structure_single_star", "*"),
    JC("n_structure_trailing_#", "{\"a\":\"b\"}#{}"),
    JC("n_structure_uescaped_LF_before_string", "[\\u000A\"\"]"),
    JC("n_structure_unclosed_array", "[1"),
    JC("n_structure_unclosed_array_partial_null", "[ false, nul"),
    JC("n_structure_unclosed_array_unfinished_false", "[ true, fals"),
    JC("n_structure_unclosed_array_unfinished_true", "[ false, tru"),
    JC("n_structure_unclosed_object", "{\"asd\":\"asd\""),
    JC("n_structure_unicode-identifier", "\xc3\xa5"),
    JC("n_structure_whitespace_U+2060_word_joiner", "[\xe2\x81\xa0]"),
    JC("n_structure_whitespace_formfeed", "[\x0c]"),
    JC("n_structure_whitespace_vertical_tab", "{\x0b}"),
    JC("n_structure_whitespace_nbsp", "{\xc2\xa0}"),
    JC("n_structure_object_in_key_position", "{{}:1}"),
    JC("n_structure_array_in_object_directly", "{[]}"),
    JC("n_structure_primitive_in_object_directly", "{1}"),
    JC("n_structure_true_as_key", "{true:1}"),
    JC("n_jsonorg_fail3_unquoted_key", "{unquoted_key: \"keys must be quoted\"}"),
    JC("n_jsonorg_fail9_extra_comma", "{\"Extra comma\": true,}"),
    JC("n_jsonorg_fail10_value_after_close", "{\"Extra value after close\": true} \"misplaced quoted value\""),
    JC("n_jsonorg_fail11_expression", "{\"Illegal expression\": 1 + 2}"),
    JC("n_jsonorg_fail12_invocation", "{\"Illegal invocation\": alert()}"),
    JC("n_jsonorg_fail13_leading_zero", "{\"Numbers cannot have leading zeroes\": 013}"),
    JC("n_jsonorg_fail14_hex", "{\"Numbers cannot be hex\": 0x14}"),
    JC("n_jsonorg_fail15_escape_x", "[\"Illegal backslash escape: \\x15\"]"),
    JC("n_jsonorg_fail17_escape_octal", "[\"Illegal backslash escape: \\017\"]"),
    JC("n_jsonorg_fail19_missing_colon", "{\"Missing colon\" null}"),
    JC("n_jsonorg_fail20_double_colon", "{\"Double colon\":: null}"),
    JC("n_jsonorg_fail21_comma_for_colon", "{\"Comma instead of colon\", null}"),
    JC("n_jsonorg_fail22_colon_for_comma", "[\"Colon instead of comma\": false]"),
    JC("n_jsonorg_fail25_raw_tabs", "[\"\ttab\tcharacter\tin\tstring\t\"]"),
    JC("n_jsonorg_fail26_escaped_spaces", "[\"tab\\   character\\   in\\  string\\  \"]"),
    JC("n_jsonorg_fail28_escaped_newline", "[\"line\\\nbreak\"]"),
    JC("n_jsonorg_fail32_comma_for_brace", "{\"Comma instead if closing brace\": true,"),
    JC("n_jsonorg_fail33_mismatch", "[\"mismatch\"}"),
    JC("n_object_value_mismatch_close", "{\"a\":[\"b\"}}"),
};

static const json_case k_y_cases[] = {
    JC("y_array_arraysWithSpaces", "[[]   ]"),
    JC("y_array_empty-string", "[\"\"]"),
    JC("y_array_empty", "[]"),
    JC("y_array_false", "[false]"),
    JC("y_array_heterogeneous", "[null, 1, \"1\", {}]"),
    JC("y_array_null", "[null]"),
    JC("y_array_with_1_and_newline", "[1\n]"),
    JC("y_array_with_leading_space", " [1]"),
    JC("y_array_with_several_null", "[1,null,null,null,2]"),
    JC("y_array_with_trailing_space", "[2] "),
    JC("y_number", "[123e65]"),
    JC("y_number_0e+1", "[0e+1]"),
    JC("y_number_0e1", "[0e1]"),
    JC("y_number_after_space", "[ 4]"),
    JC("y_number_double_close_to_zero", "[-0.000000000000000000000000000000000000000000000001]"),
    JC("y_number_int_with_exp", "[20e1]"),
    JC("y_number_minus_zero", "[-0]"),
    JC("y_number_negative_int", "[-123]"),
    JC("y_number_negative_one", "[-1]"),
    JC("y_number_real_capital_e", "[1E22]"),
    JC("y_number_real_capital_e_neg_exp", "[1E-2]"),
    JC("y_number_real_capital_e_pos_exp", "[1E+2]"),
    JC("y_number_real_exponent", "[123e45]"),
    JC("y_number_real_fraction_exponent", "[123.456e78]"),
    JC("y_number_real_neg_exp", "[1e-2]"),
    JC("y_number_real_pos_exponent", "[1e+2]"),
    JC("y_number_simple_int", "[123]"),
    JC("y_number_simple_real", "[123.456789]"),
    JC("y_number_zero_fraction", "[0.0]"),
    JC("y_object", "{\"asd\":\"sdf\", \"dfg\":\"fgh\"}"),
    JC("y_object_basic", "{\"asd\":\"sdf\"}"),
    JC("y_object_duplicated_key", "{\"a\":\"b\",\"a\":\"c\"}"),
    JC("y_object_duplicated_key_and_value", "{\"a\":\"b\",\"a\":\"b\"}"),
    JC("y_object_empty", "{}"),
    JC("y_object_empty_key", "{\"\":0}"),
    JC("y_object_escaped_null_in_key", "{\"foo\\u0000bar\": 42}"),
    JC("y_object_extreme_numbers", "{ \"min\": -1.0e+28, \"max\": 1.0e+28 }"),
    JC("y_object_simple", "{\"a\":[]}"),
    JC("y_object_string_unicode", "{\"title\":\"\\u041f\\u043e\\u043b\\u0442\\u043e\\u0440\\u0430\" }"),
    JC("y_object_with_newlines", "{\n\"a\": \"b\"\n}"),
    JC("y_object_nested", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}},\"e\":[[],[{}]]}"),
    JC("y_string_1_2_3_bytes_UTF-8_sequences", "[\"\\u0060\\u012a\\u12AB\"]"),
    JC("y_string_accepted_surrogate_pair", "[\"\\uD801\\udc37\"]"),
    JC("y_string_accepted_surrogate_pairs", "[\"\\ud83d\\ude39\\ud83d\\udc8d\"]"),
    JC("y_string_allowed_escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"),
    JC("y_string_backslash_and_u_escaped_zero", "[\"\\\\u0000\"]"),
    JC("y_string_backslash_doublequotes", "[\"\\\"\"]"),
    JC("y_string_comments", "[\"a/*b*/c/*d//e\"]"),
    JC("y_string_double_escape_a", "[\"\\\\a\"]"),
    JC("y_string_double_escape_n", "[\"\\\\n\"]"),
    JC("y_string_escaped_control_character", "[\"\\u0012\"]"),
    JC("y_string_escaped_noncharacter", "[\"\\uFFFF\"]"),
    JC("y_string_in_array", "[\"asd\"]"),
    JC("y_string_in_array_with_leading_space", "[ \"asd\"]"),
    JC("y_string_last_surrogates_1_and_2", "[\"\\uDBFF\\uDFFF\"]"),
    JC("y_string_nbsp_uescaped", "[\"new\\u00A0line\"]"),
    JC("y_string_nonCharacterInUTF-8_U+10FFFF", "[\"\xf4\x8f\xbf\xbf\"]"),
    JC("y_string_nonCharacterInUTF-8_U+FFFF", "[\"\xef\xbf\xbf\"]"),
    JC("y_string_null_escape", "[\"\\u0000\"]"),
    JC("y_string_one-byte-utf-8", "[\"\\u002c\"]"),
    JC("y_string_pi", "[\"\xcf\x80\"]"),
    JC("y_string_reservedCharacterInUTF-8_U+1BFFF", "[\"\xf0\x9b\xbf\xbf\"]"),
    JC("y_string_simple_ascii", "[\"asd \"]"),
    JC("y_string_space", "\" \""),
    JC("y_string_surrogates_U+1D11E_MUSICAL_SYMBOL_G_CLEF", "[\"\\uD834\\uDd1e\"]"),
    JC("y_string_three-byte-utf-8", "[\"\\u0821\"]"),
    JC("y_string_two-byte-utf-8", "[\"\\u0123\"]"),
    JC("y_string_u+2028_line_sep", "[\"\xe2\x80\xa8\"]"),
    JC("y_string_u+2029_par_sep", "[\"\xe2\x80\xa9\"]"),
    JC("y_string_uEscape", "[\"\\u0061\\u30af\\u30EA\\u30b9\"]"),
    JC("y_string_uescaped_newline", "[\"new\\u000Aline\"]"),
    JC("y_string_unescaped_char_delete", "[\"\x7f\"]"),
    JC("y_string_unicode", "[\"\\uA66D\"]"),
    JC("y_string_unicodeEscapedBackslash", "[\"\\u005C\"]"),
    JC("y_string_unicode_2", "[\"\xe2\x8d\x82\xe3\x88\xb4\xe2\x8d\x82\"]"),
    JC("y_string_unicode_U+10FFFE_nonchar", "[\"\\uDBFF\\uDFFE\"]"),
    JC("y_string_unicode_U+FDD0_nonchar", "[\"\\uFDD0\"]"),
    JC("y_string_unicode_escaped_double_quote", "[\"\\u0022\"]"),
    JC("y_string_utf8", "[\"\xe2\x82\xac\xf0\x9d\x84\x9e\"]"),
    JC("y_string_with_del_character", "[\"a\x7f" "a\"]"),
    JC("y_string_utf8_boundaries", "[\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"]"),
    JC("y_structure_lonely_false", "false"),
    JC("y_structure_lonely_int", "42"),
    JC("y_structure_lonely_negative_real", "-0.1"),
    JC("y_structure_lonely_null", "null"),
    JC("y_structure_lonely_string", "\"asd\""),
    JC("y_structure_lonely_true", "true"),
    JC("y_structure_string_empty", "\"\""),
    JC("y_structure_trailing_newline", "[\"a\"]\n"),
    JC("y_structure_true_in_array", "[true]"),
    JC("y_structure_whitespace_array", " [] "),
    JC("y_structure_whitespace_all_four", " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n"),
};


/* {"x":<text>} into buf; its length. */
static size_t as_value(char *buf, size_t cap, const json_case *c)
{
    size_t n = strlen("{\"x\":");
    CHECK(n + c->len + 1u <= cap);
    memcpy(buf, "{\"x\":", n);
    memcpy(buf + n, c->text, c->len);
    buf[n + c->len] = '}';
    return n + c->len + 1u;
}

static void test_json_suite(void)
{
    static char buf[256];
    static asc_result r;
    size_t i, n;
    int wrong = 0;
    T_CASE("JSONTestSuite-style n_ cases: strict refuses every one");
    for (i = 0; i < sizeof k_n_cases / sizeof k_n_cases[0]; i++) {
        const json_case *c = &k_n_cases[i];
        asc_status raw = strict_bind(&r, guarded(c->text, c->len), 200, 0, g_scratch + 1,
                                     sizeof g_scratch - 1u);
        asc_status value;
        n = as_value(buf, sizeof buf, c);
        value = strict_bind(&r, guarded(buf, n), 200, 0, g_scratch + 1, sizeof g_scratch - 1u);
        if (raw == ASC_OK || value == ASC_OK || json_ref_check(c->text, c->len) != JSON_REF_BAD ||
            json_ref_check(buf, n) != JSON_REF_BAD) {
            fprintf(stderr, "  %s: body %d, value %d\n", c->name, (int)raw, (int)value);
            wrong++;
        }
    }
    CHECK_EQ(wrong, 0);
    CHECK(sizeof k_n_cases / sizeof k_n_cases[0] > 200u);
    T_CASE("JSONTestSuite-style y_ cases: both profiles accept every one");
    wrong = 0;
    for (i = 0; i < sizeof k_y_cases / sizeof k_y_cases[0]; i++) {
        const json_case *c = &k_y_cases[i];
        size_t k = 0;
        bool object;
        n = as_value(buf, sizeof buf, c);
        while (k < c->len && strchr(" \t\r\n", c->text[k]) != NULL) {
            k++;
        }
        object = k < c->len && c->text[k] == '{';
        if (strict_bind(&r, guarded(buf, n), 200, 0, g_scratch + 1, sizeof g_scratch - 1u) != ASC_OK ||
            lean_bind(&r, guarded(buf, n), 200, 0, g_scratch + 1, sizeof g_scratch - 1u) != ASC_OK ||
            (object && strict_bind(&r, guarded(c->text, c->len), 200, 0, g_scratch + 1,
                                   sizeof g_scratch - 1u) != ASC_OK) ||
            json_ref_check(c->text, c->len) != JSON_REF_OK || json_ref_check(buf, n) != JSON_REF_OK) {
            fprintf(stderr, "  %s refused\n", c->name);
            wrong++;
        }
    }
    CHECK_EQ(wrong, 0);
}

/* Lean mode still checks what it binds; and what it skips. */
static void test_lean(void)
{
    asc_result r;
    unsigned f = ASC_BIND_DATA_ANY;
#define LB(s, fl) lean_bind(&r, guarded(s, strlen(s)), 400, fl, g_scratch + 1, sizeof g_scratch - 1u)
    T_CASE("lean: known keys are still checked");
    CHECK_EQ(LB("{\"Code\"}", 0), ASC_E_JSON);                 /* no value */
    CHECK_EQ(LB("{\"Code\",\"x\":\"y\"}", 0), ASC_E_JSON);     /* next key is no value */
    CHECK_EQ(LB("{\"Code\" \"x\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Code\":\"a\" \"b\"}", 0), ASC_E_JSON);     /* two values */
    CHECK_EQ(LB("{\"Message\":\"m\",\"Code\"}:\"x\"", 0), ASC_E_JSON); /* value after the object */
    CHECK_EQ(LB("{\"Code\":\"a\",\"Code\":\"a\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Code\":tru}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Code\":[1]}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Code\":1x}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Success\":tru}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Success\":\"True\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Data\":nul}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Message\":\"\\ud800\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Message\":\"a\\u0001\x01\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("{\"Message\":\"\xe4\xb8\"}", 0), ASC_E_JSON);
    CHECK_EQ(LB("[{\"Code\":\"x\"}]", 0), ASC_E_JSON);
    CHECK_EQ(r.present, 0);
    T_CASE("lean: skipped parts are accepted");
    CHECK_EQ(LB("{\"Code\":\"c\",,\"x\":tru \"y\":\"\xff\\ud800\"}{}", 0), ASC_OK);
    CHECK_STR(r.code, "c");
    CHECK_EQ(r.present, ASC_RESULT_HAS_CODE);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(LB("{\"Code\"::\"c\",}", 0), ASC_OK);
    CHECK_STR(r.code, "c");
    CHECK_EQ(LB("{\"Code\":1-2}", 0), ASC_OK); /* the characters of a number */
    CHECK_STR(r.code, "1-2");
    CHECK_EQ(LB("{\"a\":{\"Code\":\"inner\"},\"b\":[\"Code\",\"x\"]}", 0), ASC_OK);
    CHECK_EQ(r.present, 0);
    CHECK_EQ(LB("{\"Data\":tru}", f), ASC_OK); /* raw text, unchecked */
    CHECK_MEM(r.data_json.ptr, r.data_json.len, "tru", 3);
    CHECK_EQ(r.present, 0);
    CHECK_EQ(LB("{\"Data\":{\"a\"::1,}}", f), ASC_OK);
    CHECK_MEM(r.data_json.ptr, r.data_json.len, "{\"a\"::1,}", 9);
    T_CASE("lean: raw bytes of a bound string are copied");
    CHECK_EQ(LB("{\"Message\":\"x\xbf\x80\xfe\x80\x80\x80\"}", 0), ASC_OK);
    CHECK_STR(r.message, "x\xbf\x80\xfe\x80\x80\x80");
    CHECK_EQ(LB("{\"Message\":\"\xc3\xa9\\n\"}", 0), ASC_OK);
    CHECK_STR(r.message, "\xc3\xa9\n");
    /* fuzz finding lean-raw-byte-takes-in-backslash: the unit \xbf took in
     * the backslash of the escaped backslash `\\`, so the decoder read
     * `\u"}` as a \u escape, past the end of the body */
    T_CASE("lean: a raw byte's unit never takes in the backslash of an escape");
    CHECK_EQ(LB("{\"Message\":\"\xbf\\\\u\"}", 0), ASC_OK);
    CHECK_STR(r.message, "\xbf\\u");
    CHECK_EQ(LB("{\"Message\":\"\xe4\\\\\\\\\"}", 0), ASC_OK);
    CHECK_STR(r.message, "\xe4\\\\");
    CHECK_EQ(LB("{\"Message\":\"\xf0\x80\\n\"}", 0), ASC_OK);
    CHECK_STR(r.message, "\xf0\x80\n");
    CHECK_EQ(LB("{\"Message\":\"\xe4\\u0041\"}", 0), ASC_OK);
    CHECK_STR(r.message, "\xe4" "A");
    CHECK_EQ(LB("{\"Message\":\"\xc3\"}", 0), ASC_E_JSON); /* cut by the end */
#undef LB
}

int main(void)
{
    guard_setup();
    test_success();
    test_error_bodies();
    test_invalid();
    test_strings();
    test_scratch();
    test_prefixes();
    test_codes_bound();
    test_mutations();
    test_differential();
    test_same_status_any_scratch();
    test_json_suite();
    test_lean();
    return TEST_REPORT();
}
