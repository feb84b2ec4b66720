/*
 * Signing alone, against the hash-only mbedTLS configuration: builds the
 * DeleteImage request of the official SDK's vector "v3-post-body-basic"
 * (tests/vectors) and compares its Authorization header with the SDK's,
 * given as argv[1]; then builds the same call with signature V1 (SHA-1).
 * Prints "N passed, N failed".
 */
#include <stdio.h>
#include <string.h>
#include "asc.h"
#include "asc_request.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
}

int main(int argc, char **argv)
{
    static uint8_t buf[2048];
    asc_credentials creds = { ASC_SPAN_LIT("testid"), ASC_SPAN_LIT("testsecret"), { NULL, 0 } };
    asc_param p[] = { { ASC_SPAN_LIT("ImageId"), ASC_SPAN_LIT("img-123") } };
    asc_rpc_request rq = { ASC_SPAN_LIT("DeleteImage"), ASC_SPAN_LIT("2021-09-01"),
                           ASC_METHOD_POST, ASC_PARAMS_IN_BODY, p, 1 };
    asc_sign_opts so;
    size_t len = 0, needed = 0;
    asc_status st;
    char want[512];

    if (argc != 2 || strlen(argv[1]) + 18 >= sizeof want) {
        fprintf(stderr, "usage: sign_only 'EXPECTED AUTHORIZATION'\n");
        return 2;
    }
    memset(&so, 0, sizeof so);
    so.sig = ASC_SIG_V3;
    so.host = asc_span_from_str("appstream-center.cn-shanghai.aliyuncs.com");
    so.timestamp = 1767225600; /* 2026-01-01T00:00:00Z */
    so.nonce = asc_span_from_str("refsdk-nonce-0034");
    so.credentials_provider_header = true;

    st = asc_build_request(&creds, &so, &rq, buf, sizeof buf - 1, &len, &needed, NULL);
    check(st == ASC_OK, "V3 request built with SHA-256 only");
    buf[st == ASC_OK ? len : 0] = 0;
    snprintf(want, sizeof want, "\r\nAuthorization: %s\r\n", argv[1]);
    check(st == ASC_OK && strstr((const char *)buf, want) != NULL,
          "V3 Authorization equals the official SDK's");

    so.sig = ASC_SIG_V1;
    st = asc_build_request(&creds, &so, &rq, buf, sizeof buf - 1, &len, &needed, NULL);
    check(st == ASC_OK && len > 0, "V1 request built with SHA-1");
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
