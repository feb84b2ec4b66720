/*
 * asc - command-line client on the library and the POSIX port, modelled on
 * the official `aliyun` CLI:
 *
 *   asc DeleteImage --ImageId img-xxx [--region R] [--endpoint host[:port]]
 *       [--ca-file F] [--signature v3|v1] [--retries N] [--timeout-ms N]
 *       [--verbose] [--dry-run [--nonce N] [--timestamp T]]
 *       [--insecure-plaintext-http]
 *   asc ListImage --PageSize 10        (any action: --Name value pairs)
 *
 * Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
 * ALIBABA_CLOUD_SECURITY_TOKEN. Exit codes: 0 ok, 2 usage, 3 transport or
 * TLS, 4 service error, 5 a front end answered without the service (HTTP
 * status, no service JSON), 6 DeleteImage: the service did not delete the
 * image (Data not true), 1 anything else. Like the library, no heap: every
 * buffer below is static.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

#define EXIT_USAGE 2
#define EXIT_TRANSPORT 3
#define EXIT_SERVICE 4
#define EXIT_FRONT_END 5   /* an HTTP status from a gateway/proxy, no service answer */
#define EXIT_NOT_DELETED 6 /* DeleteImage answered, but Data was not true */
#define MAX_CLI_PARAMS 32

static uint8_t work[65536];
static uint8_t ca_buf[65536 + 1];
static char host_buf[300];
static char default_host[128];
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
static uint8_t tls_arena[96 * 1024];
#endif
static asc_tls tls;
static asc_client client;
static asc_port_posix posix;
static asc_port port;
static asc_result res;
static asc_param params[MAX_CLI_PARAMS];

static int usage(const char *msg)
{
    if (msg != NULL) {
        fprintf(stderr, "asc: %s\n", msg);
    }
    fprintf(stderr,
            "usage: asc <Action> [--Name value ...] [options]\n"
            "  asc DeleteImage --ImageId img-xxx\n"
            "  asc ListImage --PageSize 10\n"
            "options:\n"
            "  --region R            default cn-shanghai (endpoint appstream-center.R.aliyuncs.com)\n"
            "  --endpoint H[:P]      override the endpoint host and port\n"
            "  --ca-file F           trust anchors (PEM or DER); default /etc/ssl/certs/ca-certificates.crt\n"
            "  --signature v3|v1     ACS3-HMAC-SHA256 (default) or legacy HMAC-SHA1\n"
            "  --retries N           extra attempts after the first (default 2)\n"
            "  --timeout-ms N        connect and read timeout (default 10000)\n"
            "  --verbose             request and response headers on stderr (secrets masked)\n"
            "  --dry-run             print the signed request and exit without connecting\n"
            "  --nonce N --timestamp YYYY-MM-DDTHH:MM:SSZ   fix them (reproducible --dry-run)\n"
            "  --insecure-plaintext-http   DANGER: no TLS (local emulator only)\n"
            "credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,\n"
            "             ALIBABA_CLOUD_SECURITY_TOKEN (optional)\n");
    return EXIT_USAGE;
}

static int parse_u32(const char *s, uint32_t *out)
{
    char *end = NULL;
    unsigned long v;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v > 0xffffffffUL || s[0] == '-') {
        return 0;
    }
    *out = (uint32_t)v;
    return 1;
}

/* "YYYY-MM-DDTHH:MM:SSZ" -> epoch, by round-tripping through the library's
 * formatter (binary search keeps this free of gmtime/timegm). */
static int parse_ts(const char *s, int64_t *out)
{
    int64_t lo = 0, hi = 253402300799;
    char buf[32];
    if (strlen(s) != ASC_TIMESTAMP_LEN) {
        return 0;
    }
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        int c;
        if (asc_format_timestamp(mid, buf, sizeof buf) != ASC_OK) {
            return 0;
        }
        c = strcmp(buf, s);
        if (c == 0) {
            *out = mid;
            return 1;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return 0;
}

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL) {
        return 0;
    }
    n = fread(buf, 1, cap - 1, f);
    if (!feof(f)) {
        n = 0; /* too large */
    }
    fclose(f);
    buf[n] = '\0';
    return n;
}

/* Print a line with the values of the query parameters SecurityToken and
 * Signature (V1 request line) replaced by ****. */
static void print_line_masked(const char *prefix, const char *line, size_t len)
{
    static const char *const secret_params[] = { "SecurityToken=", "Signature=" };
    size_t i = 0, k;
    fputs(prefix, stderr);
    while (i < len) {
        int masked = 0;
        for (k = 0; k < 2; k++) {
            size_t pl = strlen(secret_params[k]);
            if ((i == 0 || line[i - 1] == '?' || line[i - 1] == '&') && len - i >= pl &&
                memcmp(line + i, secret_params[k], pl) == 0) {
                fwrite(line + i, 1, pl, stderr);
                fputs("****", stderr);
                i += pl;
                while (i < len && line[i] != '&' && line[i] != ' ') {
                    i++;
                }
                masked = 1;
                break;
            }
        }
        if (!masked) {
            fputc(line[i], stderr);
            i++;
        }
    }
    fputc('\n', stderr);
}

/* Print headers with Authorization and tokens masked (verbose mode). */
static void print_masked(const char *prefix, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && p[j] != '\n') {
            j++;
        }
        if (j - i <= 2 && (j - i == 0 || p[i] == '\r')) {
            break; /* end of headers */
        }
        {
            const char *line = (const char *)p + i;
            size_t len = j - i;
            if ((len >= 14 && strncmp(line, "Authorization:", 14) == 0) ||
                (len >= 21 && strncmp(line, "x-acs-security-token:", 21) == 0)) {
                const char *colon = memchr(line, ':', len);
                fprintf(stderr, "%s%.*s: ****\n", prefix, (int)(colon - line), line);
            } else {
                print_line_masked(prefix, line,
                                  len > 0 && line[len - 1] == '\r' ? len - 1 : len);
            }
        }
        i = j + 1;
    }
}

/* Pretty-print JSON without parsing it into anything: indent on { [ and
 * after commas outside strings. */
static void pretty(const char *p, size_t n)
{
    size_t i;
    int depth = 0, in_str = 0, esc = 0, k;
    for (i = 0; i < n; i++) {
        char c = p[i];
        if (in_str) {
            putchar(c);
            if (esc) {
                esc = 0;
            } else if (c == '\\') {
                esc = 1;
            } else if (c == '"') {
                in_str = 0;
            }
            continue;
        }
        switch (c) {
        case '"':
            in_str = 1;
            putchar(c);
            break;
        case '{':
        case '[':
            putchar(c);
            if (i + 1 < n && (p[i + 1] == '}' || p[i + 1] == ']')) {
                putchar(p[++i]);
                break;
            }
            depth++;
            putchar('\n');
            for (k = 0; k < depth; k++) fputs("\t", stdout);
            break;
        case '}':
        case ']':
            depth--;
            putchar('\n');
            for (k = 0; k < depth; k++) fputs("\t", stdout);
            putchar(c);
            break;
        case ',':
            putchar(c);
            putchar('\n');
            for (k = 0; k < depth; k++) fputs("\t", stdout);
            break;
        case ':':
            fputs(": ", stdout);
            break;
        case ' ': case '\t': case '\r': case '\n':
            break;
        default:
            putchar(c);
        }
    }
    putchar('\n');
}

/* A front end (gateway, proxy) answered instead of the service: say so,
 * with what it told us; never "malformed JSON". */
static void print_front_end(const asc_result *r, int is_delete)
{
    fprintf(stderr, "asc: HTTP %d from the front end (", r->http_status);
    if (r->server[0] != '\0') {
        fprintf(stderr, "Server: %s", r->server);
    } else {
        fputs("no Server header", stderr);
    }
    fputs("), no service answer\n", stderr);
    if (r->location[0] != '\0') {
        fprintf(stderr, "asc: it redirects to %s (not followed: the API never redirects; "
                        "check --endpoint / --region)\n", r->location);
    }
    if ((r->present & ASC_RESULT_HAS_RETRY_AFTER) != 0u) {
        fprintf(stderr, "asc: Retry-After: %lu s\n",
                (unsigned long)((r->retry_after_ms + 999u) / 1000u));
    }
    if (is_delete && r->http_status >= 500) {
        fputs("asc: the request may have reached the service: the image may be deleted "
              "(ListImage tells)\n", stderr);
    }
}

/* DeleteImage answered as a successful request without Data true. */
static void print_not_deleted(const asc_result *r)
{
    if ((r->present & ASC_RESULT_HAS_DATA) != 0u && r->data_json.len == 5u &&
        memcmp(r->data_json.ptr, "false", 5u) == 0) {
        fputs("asc: the service did not delete the image (Data: false)", stderr);
    } else {
        fputs("asc: the service did not confirm the deletion (no boolean Data in its answer); "
              "treat the image as not deleted", stderr);
    }
    fprintf(stderr, "\nRequestId: %s\nMessage: %s\n", r->request_id, r->message);
}

static void verbose_trace(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    (void)ctx;
    if (kind == ASC_TRACE_STRING_TO_SIGN) {
        fprintf(stderr, "%.*s", (int)n, p);
    }
}

int main(int argc, char **argv)
{
    asc_client_config cfg;
    asc_rpc_request rq;
    const char *action = NULL, *region = "cn-shanghai", *endpoint = NULL;
    const char *ca_file = "/etc/ssl/certs/ca-certificates.crt";
    const char *nonce = NULL, *ts = NULL;
    const char *id = getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    const char *secret = getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    const char *token = getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
    uint32_t retries = 2, timeout = 10000, port_no = 0;
    int verbose = 0, dry = 0, plain = 0, i;
    size_t np = 0;
    asc_status st;

    asc_client_config_defaults(&cfg);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(NULL);
            return 0;
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = 1;
        } else if (strcmp(a, "--dry-run") == 0) {
            dry = 1;
        } else if (strcmp(a, "--insecure-plaintext-http") == 0) {
            plain = 1;
        } else if (a[0] == '-' && a[1] == '-' && a[2] >= 'a' && a[2] <= 'z') {
            if (v == NULL) {
                fprintf(stderr, "asc: option %s needs a value\n", a);
                return EXIT_USAGE;
            }
            i++;
            if (strcmp(a, "--region") == 0) {
                region = v;
            } else if (strcmp(a, "--endpoint") == 0) {
                endpoint = v;
            } else if (strcmp(a, "--ca-file") == 0) {
                ca_file = v;
            } else if (strcmp(a, "--signature") == 0) {
                if (strcmp(v, "v3") == 0) {
                    cfg.sig = ASC_SIG_V3;
                } else if (strcmp(v, "v1") == 0) {
                    cfg.sig = ASC_SIG_V1;
                } else {
                    return usage("--signature takes v3 or v1");
                }
            } else if (strcmp(a, "--retries") == 0) {
                if (!parse_u32(v, &retries) || retries > 20) {
                    return usage("--retries takes a number 0..20");
                }
            } else if (strcmp(a, "--timeout-ms") == 0) {
                if (!parse_u32(v, &timeout) || timeout == 0) {
                    return usage("--timeout-ms takes a positive number");
                }
            } else if (strcmp(a, "--nonce") == 0) {
                nonce = v;
            } else if (strcmp(a, "--timestamp") == 0) {
                ts = v;
            } else {
                fprintf(stderr, "asc: unknown option %s\n", a);
                return usage(NULL);
            }
        } else if (a[0] == '-' && a[1] == '-' && a[2] != '\0') {
            /* --Name value: an RPC parameter */
            if (v == NULL) {
                fprintf(stderr, "asc: parameter %s needs a value\n", a);
                return EXIT_USAGE;
            }
            if (np == MAX_CLI_PARAMS) {
                return usage("too many parameters");
            }
            params[np].name = asc_span_from_str(a + 2);
            params[np].value = asc_span_from_str(v);
            np++;
            i++;
        } else if (action == NULL && a[0] != '-') {
            action = a;
        } else {
            fprintf(stderr, "asc: unexpected argument %s\n", a);
            return usage(NULL);
        }
    }
    if (action == NULL) {
        return usage("no action given");
    }
    if (strcmp(action, "DeleteImage") == 0) {
        size_t k;
        int have = 0;
        for (k = 0; k < np; k++) {
            have |= strcmp(params[k].name.ptr, "ImageId") == 0 && params[k].value.len > 0;
        }
        if (!have) {
            return usage("DeleteImage needs --ImageId");
        }
    }
    if (id == NULL || id[0] == '\0' || secret == NULL || secret[0] == '\0') {
        fprintf(stderr, "asc: missing credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                        "ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)\n");
        return EXIT_USAGE;
    }
    if (endpoint != NULL) {
        const char *colon = strrchr(endpoint, ':');
        size_t hl = colon != NULL ? (size_t)(colon - endpoint) : strlen(endpoint);
        if (hl == 0 || hl >= sizeof host_buf) {
            return usage("bad --endpoint");
        }
        memcpy(host_buf, endpoint, hl);
        host_buf[hl] = '\0';
        if (colon != NULL && (!parse_u32(colon + 1, &port_no) || port_no == 0 || port_no > 65535)) {
            return usage("bad --endpoint port");
        }
        cfg.host = host_buf;
    } else {
        snprintf(default_host, sizeof default_host, "appstream-center.%s.aliyuncs.com", region);
        cfg.host = default_host;
    }
    cfg.port = (uint16_t)port_no;
    cfg.creds.access_key_id = asc_span_from_str(id);
    cfg.creds.access_key_secret = asc_span_from_str(secret);
    cfg.creds.security_token = asc_span_from_str(token);
    cfg.max_attempts = (uint8_t)(retries + 1);
    cfg.connect_timeout_ms = timeout;
    cfg.io_timeout_ms = timeout;
    cfg.deadline_ms = 0; /* each attempt is bounded by the timeouts */
    cfg.insecure_plaintext_http = plain != 0;

    rq.action = asc_span_from_str(action);
    rq.version = asc_span_from_str(ASC_API_VERSION);
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = params;
    rq.n_params = np;

    asc_port_posix_init(&port, &posix);

    if (dry) {
        /* Build exactly what the client would send, print it, exit. */
        asc_sign_opts so;
        char nonce_hex[ASC_NONCE_LEN];
        size_t len = 0, needed = 0;
        uint8_t rnd[ASC_NONCE_LEN / 2];
        int64_t when;
        size_t k;
        st = asc_client_init(&client, &cfg, &port, plain ? NULL : &tls, work, sizeof work);
        if (st != ASC_OK) {
            fprintf(stderr, "asc: %s\n", asc_status_str(st));
            return EXIT_USAGE;
        }
        memset(&so, 0, sizeof so);
        so.sig = cfg.sig;
        so.host = asc_span_from_str(client.host_hdr);
        so.user_agent = asc_span_from_str(client.cfg.user_agent);
        so.credentials_provider_header = cfg.credentials_provider_header;
        if (ts != NULL) {
            if (!parse_ts(ts, &when)) {
                return usage("--timestamp takes YYYY-MM-DDTHH:MM:SSZ");
            }
        } else {
            when = port.utc_now(port.ctx);
        }
        so.timestamp = when;
        if (nonce != NULL) {
            so.nonce = asc_span_from_str(nonce);
        } else {
            if (port.random(port.ctx, rnd, sizeof rnd) != ASC_OK) {
                fprintf(stderr, "asc: no randomness\n");
                return 1;
            }
            for (k = 0; k < sizeof rnd; k++) {
                static const char hx[] = "0123456789abcdef";
                nonce_hex[2 * k] = hx[rnd[k] >> 4];
                nonce_hex[2 * k + 1] = hx[rnd[k] & 15];
            }
            so.nonce.ptr = nonce_hex;
            so.nonce.len = sizeof nonce_hex;
        }
        st = asc_build_request(&cfg.creds, &so, &rq, work, sizeof work, &len, &needed, NULL);
        if (st != ASC_OK) {
            fprintf(stderr, "asc: cannot build the request: %s\n", asc_status_str(st));
            return EXIT_USAGE;
        }
        fwrite(work, 1, len, stdout);
        return 0;
    }

    if (!plain) {
        size_t n;
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
        if (asc_tls_arena_init(tls_arena, sizeof tls_arena) != ASC_OK) {
            fprintf(stderr, "asc: TLS arena init failed\n");
            return 1;
        }
#endif
        n = read_file(ca_file, ca_buf, sizeof ca_buf);
        if (n == 0) {
            fprintf(stderr, "asc: cannot read CA file %s\n", ca_file);
            return EXIT_USAGE;
        }
        /* PEM: mbedTLS wants the terminating NUL counted; DER: exact length. */
        st = asc_tls_init(&tls, &port, ca_buf,
                          strstr((const char *)ca_buf, "-----BEGIN") != NULL ? n + 1 : n);
        if (st != ASC_OK) {
            fprintf(stderr, "asc: CA file %s: %s\n", ca_file, asc_status_str(st));
            return EXIT_USAGE;
        }
    } else {
        fprintf(stderr, "asc: WARNING: --insecure-plaintext-http: no TLS, credentials' "
                        "signatures travel in clear\n");
    }
    st = asc_client_init(&client, &cfg, &port, plain ? NULL : &tls, work, sizeof work);
    if (st != ASC_OK) {
        fprintf(stderr, "asc: %s\n", asc_status_str(st));
        return EXIT_USAGE;
    }
    if (verbose) {
        asc_sign_opts so;
        size_t len = 0;
        asc_trace tr = { verbose_trace, NULL };
        memset(&so, 0, sizeof so);
        so.sig = cfg.sig;
        so.host = asc_span_from_str(client.host_hdr);
        so.user_agent = asc_span_from_str(client.cfg.user_agent);
        so.timestamp = port.utc_now(port.ctx);
        so.nonce = asc_span_from_str("0000000000000000000000000000000v");
        so.credentials_provider_header = cfg.credentials_provider_header;
        /* The V1 string to sign carries the STS token: shown only without one. */
        if (cfg.creds.security_token.len == 0u) {
            fprintf(stderr, "> string to sign (example nonce):\n");
        } else {
            tr.fn = NULL;
            fprintf(stderr, "> (string to sign not shown: it contains the security token)\n");
        }
        if (asc_build_request(&cfg.creds, &so, &rq, work, sizeof work, &len, NULL, &tr) == ASC_OK) {
            fprintf(stderr, "\n");
            print_masked("> ", work, len);
        }
    }
    if (strcmp(action, "DeleteImage") == 0 && np == 1) {
        st = asc_delete_image(&client, params[0].value, &res);
    } else {
        st = asc_call(&client, &rq, &res);
    }
    if (verbose && res.body.ptr != NULL) {
        print_masked("< ", work, (size_t)(res.body.ptr - (const char *)work));
        fprintf(stderr, "< (attempts: %u)\n", client.attempts);
    }
    asc_client_close(&client);
    if (!plain) {
        asc_tls_free(&tls);
    }
    if (st == ASC_OK) {
        pretty(res.body.ptr, res.body.len);
        if (res.already_deleted) {
            fprintf(stderr, "asc: note: an earlier attempt had already deleted the image\n");
        }
        return 0;
    }
    if (st == ASC_E_NOT_DELETED) {
        pretty(res.body.ptr, res.body.len); /* Data stays visible */
        print_not_deleted(&res);
        return EXIT_NOT_DELETED;
    }
    if (st == ASC_E_FRONT_END) {
        print_front_end(&res, strcmp(action, "DeleteImage") == 0);
        return EXIT_FRONT_END;
    }
    if (st == ASC_E_SERVICE) {
        fprintf(stderr, "ERROR: %s (HTTP %d)\n", res.code[0] ? res.code : "unknown", res.http_status);
        fprintf(stderr, "Code: %s\nMessage: %s\nRequestId: %s\n", res.code, res.message,
                res.request_id);
        if (res.recommend[0] != '\0') {
            fprintf(stderr, "Recommend: %s\n", res.recommend);
        }
        return EXIT_SERVICE;
    }
    fprintf(stderr, "asc: %s: %s (endpoint %s:%u)\n",
            st == ASC_E_TLS_CERT ? "TLS certificate rejected" :
            st == ASC_E_BUFFER_TOO_SMALL ? "request too large" : "request failed",
            asc_status_str(st), cfg.host, (unsigned)client.cfg.port);
    switch (st) {
    case ASC_E_DNS: case ASC_E_CONNECT: case ASC_E_IO: case ASC_E_TIMEOUT:
    case ASC_E_CLOSED: case ASC_E_TLS: case ASC_E_TLS_CERT: case ASC_E_DEADLINE:
        return EXIT_TRANSPORT;
    case ASC_E_INVALID_ARG: case ASC_E_INVALID_HEADER_VALUE: case ASC_E_DUPLICATE_PARAM:
    case ASC_E_BUFFER_TOO_SMALL:
        return EXIT_USAGE;
    default:
        return 1;
    }
}
