/*
 * test_spec_json.c - rules of asc_result_bind (include/asc_result.h) shown
 * on both sides of each boundary (issue 24):
 *  J1 error is ASC_ERR_NONE only for an HTTP status of 200..299 with
 *     Success not false and Code absent or "200": 199 and 300 report an
 *     error (ASC_ERR_UNKNOWN for Code "200"), 200 and 299 do not;
 *  J2 the scratch memory: a body needs one token per JSON value; scratch
 *     of exactly that many tokens binds it, one byte less is
 *     ASC_E_RESPONSE_TOO_LARGE; a body of INT_MAX bytes or more is
 *     ASC_E_RESPONSE_TOO_LARGE before any byte is read;
 *  J3 (lean profile) a Code number need only consist of 0-9 + - . e E:
 *     a primitive starting with another character is refused; (strict)
 *     every primitive is spelled as RFC 8259 says.
 *  J4 escapes: \uD7FF and \uE000 are characters (around the surrogate
 *     range D800..DFFF), \uD800 and \uDFFF alone are not; a code point
 *     below 0x80 takes one UTF-8 byte, 0x80 two, 0x7FF two, 0x800 three.
 *  J5 (strict) raw UTF-8: the second byte of a two-byte character and
 *     the third and fourth bytes of longer ones are continuation bytes
 *     0x80..0xBF, both ends included; 0x7F or 0xC0 there is invalid.
 *  J6 a body with a length but no bytes (NULL) is ASC_E_INVALID_ARG.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include "harness.h"
#include "asc.h"
#include "asc_result.h"

static uint64_t scratch64[64]; /* 8-aligned: no padding needed for tokens */
static asc_result r;

static asc_status bind(const char *body, int status, size_t scratch_len)
{
    return asc_result_bind(&r, asc_span_from_str(body), status, 0u, scratch64, scratch_len);
}

static void test_error_status(void)
{
    static const char ok[] = "{\"Code\":\"200\",\"Success\":true,\"Data\":true}";
    T_CASE("J1: Code 200 and Success true: no error for 200 and 299");
    CHECK_EQ(bind(ok, 200, sizeof scratch64), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_NONE);
    CHECK_EQ(bind(ok, 299, sizeof scratch64), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_NONE);
    T_CASE("J1: the same body with 199 or 300 reports an error");
    CHECK_EQ(bind(ok, 199, sizeof scratch64), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(bind(ok, 300, sizeof scratch64), ASC_OK);
    CHECK_EQ(r.error, ASC_ERR_UNKNOWN);
    CHECK_EQ(r.http_status, 300);
}

static void test_scratch(void)
{
    const size_t tok = asc_json_token_size();
    T_CASE("J2: {} is one token: exactly one fits, one byte less does not");
    CHECK_EQ(bind("{}", 200, tok), ASC_OK);
    CHECK_EQ(bind("{}", 200, tok - 1u), ASC_E_RESPONSE_TOO_LARGE);
    CHECK_EQ(bind("{}", 200, 0u), ASC_E_RESPONSE_TOO_LARGE);
    T_CASE("J2: {\"Code\":\"200\",\"Data\":true} is five tokens");
    CHECK_EQ(bind("{\"Code\":\"200\",\"Data\":true}", 200, 5u * tok), ASC_OK);
    CHECK_STR(r.code, "200");
    CHECK_EQ(bind("{\"Code\":\"200\",\"Data\":true}", 200, 5u * tok - 1u),
             ASC_E_RESPONSE_TOO_LARGE);
    T_CASE("J2: a body of INT_MAX bytes is refused before it is read");
    CHECK_EQ(asc_result_bind(&r, (asc_span){ "{}", (size_t)INT_MAX }, 200, 0u, scratch64,
                             sizeof scratch64),
             ASC_E_RESPONSE_TOO_LARGE);
    CHECK_EQ(asc_result_bind(&r, (asc_span){ "{}", 2u }, 200, 0u, NULL, 64u),
             ASC_E_RESPONSE_TOO_LARGE);
}

static void test_code_number(void)
{
    T_CASE("J3: a Code number is copied as text");
    CHECK_EQ(bind("{\"Code\":-12.5e3}", 400, sizeof scratch64), ASC_OK);
    CHECK_STR(r.code, "-12.5e3");
    T_CASE("J3: a primitive Code starting with a letter is refused");
    CHECK_EQ(bind("{\"Code\":t1}", 400, sizeof scratch64), ASC_E_JSON);
    CHECK_EQ(bind("{\"Code\":true}", 400, sizeof scratch64), ASC_E_JSON);
    CHECK_EQ(bind("{\"Code\":n5}", 400, sizeof scratch64), ASC_E_JSON);
}

/* The Message of {"Message":"<text>"} bound: its bytes, or NULL when the
 * body is refused. */
static const char *message_of(const char *text)
{
    static char body[128];
    (void)snprintf(body, sizeof body, "{\"Message\":\"%s\"}", text);
    return bind(body, 200, sizeof scratch64) == ASC_OK ? r.message : NULL;
}

static void check_bytes(const char *got, const char *want)
{
    CHECK(got != NULL);
    if (got != NULL) {
        CHECK_STR(got, want);
    }
}

static void test_escapes(void)
{
    T_CASE("J4: the code points next to the surrogate range are characters");
    check_bytes(message_of("\\uD7FF"), "\xED\x9F\xBF");
    check_bytes(message_of("\\uE000"), "\xEE\x80\x80");
    CHECK(message_of("\\uD800") == NULL);
    CHECK(message_of("\\uDBFF") == NULL);
    CHECK(message_of("\\uDC00") == NULL);
    CHECK(message_of("\\uDFFF") == NULL);
    check_bytes(message_of("\\uDBFF\\uDFFF"), "\xF4\x8F\xBF\xBF");
    T_CASE("J4: UTF-8 lengths at each boundary");
    check_bytes(message_of("\\u007f"), "\x7F");
    check_bytes(message_of("\\u0080"), "\xC2\x80");
    check_bytes(message_of("\\u0081"), "\xC2\x81");
    check_bytes(message_of("\\u07FF"), "\xDF\xBF");
    check_bytes(message_of("\\u0800"), "\xE0\xA0\x80");
    check_bytes(message_of("\\uFFFF"), "\xEF\xBF\xBF");
}

static void test_raw_utf8(void)
{
#if ASC_STRICT_PARSING
    T_CASE("J5 (strict): continuation bytes 0x80 and 0xBF in third and fourth place");
    check_bytes(message_of("\xE1\x80\x80"), "\xE1\x80\x80");
    check_bytes(message_of("\xE1\x80\xBF"), "\xE1\x80\xBF");
    check_bytes(message_of("\xF1\x80\x80\xBF"), "\xF1\x80\x80\xBF");
    T_CASE("J5 (strict): 0x7F or 0xC0 in third or fourth place is invalid");
    CHECK(message_of("\xE1\x80\x7F") == NULL);
    CHECK(message_of("\xE1\x80\xC0") == NULL);
    CHECK(message_of("\xF1\x80\x80\x7F") == NULL);
    CHECK(message_of("\xF1\x80\xC0\x80") == NULL);
    T_CASE("J5 (strict): the second byte of a two-byte character is 0x80..0xBF");
    check_bytes(message_of("\xC2\x80"), "\xC2\x80");
    check_bytes(message_of("\xDF\xBF"), "\xDF\xBF");
    CHECK(message_of("\xC3\x7F") == NULL);
    CHECK(message_of("\xC3\xC0") == NULL);
#endif
}

static void test_null_body(void)
{
    T_CASE("J6: a body of one byte at NULL is an invalid argument");
    CHECK_EQ(asc_result_bind(&r, (asc_span){ NULL, 1u }, 200, 0u, scratch64, sizeof scratch64),
             ASC_E_INVALID_ARG);
    CHECK_EQ(asc_result_bind(&r, (asc_span){ NULL, 0u }, 200, 0u, scratch64, sizeof scratch64),
             ASC_E_JSON);
}

int main(void)
{
    test_error_status();
    test_scratch();
    test_code_number();
    test_escapes();
    test_raw_utf8();
    test_null_body();
    return TEST_REPORT();
}
