/*
 * asc - command-line client on the library and the POSIX port, modelled on
 * the official `aliyun` CLI:
 *
 *   asc DeleteImage --ImageId img-xxx [--region R] [--endpoint host[:port]]
 *       [--ca-file F] [--signature v3|v1] [--retries N] [--timeout-ms N]
 *       [--deadline-ms N] [--verbose] [--show-secrets]
 *       [--dry-run [--nonce N] [--timestamp T [--allow-any-timestamp]]]
 *       [--insecure-plaintext-http] [--proxy http://[user:pass@]host:port]
 *   asc ListImage --PageSize 10        (any action: --Name value pairs)
 *
 * Our options are lower-case; API parameters start with an upper-case
 * letter (as in the aliyun CLI). An unknown lower-case option is refused
 * before anything is sent, with the closest options suggested.
 *
 * Credentials: the official default chain (cli_creds.c): environment,
 * ~/.aliyun/config.json, ALIBABA_CLOUD_CREDENTIALS_URI. Proxy: --proxy,
 * HTTPS_PROXY, https_proxy, ALL_PROXY, all_proxy, NO_PROXY, no_proxy
 * (cli_proxy.h). Exit codes: EXIT_* below (also in --help and README.md).
 * Like the library, no heap for the request: every buffer is static. The
 * trust store is the exception (trust_store.c): the CA file and the TLS
 * arena are sized from the file, so any system bundle works.
 *
 * Files: cli_options.c (option table, suggestions), cli_text.c (escaping,
 * masking, JSON), cli_trace.c (--verbose, SignatureDoesNotMatch),
 * trust_store.c (--ca-file, SSL_CERT_FILE, system bundles), cli_proxy.c
 * (which proxy, NO_PROXY).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"
#include "cli_creds.h"
#include "cli_options.h"
#include "cli_proxy.h"
#include "cli_text.h"
#include "cli_trace.h"
#include "trust_store.h"

#if !ASC_ENABLE_TOOLS || !ASC_ENABLE_STATUS_TEXT || !ASC_ENABLE_PROXY || \
    !ASC_ENABLE_CREDENTIALS_PROVIDER || !ASC_ENABLE_FRONT_END_FIELDS
#error "the command-line tool needs the library's tools (the trace hook), status text, proxy, credentials provider and front-end fields: build it with ASC_FULL=1 (make's default FULL=1)"
#endif

/* Exit codes. */
#define EXIT_OK 0             /* success (also a deletion an earlier attempt did) */
#define EXIT_NOT_UNDERSTOOD 1 /* the answer was not understood (not HTTP, not JSON,
                                 too large) or a local failure (randomness, crypto) */
#define EXIT_USAGE 2          /* bad option, argument or credentials: nothing sent */
#define EXIT_TRANSPORT 3      /* DNS, connect, I/O, timeout, TLS, certificate, deadline,
                                 the proxy refused or did not answer HTTP */
#define EXIT_SERVICE 4        /* the service answered an error (Code on stderr) */
#define EXIT_FRONT_END 5      /* an HTTP status from a front end (gateway, proxy,
                                 load balancer) without a service answer */
#define EXIT_NOT_DELETED 6    /* DeleteImage: the service answered but did not
                                 confirm the deletion (Data not true) */

#define MAX_CLI_PARAMS 32
#define DEFAULT_DEADLINE_MS 60000u
#define MAX_DEADLINE_MS 2147483647u     /* the library's limit, 2^31 - 1 */
#define TIMESTAMP_WINDOW_S (15 * 60)    /* the service's own tolerance */
#define MAX_REGION_LEN 63u              /* one DNS label */

static uint8_t work[65536];
static char host_buf[300];
static char default_host[128];
static char message_buf[65536];
static asc_tls tls;
static asc_client client;
static asc_port_posix posix;
static asc_port port;
static asc_result res;
static asc_param params[MAX_CLI_PARAMS];
static cli_trace trace;
static cli_proxy proxy;
static char proxy_msg[512];
static cli_creds creds;
static asc_credentials_store store;
static const asc_credentials_provider provider = { cli_creds_fetch, &creds, &store };

/* Everything the command line says. */
typedef struct cli_args {
    const char *action;
    const char *region;
    const char *endpoint;
    const char *ca_file;
    const char *nonce;
    const char *timestamp;
    const char *proxy;  /* --proxy (NULL: not given; "": no proxy) */
    char *proxy_arg;    /* the same argv string, wiped once read */
    const char *profile;
    asc_sig_version sig;
    uint32_t repeat;
    uint32_t interval_ms;
    uint32_t retries;
    uint32_t timeout_ms;
    uint32_t deadline_ms;
    int verbose;
    int dry_run;
    int show_secrets;
    int allow_any_timestamp;
    int plaintext;
    size_t n_params;
} cli_args;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: asc <Action> [--Name value ...] [options]\n"
            "  asc DeleteImage --ImageId img-xxx\n"
            "  asc ListImage --PageSize 10\n"
            "API parameters start with an upper-case letter (--ImageId); options are lower-case:\n"
            "  --region R            default cn-shanghai (endpoint appstream-center.R.aliyuncs.com);\n"
            "                        letters a-z, digits and '-' only\n"
            "  --endpoint H[:P]      override the endpoint host and port\n"
            "  --ca-file F           trust anchors (PEM or DER); default $SSL_CERT_FILE, else the\n"
            "                        system bundle (/etc/ssl/certs/ca-certificates.crt, ...)\n"
            "  --signature v3|v1     ACS3-HMAC-SHA256 (default) or legacy HMAC-SHA1\n"
            "  --retries N           extra attempts after the first (default 2, at most 20)\n"
            "  --timeout-ms N        connect and read timeout (default 10000)\n"
            "  --deadline-ms N       overall limit for the call, retries and waits included\n"
            "                        (default 60000)\n"
            "  --verbose             trace on stderr: for every attempt the canonical request,\n"
            "                        string to sign and signature of the request sent, that\n"
            "                        request, the answer's status line and headers\n"
            "  --dry-run             print the signed request (stdout) and exit without connecting\n"
            "  --show-secrets        do not mask the AccessKeyId, security token and signature\n"
            "                        in --dry-run and --verbose output (masked by default)\n"
            "  --nonce N --timestamp YYYY-MM-DDTHH:MM:SSZ   fix them (reproducible --dry-run;\n"
            "                        on a call that is sent only with --insecure-plaintext-http,\n"
            "                        and --nonce then 32 lower-case hex digits)\n"
            "  --allow-any-timestamp accept a --timestamp more than 15 minutes from now\n"
            "  --insecure-plaintext-http   DANGER: no TLS (local emulator only)\n"
            "  --proxy URL           HTTP proxy, http://[user:password@]host[:port] (port 80 when\n"
            "                        absent; \"\" for none); default from HTTPS_PROXY, https_proxy,\n"
            "                        ALL_PROXY or all_proxy; NO_PROXY / no_proxy (comma list of\n"
            "                        names, .domain suffixes, name:port, *) bypasses it. TLS runs\n"
            "                        through the proxy's CONNECT tunnel to the endpoint\n"
            "  --profile NAME        credentials from that profile of ~/.aliyun/config.json only\n"
            "  --repeat N            make the call N times in this process (default 1)\n"
            "  --interval-ms MS      wait between repeated calls (default 0)\n"
            "credentials, the first source that has them (the official default chain):\n"
            "  1. ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,\n"
            "     ALIBABA_CLOUD_SECURITY_TOKEN (optional)\n"
            "  2. ~/.aliyun/config.json (aliyun CLI): the profile named by --profile, else\n"
            "     ALIBABA_CLOUD_PROFILE, else \"current\"; modes AK and StsToken\n"
            "  3. ALIBABA_CLOUD_CREDENTIALS_URI: http(s) URL answering AccessKeyId,\n"
            "     AccessKeySecret, SecurityToken, Expiration; asked again before they expire\n"
            "     and when the service rejects the token\n"
            "exit codes:\n"
            "  0  success (a DeleteImage that an earlier, lost attempt performed included:\n"
            "     the output is then a success JSON of ours, with a note on stderr)\n"
            "  1  the answer was not understood (not HTTP, not JSON, too large) or a local\n"
            "     failure (no randomness, crypto)\n"
            "  2  usage: unknown or bad option, bad argument, no credentials from any source\n"
            "     (each source's reason on stderr); nothing sent\n"
            "  3  transport: DNS, connect, I/O, timeout, TLS, certificate, --deadline-ms;\n"
            "     the proxy refused the tunnel (407, 403, 5xx: its HTTP status is shown) or\n"
            "     did not answer HTTP\n"
            "  4  the service answered an error (Code, Message, RequestId on stderr)\n"
            "  5  a front end (gateway, proxy) answered an HTTP status without the service's\n"
            "     answer (status, Server, Location, Retry-After on stderr)\n"
            "  6  DeleteImage: the service answered but did not delete the image (Data false)\n"
            "     or did not confirm it (no boolean Data); its JSON on stdout\n");
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "asc: %s (asc --help lists the options)\n", msg);
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

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (n-- > 0u) {
        *v++ = 0u;
    }
}

/* No core file, and (Linux) no ptrace or /proc/<pid>/mem access by other
 * processes of the same user: the process holds the AccessKey secret. */
static void disable_core_dumps(void)
{
    struct rlimit none;
    none.rlim_cur = 0;
    none.rlim_max = 0;
    (void)setrlimit(RLIMIT_CORE, &none);
#if defined(__linux__)
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* ---- options ------------------------------------------------------------------ */

static void print_suggestions(const char *const *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        fprintf(stderr, "%s%s", i == 0 ? "; did you mean " : i + 1 == n ? " or " : ", ", s[i]);
    }
    if (n > 0u) {
        fputc('?', stderr);
    }
}

/* An argument "--x..." that is not one of our options. */
static int unknown_option(const char *arg)
{
    const char *s[3];
    size_t score, n = cli_option_suggest(arg, s, 3, &score);
    fputs("asc: unknown option ", stderr);
    cli_put_text(stderr, arg, strlen(arg));
    print_suggestions(s, n);
    if (n == 0u && arg[1] == '-' && arg[2] >= 'a' && arg[2] <= 'z') {
        fprintf(stderr, "; API parameters start with an upper-case letter (--%c",
                arg[2] - 'a' + 'A');
        cli_put_text(stderr, arg + 3, strlen(arg + 3));
        fputc(')', stderr);
    }
    fputs("\nasc: nothing was sent (asc --help lists the options)\n", stderr);
    return EXIT_USAGE;
}

/* Read the command line into a; returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, cli_args *a)
{
    int i;
    memset(a, 0, sizeof *a);
    a->region = "cn-shanghai";
    a->ca_file = NULL; /* trust_store.c: SSL_CERT_FILE, else the system bundle */
    a->sig = ASC_SIG_V3;
    a->retries = 2;
    a->timeout_ms = 10000;
    a->deadline_ms = DEFAULT_DEADLINE_MS;
    a->repeat = 1;
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        const cli_option *o;
        if (strcmp(arg, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (arg[0] != '-') {
            if (a->action != NULL) {
                fputs("asc: unexpected argument ", stderr);
                cli_put_text(stderr, arg, strlen(arg));
                return usage_error("; one action only");
            }
            a->action = arg;
            continue;
        }
        if (arg[1] == '-' && arg[2] >= 'A' && arg[2] <= 'Z') {
            /* --Name value: an API parameter */
            const char *s[3];
            size_t score, n = cli_option_suggest(arg, s, 3, &score);
            if (v == NULL || (v[0] == '-' && v[1] == '-' && n > 0u && score <= 1u)) {
                fputs("asc: API parameter ", stderr);
                cli_put_text(stderr, arg, strlen(arg));
                fputs(" needs a value", stderr);
                print_suggestions(s, score <= 1u ? n : 0u);
                fputs("\nasc: nothing was sent\n", stderr);
                return EXIT_USAGE;
            }
            if (n > 0u && score <= 1u) {
                fputs("asc: note: ", stderr);
                cli_put_text(stderr, arg, strlen(arg));
                fprintf(stderr, " is sent as an API parameter (the option is %s)\n", s[0]);
            }
            if (a->n_params == MAX_CLI_PARAMS) {
                return usage_error("too many API parameters");
            }
            params[a->n_params].name = asc_span_from_str(arg + 2);
            params[a->n_params].value = asc_span_from_str(v);
            a->n_params++;
            i++;
            continue;
        }
        o = cli_option_find(arg);
        if (o == NULL) {
            return unknown_option(arg);
        }
        if (o->takes_value) {
            if (v == NULL) {
                fprintf(stderr, "asc: option %s needs a value\n", o->name);
                return EXIT_USAGE;
            }
            i++;
        }
        switch (o->id) {
        case OPT_HELP:
            usage(stdout);
            return EXIT_OK;
        case OPT_REGION: a->region = v; break;
        case OPT_ENDPOINT: a->endpoint = v; break;
        case OPT_CA_FILE: a->ca_file = v; break;
        case OPT_SIGNATURE:
            if (strcmp(v, "v3") == 0) {
                a->sig = ASC_SIG_V3;
            } else if (strcmp(v, "v1") == 0) {
                a->sig = ASC_SIG_V1;
            } else {
                return usage_error("--signature takes v3 or v1");
            }
            break;
        case OPT_RETRIES:
            if (!parse_u32(v, &a->retries) || a->retries > 20) {
                return usage_error("--retries takes a number 0..20");
            }
            break;
        case OPT_TIMEOUT_MS:
            if (!parse_u32(v, &a->timeout_ms) || a->timeout_ms == 0) {
                return usage_error("--timeout-ms takes a positive number");
            }
            break;
        case OPT_DEADLINE_MS:
            if (!parse_u32(v, &a->deadline_ms) || a->deadline_ms == 0 ||
                a->deadline_ms > MAX_DEADLINE_MS) {
                return usage_error("--deadline-ms takes a number 1..2147483647");
            }
            break;
        case OPT_VERBOSE: a->verbose = 1; break;
        case OPT_DRY_RUN: a->dry_run = 1; break;
        case OPT_SHOW_SECRETS: a->show_secrets = 1; break;
        case OPT_NONCE: a->nonce = v; break;
        case OPT_TIMESTAMP: a->timestamp = v; break;
        case OPT_ALLOW_ANY_TIMESTAMP: a->allow_any_timestamp = 1; break;
        case OPT_INSECURE_PLAINTEXT_HTTP: a->plaintext = 1; break;
        case OPT_PROXY:
            a->proxy = v;
            a->proxy_arg = argv[i];
            break;
        case OPT_PROFILE: a->profile = v; break;
        case OPT_REPEAT:
            if (!parse_u32(v, &a->repeat) || a->repeat == 0 || a->repeat > 1000) {
                return usage_error("--repeat takes a number 1..1000");
            }
            break;
        case OPT_INTERVAL_MS:
            if (!parse_u32(v, &a->interval_ms) || a->interval_ms > 3600000u) {
                return usage_error("--interval-ms takes a number 0..3600000");
            }
            break;
        case OPT_COUNT_:
        default:
            return unknown_option(arg);
        }
    }
    return -1;
}

/* A region is one DNS label of the endpoint name: a-z, 0-9, '-'. */
static int region_ok(const char *r)
{
    size_t n = strlen(r), i;
    if (n == 0u || n > MAX_REGION_LEN || r[0] == '-' || r[n - 1u] == '-') {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (!((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= '0' && r[i] <= '9') || r[i] == '-')) {
            return 0;
        }
    }
    return 1;
}

/* ---- a fixed nonce and time on a call that is sent (reproducible traces) --- */

static struct {
    asc_port real;
    int64_t time;
    int has_time;
    uint8_t nonce[ASC_NONCE_LEN / 2u];
    int has_nonce;
} fixed;

static int64_t fixed_utc_now(void *ctx)
{
    return fixed.has_time ? fixed.time : fixed.real.utc_now(ctx);
}

/* The client draws its nonce as ASC_NONCE_LEN / 2 random bytes (shown in
 * hex); other draws (backoff jitter) stay random. Plain HTTP only: TLS
 * draws from the same source. */
static asc_status fixed_random(void *ctx, uint8_t *buf, size_t len)
{
    if (fixed.has_nonce && len == sizeof fixed.nonce) {
        memcpy(buf, fixed.nonce, len);
        return ASC_OK;
    }
    return fixed.real.random(ctx, buf, len);
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* ---- output -------------------------------------------------------------------- */

/* A service text field, escaped (and masked: a Message may echo the
 * request, token included). */
static void print_field(const char *name, const char *value, int show_secrets)
{
    fprintf(stderr, "%s: ", name);
    cli_put_masked(stderr, value, strlen(value), show_secrets, 1);
    fputc('\n', stderr);
}

/* DeleteImage found the image gone on a retry, after an attempt whose
 * answer was lost: that attempt deleted it. A success JSON of ours. */
static void print_already_deleted(void)
{
    printf("{\n\t\"Data\": true,\n\t\"Success\": true,\n\t\"Code\": \"200\",\n"
           "\t\"Message\": \"deleted by an earlier attempt whose answer was lost\",\n"
           "\t\"AlreadyDeleted\": true,\n\t\"RequestId\": ");
    cli_put_json_string(stdout, res.request_id, strlen(res.request_id));
    printf("\n}\n");
    fputs("asc: note: an earlier attempt deleted the image but its answer was lost; the retry "
          "found the image gone (the service's RequestId of the retry is shown)\n", stderr);
}

/* A front end (gateway, proxy) answered instead of the service: say so,
 * with what it told us; never "malformed JSON". Server and Location are
 * printable ASCII (the library replaced anything else). */
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

/* DeleteImage answered as a successful request without Data true: the
 * answer's JSON on stdout (Data stays visible), the verdict on stderr. */
static void print_not_deleted(int show_secrets)
{
    cli_pretty_json(stdout, res.body.ptr, res.body.len);
    if ((res.present & ASC_RESULT_HAS_DATA) != 0u && res.data_json.len == 5u &&
        memcmp(res.data_json.ptr, "false", 5u) == 0) {
        fputs("asc: the service did not delete the image (Data: false)\n", stderr);
    } else {
        fputs("asc: the service did not confirm the deletion (no boolean Data in its "
              "answer); treat the image as not deleted\n", stderr);
    }
    print_field("Message", res.message, show_secrets);
    print_field("RequestId", res.request_id, show_secrets);
}

static int exit_code_of(asc_status st)
{
    switch (st) {
    case ASC_OK:
        return EXIT_OK;
    case ASC_E_SERVICE:
        return EXIT_SERVICE;
    case ASC_E_FRONT_END:
        return EXIT_FRONT_END;
    case ASC_E_NOT_DELETED:
        return EXIT_NOT_DELETED;
    case ASC_E_DNS: case ASC_E_CONNECT: case ASC_E_IO: case ASC_E_TIMEOUT:
    case ASC_E_CLOSED: case ASC_E_TLS: case ASC_E_TLS_CERT: case ASC_E_DEADLINE:
    case ASC_E_PROXY_AUTH: case ASC_E_PROXY_REFUSED: case ASC_E_PROXY_MALFORMED:
        return EXIT_TRANSPORT;
    case ASC_E_INVALID_ARG: case ASC_E_INVALID_HEADER_VALUE: case ASC_E_DUPLICATE_PARAM:
    case ASC_E_BUFFER_TOO_SMALL: case ASC_E_CREDENTIALS:
        return EXIT_USAGE;
    default:
        return EXIT_NOT_UNDERSTOOD;
    }
}

/* The proxy by host:port and where it came from (never its URL: it may
 * hold credentials). */
static void print_proxy(FILE *f)
{
    fputs("proxy ", f);
    cli_put_text(f, proxy.host, strlen(proxy.host));
    fprintf(f, ":%u from %s", (unsigned)proxy.port, proxy.source);
}

static int is_proxy_refusal(asc_status st)
{
    return st == ASC_E_PROXY_AUTH || st == ASC_E_PROXY_REFUSED || st == ASC_E_PROXY_MALFORMED;
}

/* The proxy did not open the tunnel: its HTTP status, and what to do. */
static void print_proxy_refusal(asc_status st)
{
    fprintf(stderr, "asc: the proxy did not open a tunnel: %s", asc_status_str(st));
    if (res.http_status != 0) {
        fprintf(stderr, " (HTTP %d from the proxy)", res.http_status);
    }
    fputs(" (", stderr);
    print_proxy(stderr);
    fputs(")\n", stderr);
    if (st == ASC_E_PROXY_AUTH) {
        fputs(proxy.has_credentials ? "asc: the proxy refused its credentials\n"
                                    : "asc: the proxy wants credentials: "
                                      "http://user:password@host:port\n", stderr);
    }
}

/* No credentials from the chain: which sources were tried and why. */
static void print_no_credentials(void)
{
    if (creds.source >= 0) {
        fprintf(stderr, "asc: the %s gave no new credentials:\n",
                cli_creds_source_name(creds.source));
    } else {
        fprintf(stderr, "asc: no credentials found (sources tried in order):\n");
    }
    cli_creds_report(&creds, stderr);
}

static void print_failure(asc_status st, const asc_client_config *cfg, asc_tls_reason reason)
{
    const char *what = st == ASC_E_TLS_CERT ? "TLS certificate rejected"
                     : st == ASC_E_BUFFER_TOO_SMALL ? "request too large"
                     : st == ASC_E_DEADLINE ? "--deadline-ms ran out"
                     : exit_code_of(st) == EXIT_USAGE ? "request refused before sending"
                     : exit_code_of(st) == EXIT_NOT_UNDERSTOOD ? "answer not understood"
                     : "request failed";
    if (reason == ASC_TLS_REASON_RECORD_TOO_LARGE) {
        fprintf(stderr, "asc: TLS failure: %s (%lu bytes)", asc_tls_reason_str(reason),
                (unsigned long)asc_tls_in_record_max());
    } else if (reason != ASC_TLS_REASON_NONE) {
        fprintf(stderr, "asc: %s: %s", what, asc_tls_reason_str(reason));
    } else {
        fprintf(stderr, "asc: %s: %s", what, asc_status_str(st));
    }
    if (st == ASC_E_INVALID_ARG) {
        fprintf(stderr, " (%s)", asc_arg_str((asc_arg)client.invalid_arg));
    }
    fprintf(stderr, " (endpoint %s:%u", cfg->host, (unsigned)client.cfg.port);
    if (proxy.use) {
        fputs(" through the ", stderr);
        print_proxy(stderr);
    }
    fputs(")\n", stderr);
}

static const char *env_get(const char *name)
{
    return getenv(name);
}

/* --proxy or the environment, NO_PROXY: into cfg->proxy. Returns -1 to go
 * on, else the exit code. The --proxy argument is wiped once read (it may
 * hold credentials and stays visible in the process's command line). */
static int configure_proxy(const cli_args *a, asc_client_config *cfg, unsigned port_no)
{
    const char *err = cli_proxy_choose(a->proxy, cfg->host,
                                       port_no != 0u ? port_no : (a->plaintext ? 80u : 443u),
                                       env_get, &proxy, proxy_msg, sizeof proxy_msg);
    if (a->proxy_arg != NULL) {
        wipe(a->proxy_arg, strlen(a->proxy_arg));
    }
    if (err != NULL) {
        return usage_error(err);
    }
    if (proxy.use) {
        cfg->proxy.host = proxy.host;
        cfg->proxy.port = proxy.port;
        if (proxy.has_credentials) {
            cfg->proxy.username.ptr = proxy.user;
            cfg->proxy.username.len = proxy.user_len;
            cfg->proxy.password.ptr = proxy.pass;
            cfg->proxy.password.len = proxy.pass_len;
        }
    }
    if (a->verbose && proxy.use) {
        fputs("* ", stderr);
        print_proxy(stderr);
        fprintf(stderr, ", CONNECT %s:%u%s\n", cfg->host,
                port_no != 0u ? port_no : (a->plaintext ? 80u : 443u),
                proxy.has_credentials ? ", Basic credentials (never shown)" : "");
    } else if (a->verbose && proxy.bypassed_by != NULL) {
        fprintf(stderr, "* no proxy for %s: %s matches it\n", cfg->host, proxy.bypassed_by);
    }
    return -1;
}

/* ---- main ---------------------------------------------------------------------- */

static int report(asc_status st, const cli_args *ap, const asc_client_config *cfgp,
                  asc_tls_reason reason);

static int run(int argc, char **argv)
{
    asc_client_config cfg;
    asc_rpc_request rq;
    cli_args a;
    asc_trace tr;
    uint32_t port_no = 0, call_no;
    int64_t when = 0;
    asc_status st;
    asc_tls_reason reason;
    int rc = parse_args(argc, argv, &a);

    if (rc >= 0) {
        return rc;
    }
    if (a.action == NULL) {
        return usage_error("no action given");
    }
    if (strcmp(a.action, "DeleteImage") == 0) {
        size_t k;
        int have = 0;
        for (k = 0; k < a.n_params; k++) {
            have |= strcmp(params[k].name.ptr, "ImageId") == 0 && params[k].value.len > 0;
        }
        if (!have) {
            return usage_error("DeleteImage needs --ImageId");
        }
    }
    cli_creds_init(&creds, a.profile, a.ca_file, a.timeout_ms);
    if (!cli_creds_probe(&creds)) {
        print_no_credentials();
        return EXIT_USAGE;
    }
    asc_port_posix_init(&port, &posix);
    if (a.timestamp != NULL) {
        int64_t now = port.utc_now(port.ctx);
        if (!parse_ts(a.timestamp, &when)) {
            return usage_error("--timestamp takes YYYY-MM-DDTHH:MM:SSZ");
        }
        if (!a.allow_any_timestamp && (when > now + TIMESTAMP_WINDOW_S ||
                                       when < now - TIMESTAMP_WINDOW_S)) {
            return usage_error("--timestamp is more than 15 minutes from now: a request "
                               "signed for another time could be sent later by whoever "
                               "holds it; add --allow-any-timestamp to sign it anyway");
        }
    }
    if (!a.dry_run && (a.nonce != NULL || a.timestamp != NULL)) {
        size_t k;
        if (!a.plaintext) {
            return usage_error("--nonce and --timestamp fix a request that is sent only with "
                               "--insecure-plaintext-http (TLS needs the port's randomness); "
                               "use them with --dry-run");
        }
        fixed.real = port;
        if (a.timestamp != NULL) {
            fixed.time = when;
            fixed.has_time = 1;
            port.utc_now = fixed_utc_now;
        }
        if (a.nonce != NULL) {
            if (strlen(a.nonce) != ASC_NONCE_LEN) {
                return usage_error("--nonce on a call that is sent takes 32 lower-case hex digits");
            }
            for (k = 0; k < sizeof fixed.nonce; k++) {
                int hi = hex_digit(a.nonce[2 * k]), lo = hex_digit(a.nonce[2 * k + 1]);
                if (hi < 0 || lo < 0) {
                    return usage_error("--nonce on a call that is sent takes 32 lower-case "
                                       "hex digits");
                }
                fixed.nonce[k] = (uint8_t)(hi * 16 + lo);
            }
            fixed.has_nonce = 1;
            port.random = fixed_random;
        }
    }

    asc_client_config_defaults(&cfg);
    cfg.sig = a.sig;
    if (a.endpoint != NULL) {
        const char *colon = strrchr(a.endpoint, ':');
        size_t hl = colon != NULL ? (size_t)(colon - a.endpoint) : strlen(a.endpoint);
        if (hl == 0 || hl >= sizeof host_buf) {
            return usage_error("bad --endpoint");
        }
        memcpy(host_buf, a.endpoint, hl);
        host_buf[hl] = '\0';
        if (colon != NULL &&
            (!parse_u32(colon + 1, &port_no) || port_no == 0 || port_no > 65535)) {
            return usage_error("bad --endpoint port");
        }
        cfg.host = host_buf;
    } else {
        if (!region_ok(a.region)) {
            return usage_error("--region takes a region id: 1..63 of a-z, 0-9 and '-' "
                               "(e.g. cn-shanghai)");
        }
        if (!cli_format(default_host, sizeof default_host, "appstream-center.%s.aliyuncs.com",
                        a.region)) {
            return usage_error("--region too long for the endpoint name");
        }
        cfg.host = default_host;
    }
    cfg.port = (uint16_t)port_no;
    /* Credentials: the chain, asked by the client when it needs them. */
    cfg.credentials_provider = &provider;
    cfg.max_attempts = (uint8_t)(a.retries + 1);
    cfg.connect_timeout_ms = a.timeout_ms;
    cfg.io_timeout_ms = a.timeout_ms;
    cfg.deadline_ms = a.deadline_ms;
    cfg.insecure_plaintext_http = a.plaintext != 0;
    rc = configure_proxy(&a, &cfg, port_no);
    if (rc >= 0) {
        return rc;
    }
    /* The trace hook is always on: after SignatureDoesNotMatch our string
     * to sign is compared with the server's. It prints only with --verbose. */
    cli_trace_init(&trace, stderr, a.verbose, a.show_secrets);
    tr.fn = cli_trace_fn;
    tr.ctx = &trace;
    cfg.trace = &tr;

    rq.action = asc_span_from_str(a.action);
    rq.version = asc_span_from_str(ASC_API_VERSION);
    rq.method = ASC_METHOD_POST;
    rq.params_in = ASC_PARAMS_IN_BODY;
    rq.params = params;
    rq.n_params = a.n_params;

    if (a.dry_run) {
        /* Sign exactly what the client would send (same builder, same
         * trace), print it, exit. */
        asc_sign_opts so;
        char nonce_hex[ASC_NONCE_LEN];
        size_t len = 0, needed = 0;
        uint8_t rnd[ASC_NONCE_LEN / 2];
        size_t k;
        st = asc_client_init(&client, &cfg, &port, a.plaintext ? NULL : &tls, work, sizeof work);
        if (st != ASC_OK) {
            fprintf(stderr, "asc: %s (%s)\n", asc_status_str(st),
                    asc_arg_str((asc_arg)client.invalid_arg));
            return EXIT_USAGE;
        }
        if (cli_creds_fetch(&creds, &store) != ASC_OK) {
            print_no_credentials();
            return EXIT_USAGE;
        }
        cfg.creds.access_key_id.ptr = store.access_key_id;
        cfg.creds.access_key_id.len = store.access_key_id_len;
        cfg.creds.access_key_secret.ptr = store.access_key_secret;
        cfg.creds.access_key_secret.len = store.access_key_secret_len;
        cfg.creds.security_token.ptr = store.security_token;
        cfg.creds.security_token.len = store.security_token_len;
        memset(&so, 0, sizeof so);
        so.sig = cfg.sig;
        so.host = asc_span_from_str(client.host_hdr);
        so.user_agent = asc_span_from_str(client.cfg.user_agent);
        so.credentials_provider_header = cfg.credentials_provider_header;
        so.timestamp = a.timestamp != NULL ? when : port.utc_now(port.ctx);
        if (a.nonce != NULL) {
            so.nonce = asc_span_from_str(a.nonce);
        } else {
            if (port.random(port.ctx, rnd, sizeof rnd) != ASC_OK) {
                fprintf(stderr, "asc: no randomness\n");
                return EXIT_NOT_UNDERSTOOD;
            }
            for (k = 0; k < sizeof rnd; k++) {
                static const char hx[] = "0123456789abcdef";
                nonce_hex[2 * k] = hx[rnd[k] >> 4];
                nonce_hex[2 * k + 1] = hx[rnd[k] & 15];
            }
            so.nonce.ptr = nonce_hex;
            so.nonce.len = sizeof nonce_hex;
        }
        st = asc_build_request(&cfg.creds, &so, &rq, work, sizeof work, &len, &needed, &tr);
        wipe(&store, sizeof store);
        if (st != ASC_OK) {
            fprintf(stderr, "asc: cannot build the request: %s\n", asc_status_str(st));
            return EXIT_USAGE;
        }
        cli_trace_fn(&trace, ASC_TRACE_REQUEST, (const char *)work, len);
        cli_put_masked(stdout, (const char *)work, len, a.show_secrets, 0);
        if (!a.show_secrets) {
            fputs("asc: the AccessKeyId, security token and signature are masked (****); "
                  "--show-secrets prints them\n", stderr);
        }
        return EXIT_OK;
    }

    if (!a.plaintext) {
        cli_trust_store trust;
        cli_trust_status tst = cli_trust_store_open(&trust, a.ca_file, &tls, &port);
        if (tst != CLI_TRUST_OK) {
            fprintf(stderr, "asc: %s\n", cli_trust_store_message(&trust, tst));
            return tst == CLI_TRUST_NO_MEMORY ? EXIT_NOT_UNDERSTOOD : EXIT_USAGE;
        }
        if (a.verbose) {
            fprintf(stderr, "* %s\n", cli_trust_store_message(&trust, tst));
        }
        creds.ca_file = trust.path; /* an https credentials URI trusts the same file */
    } else {
        fprintf(stderr, "asc: WARNING: --insecure-plaintext-http: no TLS, credentials' "
                        "signatures travel in clear\n");
    }
    st = asc_client_init(&client, &cfg, &port, a.plaintext ? NULL : &tls, work, sizeof work);
    if (st != ASC_OK) {
        fprintf(stderr, "asc: %s (%s)\n", asc_status_str(st),
                asc_arg_str((asc_arg)client.invalid_arg));
        return EXIT_USAGE;
    }
    /* --repeat: the same call n times on one client (credentials are asked
     * for again only as the library's rules say); the exit code is the
     * first failure's. */
    rc = EXIT_OK;
    for (call_no = 0; call_no < a.repeat; call_no++) {
        int one;
        if (call_no > 0u && a.interval_ms > 0u) {
            port.sleep_ms(port.ctx, a.interval_ms);
        }
        if (strcmp(a.action, "DeleteImage") == 0 && a.n_params == 1) {
            st = asc_delete_image(&client, params[0].value, &res);
        } else {
            st = asc_call(&client, &rq, &res);
        }
        if (a.verbose) {
            fprintf(stderr, "* attempts: %u\n", (unsigned)client.attempts);
        }
        /* Read before asc_tls_free: why a TLS connection failed. */
        reason = a.plaintext ? ASC_TLS_REASON_NONE : asc_tls_last_reason(&tls);
        one = report(st, &a, &cfg, reason);
        if (rc == EXIT_OK) {
            rc = one;
        }
    }
    asc_client_close(&client);
    asc_client_forget_credentials(&client);
    if (!a.plaintext) {
        asc_tls_free(&tls);
    }
    return rc;
}

/* Print the outcome of one call; its exit code. */
static int report(asc_status st, const cli_args *ap, const asc_client_config *cfgp,
                  asc_tls_reason reason)
{
    const cli_args a = *ap;
    const asc_client_config cfg = *cfgp;
    if (st == ASC_E_CREDENTIALS) {
        print_no_credentials();
        if (res.code[0] != '\0') {
            fputs("asc: (after the service answered ", stderr);
            cli_put_text(stderr, res.code, strlen(res.code));
            fputs(")\n", stderr);
        }
        return EXIT_USAGE;
    }
    if (st == ASC_OK) {
        if (res.already_deleted) {
            print_already_deleted();
        } else {
            cli_pretty_json(stdout, res.body.ptr, res.body.len);
        }
        return EXIT_OK;
    }
    if (st == ASC_E_NOT_DELETED) {
        print_not_deleted(a.show_secrets);
        return EXIT_NOT_DELETED;
    }
    if (st == ASC_E_SERVICE) {
        fprintf(stderr, "ERROR: ");
        cli_put_text(stderr, res.code[0] != '\0' ? res.code : "unknown",
                     strlen(res.code[0] != '\0' ? res.code : "unknown"));
        fprintf(stderr, " (HTTP %d)\n", res.http_status);
        print_field("Code", res.code, a.show_secrets);
        print_field("Message", res.message, a.show_secrets);
        print_field("RequestId", res.request_id, a.show_secrets);
        if (res.recommend[0] != '\0') {
            print_field("Recommend", res.recommend, a.show_secrets);
        }
        if (res.error == ASC_ERR_SIGNATURE_DOES_NOT_MATCH) {
            size_t mlen = 0;
            int cut = 0;
            if (cli_json_member(res.body.ptr, res.body.len, "Message", message_buf,
                                sizeof message_buf, &mlen, &cut)) {
                cli_trace_signature_mismatch(&trace, message_buf, mlen);
            }
        }
        return EXIT_SERVICE;
    }
    if (is_proxy_refusal(st)) {
        print_proxy_refusal(st);
        return exit_code_of(st);
    }
    if (st == ASC_E_FRONT_END) {
        print_front_end(&res, strcmp(a.action, "DeleteImage") == 0);
    } else {
        print_failure(st, &cfg, reason);
    }
    if (a.verbose && res.body.len > 0u) {
        size_t shown = res.body.len < 4096u ? res.body.len : 4096u;
        fprintf(stderr, "* answer body (%zu bytes%s):\n*   ", res.body.len,
                shown < res.body.len ? ", first 4096 shown" : "");
        cli_put_masked(stderr, res.body.ptr, shown, a.show_secrets, 1);
        fputc('\n', stderr);
    }
    return exit_code_of(st);
}

int main(int argc, char **argv)
{
    char *secret, *token;
    int rc;
    disable_core_dumps();
    rc = run(argc, argv);
    fflush(stdout);
    /* Nothing secret stays behind: the requests (token, signatures), the
     * trace's copies, and the environment's secret and token. */
    wipe(work, sizeof work);
    wipe(message_buf, sizeof message_buf);
    cli_trace_wipe(&trace);
    cli_proxy_wipe(&proxy);
    secret = getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    token = getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
    if (secret != NULL) {
        wipe(secret, strlen(secret));
    }
    if (token != NULL) {
        wipe(token, strlen(token));
    }
    return rc;
}
