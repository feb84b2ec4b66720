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
 */
#include <limits.h>
#include <stdint.h>
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

int main(void)
{
    test_error_status();
    test_scratch();
    test_code_number();
    return TEST_REPORT();
}
