/*
 * cli_creds.c - the default credential chain for the command-line tool
 * (cli_creds.h): environment, the aliyun CLI's config.json, a credentials
 * URI. Formats and order as in the official @alicloud/credentials package.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_port_posix.h"
#include "asc_tls.h"
#include "cli_creds.h"
#include "cli_text.h"

#define CONFIG_MAX (256u * 1024u)
#define URI_ANSWER_MAX (32u * 1024u)
#define CA_MAX (256u * 1024u)

static char config_buf[CONFIG_MAX + 1u];
static uint8_t uri_buf[URI_ANSWER_MAX];
static uint8_t uri_ca[CA_MAX + 1u];
static char uri_host[256];
static char field[4096];
static asc_port_posix uri_posix;
static asc_port uri_port;
static asc_tls uri_tls;

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (n-- > 0u) {
        *v++ = 0u;
    }
}

void cli_creds_init(cli_creds *cc, const char *profile, const char *ca_file,
                    uint32_t timeout_ms)
{
    memset(cc, 0, sizeof *cc);
    cc->profile = profile;
    cc->ca_file = ca_file;
    cc->timeout_ms = timeout_ms;
    cc->source = -1;
}

const char *cli_creds_source_name(int source)
{
    switch (source) {
    case CLI_SRC_ENV: return "environment";
    case CLI_SRC_PROFILE: return "aliyun CLI profile";
    case CLI_SRC_URI: return "credentials URI";
    default: return "?";
    }
}

static asc_status fail(cli_creds *cc, int src, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Record why source src gave nothing (never a secret: callers pass names,
 * paths and statuses only). */
static asc_status fail(cli_creds *cc, int src, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(cc->why[src], sizeof cc->why[src], fmt, ap);
    va_end(ap);
    return ASC_E_CREDENTIALS;
}

/* Copy n bytes of a credential into a store array of cap bytes. */
static int put(char *dst, size_t cap, size_t *len, const char *src, size_t n)
{
    if (n > cap) {
        return 0;
    }
    memcpy(dst, src, n);
    *len = n;
    return 1;
}

/* ---- 1. environment ----------------------------------------------------------- */

static asc_status from_env(cli_creds *cc, asc_credentials_store *s)
{
    const char *id = getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    const char *secret = getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    const char *token = getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
    if (id == NULL || id[0] == '\0') {
        return fail(cc, CLI_SRC_ENV, "ALIBABA_CLOUD_ACCESS_KEY_ID is not set");
    }
    if (secret == NULL || secret[0] == '\0') {
        return fail(cc, CLI_SRC_ENV, "ALIBABA_CLOUD_ACCESS_KEY_ID is set but "
                                     "ALIBABA_CLOUD_ACCESS_KEY_SECRET is not");
    }
    if (token == NULL) {
        token = "";
    }
    if (!put(s->access_key_id, sizeof s->access_key_id, &s->access_key_id_len, id, strlen(id)) ||
        !put(s->access_key_secret, sizeof s->access_key_secret, &s->access_key_secret_len,
             secret, strlen(secret)) ||
        !put(s->security_token, sizeof s->security_token, &s->security_token_len, token,
             strlen(token))) {
        return fail(cc, CLI_SRC_ENV, "a value is longer than this build accepts");
    }
    return ASC_OK;
}

/* ---- 2. ~/.aliyun/config.json --------------------------------------------------- */

/* Member key of the JSON object obj[0..n) into the store array dst
 * (required: absent or empty fails). */
static int member(const char *obj, size_t n, const char *key, char *dst, size_t cap,
                  size_t *len)
{
    size_t got = 0;
    int cut = 0, ok = cli_json_member(obj, n, key, field, sizeof field, &got, &cut) &&
                      !cut && got > 0u && put(dst, cap, len, field, got);
    wipe(field, sizeof field);
    return ok;
}

static asc_status read_profile(cli_creds *cc, const char *path, size_t n,
                               asc_credentials_store *s)
{
    const char *want = cc->profile;
    char current[128], name[128], mode[64];
    size_t len, k, start, end;
    int cut;

    if (want == NULL || want[0] == '\0') {
        want = getenv("ALIBABA_CLOUD_PROFILE");
    }
    if (want == NULL || want[0] == '\0') {
        if (!cli_json_member(config_buf, n, "current", current, sizeof current, &len, &cut) ||
            cut || len == 0u) {
            return fail(cc, CLI_SRC_PROFILE, "%s: no profile chosen (no --profile, no "
                        "ALIBABA_CLOUD_PROFILE, no \"current\")", path);
        }
        want = current;
    }
    for (k = 0;; k++) {
        const char *obj;
        if (!cli_json_element(config_buf, n, "profiles", k, &start, &end)) {
            return fail(cc, CLI_SRC_PROFILE, k == 0u ? "%s: no \"profiles\" in the file%s"
                        : "%s: no profile named \"%s\"", path, k == 0u ? "" : want);
        }
        obj = config_buf + start;
        if (cli_json_member(obj, end - start, "name", name, sizeof name, &len, &cut) &&
            !cut && strcmp(name, want) == 0) {
            break;
        }
    }
    {
        const char *obj = config_buf + start;
        size_t on = end - start;
        if (!cli_json_member(obj, on, "mode", mode, sizeof mode, &len, &cut) || cut) {
            mode[0] = '\0';
        }
        if (strcmp(mode, "AK") != 0 && strcmp(mode, "StsToken") != 0) {
            return fail(cc, CLI_SRC_PROFILE, "%s: profile \"%s\" has mode \"%s\"; this tool "
                        "reads modes AK and StsToken", path, want, mode);
        }
        if (!member(obj, on, "access_key_id", s->access_key_id, sizeof s->access_key_id,
                    &s->access_key_id_len) ||
            !member(obj, on, "access_key_secret", s->access_key_secret,
                    sizeof s->access_key_secret, &s->access_key_secret_len) ||
            (strcmp(mode, "StsToken") == 0 &&
             !member(obj, on, "sts_token", s->security_token, sizeof s->security_token,
                     &s->security_token_len))) {
            return fail(cc, CLI_SRC_PROFILE, "%s: profile \"%s\" (mode %s) lacks access_key_id, "
                        "access_key_secret%s, or one is too long", path, want, mode,
                        strcmp(mode, "StsToken") == 0 ? " or sts_token" : "");
        }
    }
    return ASC_OK;
}

static asc_status from_profile(cli_creds *cc, asc_credentials_store *s)
{
    const char *home = getenv("HOME"), *off = getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
    char path[512];
    FILE *f;
    size_t n;
    asc_status st;

    if (off != NULL && (strcmp(off, "true") == 0 || strcmp(off, "TRUE") == 0 ||
                        strcmp(off, "True") == 0)) {
        return fail(cc, CLI_SRC_PROFILE, "disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
    }
    if (home == NULL || home[0] == '\0') {
        return fail(cc, CLI_SRC_PROFILE, "HOME is not set");
    }
    if (!cli_format(path, sizeof path, "%s/.aliyun/config.json", home)) {
        return fail(cc, CLI_SRC_PROFILE, "HOME is too long");
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        return fail(cc, CLI_SRC_PROFILE, "%s: %s", path, strerror(errno));
    }
    n = fread(config_buf, 1, CONFIG_MAX, f);
    if (!feof(f) || ferror(f)) {
        (void)fclose(f);
        wipe(config_buf, sizeof config_buf);
        return fail(cc, CLI_SRC_PROFILE, "%s: unreadable or larger than %u bytes", path,
                    (unsigned)CONFIG_MAX);
    }
    (void)fclose(f);
    config_buf[n] = '\0';
    st = read_profile(cc, path, n, s);
    wipe(config_buf, sizeof config_buf);
    return st;
}

/* ---- 3. ALIBABA_CLOUD_CREDENTIALS_URI -------------------------------------------- */

/* "YYYY-MM-DDTHH:MM:SSZ" -> UTC seconds (days from the civil date). */
static int parse_utc(const char *t, int64_t *out)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    int64_t y, m, d, era, yoe, doy, doe;
    size_t i;
    int v[20];
    if (strlen(t) != sizeof shape - 1u) {
        return 0;
    }
    for (i = 0; i < sizeof shape - 1u; i++) {
        if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) {
            return 0;
        }
        v[i] = t[i] - '0';
    }
    y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    m = v[5] * 10 + v[6];
    d = v[8] * 10 + v[9];
    if (m < 1 || m > 12 || d < 1 || d > 31) {
        return 0;
    }
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = (era * 146097 + doe - 719468) * 86400 +
           (v[11] * 10 + v[12]) * 3600 + (v[14] * 10 + v[15]) * 60 + v[17] * 10 + v[18];
    return 1;
}

/* The answer's body: the three credentials (required, as the official
 * provider requires them) and Expiration (optional here). */
static asc_status read_uri_answer(cli_creds *cc, const char *body, size_t n,
                                  asc_credentials_store *s)
{
    char exp[40];
    size_t len;
    int cut;
    if (!member(body, n, "AccessKeyId", s->access_key_id, sizeof s->access_key_id,
                &s->access_key_id_len) ||
        !member(body, n, "AccessKeySecret", s->access_key_secret, sizeof s->access_key_secret,
                &s->access_key_secret_len) ||
        !member(body, n, "SecurityToken", s->security_token, sizeof s->security_token,
                &s->security_token_len)) {
        return fail(cc, CLI_SRC_URI, "the answer lacks AccessKeyId, AccessKeySecret or "
                    "SecurityToken (or one is too long)");
    }
    if (cli_json_member(body, n, "Expiration", exp, sizeof exp, &len, &cut)) {
        if (cut || !parse_utc(exp, &s->expires_utc)) {
            return fail(cc, CLI_SRC_URI, "the answer's Expiration is not YYYY-MM-DDThh:mm:ssZ");
        }
    }
    return ASC_OK;
}

/* GET the URI into uri_buf over conn; the parsed answer in *hp. */
static asc_status http_get(cli_creds *cc, asc_conn *conn, uint16_t port, const char *path,
                           asc_http_parser *hp)
{
    size_t len = 0, off = 0;
    asc_status st;
    int32_t r;
    if (!cli_format((char *)uri_buf, sizeof uri_buf,
                    "GET %s HTTP/1.1\r\nHost: %s:%u\r\nAccept: application/json\r\n"
                    "User-Agent: asc/" ASC_VERSION_STRING "\r\nConnection: close\r\n\r\n",
                    path, uri_host, (unsigned)port)) {
        return fail(cc, CLI_SRC_URI, "the URI is too long");
    }
    len = strlen((const char *)uri_buf);
    while (off < len) {
        r = asc_conn_send(conn, uri_buf + off, len - off, cc->timeout_ms);
        if (r <= 0) {
            return fail(cc, CLI_SRC_URI, "sending the request failed");
        }
        off += (size_t)r;
    }
    asc_http_parser_init(hp, sizeof uri_buf);
    len = 0;
    st = ASC_E_NEED_MORE;
    while (st == ASC_E_NEED_MORE) {
        r = asc_conn_recv(conn, uri_buf + len, sizeof uri_buf - len, cc->timeout_ms);
        if (r == 0) {
            return fail(cc, CLI_SRC_URI, "no answer within %u ms", (unsigned)cc->timeout_ms);
        }
        if (r < 0) {
            st = asc_http_parse(hp, uri_buf, len, true);
        } else {
            len += (size_t)r;
            st = asc_http_parse(hp, uri_buf, len, false);
        }
    }
    if (st != ASC_OK) {
        return fail(cc, CLI_SRC_URI, "the answer is not HTTP/1.1 we understand (%s)",
                    asc_status_str(st));
    }
    return ASC_OK;
}

/* ALIBABA_CLOUD_CREDENTIALS_URI taken apart: uri_host, *port_no, *path
 * (points into the variable), *tls. */
static asc_status parse_uri(cli_creds *cc, unsigned long *port_no, const char **path,
                            int *tls)
{
    const char *uri = getenv("ALIBABA_CLOUD_CREDENTIALS_URI"), *rest, *slash, *colon;
    size_t hl;

    *tls = 0;
    if (uri == NULL || uri[0] == '\0') {
        return fail(cc, CLI_SRC_URI, "ALIBABA_CLOUD_CREDENTIALS_URI is not set");
    }
    if (strncmp(uri, "http://", 7) == 0) {
        rest = uri + 7;
    } else if (strncmp(uri, "https://", 8) == 0) {
        rest = uri + 8;
        *tls = 1;
    } else {
        return fail(cc, CLI_SRC_URI, "ALIBABA_CLOUD_CREDENTIALS_URI is not an http:// or "
                    "https:// URL");
    }
    slash = strchr(rest, '/');
    hl = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
    colon = memchr(rest, ':', hl);
    *port_no = *tls ? 443u : 80u;
    if (colon != NULL) {
        char *e = NULL;
        *port_no = strtoul(colon + 1, &e, 10);
        if (e != rest + hl || *port_no == 0u || *port_no > 65535u) {
            return fail(cc, CLI_SRC_URI, "bad port in ALIBABA_CLOUD_CREDENTIALS_URI");
        }
        hl = (size_t)(colon - rest);
    }
    if (hl == 0u || hl >= sizeof uri_host) {
        return fail(cc, CLI_SRC_URI, "bad host in ALIBABA_CLOUD_CREDENTIALS_URI");
    }
    memcpy(uri_host, rest, hl);
    uri_host[hl] = '\0';
    *path = slash != NULL ? slash : "/";
    return ASC_OK;
}

static asc_status from_uri(cli_creds *cc, asc_credentials_store *s)
{
    const char *path;
    asc_http_parser hp;
    asc_conn conn;
    unsigned long port_no;
    int tls;
    asc_status st = parse_uri(cc, &port_no, &path, &tls);

    if (st != ASC_OK) {
        return st;
    }
    asc_port_posix_init(&uri_port, &uri_posix);
    conn.port = &uri_port;
    conn.tls = NULL;
    if (tls) {
        FILE *f = cc->ca_file != NULL ? fopen(cc->ca_file, "rb") : NULL;
        size_t n = 0;
        if (f != NULL) {
            n = fread(uri_ca, 1, CA_MAX, f);
            if (!feof(f)) {
                n = 0;
            }
            (void)fclose(f);
        }
        uri_ca[n] = '\0';
        if (n == 0u || asc_tls_init(&uri_tls, &uri_port, uri_ca,
                                    strstr((const char *)uri_ca, "-----BEGIN") != NULL ? n + 1u : n)
                           != ASC_OK) {
            return fail(cc, CLI_SRC_URI, "cannot use CA file %s for the https URI (with "
                        "--insecure-plaintext-http give --ca-file; the TLS arena must hold "
                        "a second connection)", cc->ca_file != NULL ? cc->ca_file : "(none)");
        }
        conn.tls = &uri_tls;
    }
    st = asc_conn_open(&conn, uri_host, (uint16_t)port_no, cc->timeout_ms);
    if (st != ASC_OK) {
        (void)fail(cc, CLI_SRC_URI, "%s:%lu: %s", uri_host, port_no, asc_status_str(st));
    } else {
        st = http_get(cc, &conn, (uint16_t)port_no, path, &hp);
        asc_conn_close(&conn);
    }
    if (tls) {
        asc_tls_free(&uri_tls);
    }
    if (st == ASC_OK && hp.status != 200u) {
        st = fail(cc, CLI_SRC_URI, "%s:%lu answered HTTP %u", uri_host, port_no,
                  (unsigned)hp.status);
    }
    if (st == ASC_OK) {
        st = read_uri_answer(cc, (const char *)uri_buf + hp.body_off, hp.body_len, s);
    }
    wipe(uri_buf, sizeof uri_buf);
    return st;
}

/* ---- the chain ------------------------------------------------------------------- */

static asc_status from(cli_creds *cc, int src, asc_credentials_store *s)
{
    cc->tried[src] = 1;
    cc->why[src][0] = '\0';
    switch (src) {
    case CLI_SRC_ENV: return from_env(cc, s);
    case CLI_SRC_PROFILE: return from_profile(cc, s);
    default: return from_uri(cc, s);
    }
}

asc_status cli_creds_fetch(void *ctx, asc_credentials_store *s)
{
    cli_creds *cc = (cli_creds *)ctx;
    int src;
    if (cc->source >= 0) {
        return from(cc, cc->source, s);
    }
    for (src = 0; src < CLI_SRC_COUNT_; src++) {
        if (cc->profile != NULL && src != CLI_SRC_PROFILE) {
            continue; /* --profile: that profile and nothing else */
        }
        if (from(cc, src, s) == ASC_OK) {
            cc->source = src;
            return ASC_OK;
        }
        wipe(s, sizeof *s);
    }
    return ASC_E_CREDENTIALS;
}

int cli_creds_probe(cli_creds *cc)
{
    static asc_credentials_store scratch;
    int src;
    for (src = 0; src < CLI_SRC_COUNT_; src++) {
        asc_status st;
        if (cc->profile != NULL && src != CLI_SRC_PROFILE) {
            continue;
        }
        if (src == CLI_SRC_URI) {
            const char *path;
            unsigned long port_no;
            int tls;
            cc->tried[src] = 1;
            st = parse_uri(cc, &port_no, &path, &tls);
        } else {
            st = from(cc, src, &scratch);
            wipe(&scratch, sizeof scratch);
        }
        if (st == ASC_OK) {
            cc->source = src;
            return 1;
        }
    }
    return 0;
}

void cli_creds_report(const cli_creds *cc, FILE *f)
{
    int src;
    for (src = 0; src < CLI_SRC_COUNT_; src++) {
        if (cc->tried[src] && cc->why[src][0] != '\0') {
            fprintf(f, "asc:   %s: ", cli_creds_source_name(src));
            cli_put_text(f, cc->why[src], strlen(cc->why[src]));
            fputc('\n', f);
        }
    }
}
