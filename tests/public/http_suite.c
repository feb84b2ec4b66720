/*
 * tests/public/http_suite.c - public HTTP response cases against
 * asc_http_parse (include/asc_http.h) built with ASC_STRICT_PARSING 1 and
 * ASan + UBSan (tests/public/run.sh, make test-public-suites).
 *
 *   http_suite CASES
 *
 * CASES: one case a line, tab-separated: source, name, expect, input (hex),
 * decoded body (hex), note, status code, keep_alive ("-": not checked)
 * (tests/public/pico_cases.py and http_parser_cases.py write them and say
 * what each expect means). Every case is parsed twice, each time in a
 * fresh heap buffer of len + 1 bytes (capacity len + 1, so a complete input
 * never fills it):
 *   at once      asc_http_parse(buf, len, false), then (still incomplete)
 *                asc_http_parse(buf, len, true);
 *   byte by byte len = 1, 2, ... with eof false, stopping at the first
 *                status that is not ASC_E_NEED_MORE, then eof as above.
 * Both must give the expected status and, after ASC_OK, the expected body
 * (and status code and keep_alive where the case gives them).
 * Under ASan the bytes of the buffer not yet given to the parser
 * (buf[len..cap)) are poisoned before each call, so a read past len is a
 * finding, not luck.
 *
 * Prints one line per mismatch, each difference from the suite with its
 * reason, a summary per source, and ends "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc_http.h"

#if !ASC_STRICT_PARSING
#error "the public suites judge the strict parser: build with FULL=1 (ASC_STRICT_PARSING 1)"
#endif

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define MAX_FIELDS 8
#define MAX_SOURCES 8

static unsigned long g_passed, g_failed;

struct source_tally {
    char name[64];
    unsigned long cases, accepted, refused, incomplete, differences;
};
static struct source_tally g_sources[MAX_SOURCES];

static struct source_tally *tally_of(const char *name)
{
    size_t i;
    for (i = 0; i < MAX_SOURCES; i++) {
        if (g_sources[i].name[0] == '\0') {
            snprintf(g_sources[i].name, sizeof g_sources[i].name, "%.63s", name);
        }
        if (strcmp(g_sources[i].name, name) == 0) {
            return &g_sources[i];
        }
    }
    fprintf(stderr, "too many sources\n");
    exit(2);
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

/* Decode lowercase hex in place; returns the byte count. */
static size_t unhex(char *s)
{
    size_t n = strlen(s) / 2u, i;
    for (i = 0; i < n; i++) {
        int hi = hex_digit((unsigned char)s[2u * i]), lo = hex_digit((unsigned char)s[2u * i + 1u]);
        if (hi < 0 || lo < 0) {
            fprintf(stderr, "bad hex in the cases file\n");
            exit(2);
        }
        s[i] = (char)(hi * 16 + lo);
    }
    return n;
}

struct outcome {
    asc_status before_eof; /* the last status with eof false */
    asc_status final;      /* after eof (== before_eof when that was final) */
    char *body;            /* after ASC_OK: a heap copy of the body */
    size_t body_len;
    unsigned status;
    int keep_alive;
};

/* Parse data[0..n) into a fresh buffer, `step` bytes more per call (n: at
 * once). */
static struct outcome parse(const char *data, size_t n, size_t step)
{
    struct outcome o;
    size_t cap = n + 1u, len = 0;
    uint8_t *buf = malloc(cap);
    asc_http_parser p;
    asc_status st = ASC_E_NEED_MORE;
    memset(&o, 0, sizeof o);
    if (buf == NULL) {
        exit(2);
    }
    POISON(buf, cap);
    asc_http_parser_init(&p, cap);
    while (len < n && st == ASC_E_NEED_MORE) {
        size_t add = n - len < step ? n - len : step;
        UNPOISON(buf + len, add);
        memcpy(buf + len, data + len, add);
        len += add;
        st = asc_http_parse(&p, buf, len, false);
    }
    o.before_eof = st;
    if (st == ASC_E_NEED_MORE) {
        /* The rest of the input was not needed to decide (a prefix is
         * complete or refused): give it all, then EOF. */
        UNPOISON(buf + len, n - len);
        memcpy(buf + len, data + len, n - len);
        st = asc_http_parse(&p, buf, n, true);
    }
    o.final = st;
    if (st == ASC_OK) {
        asc_span body = asc_http_body(&p, buf);
        o.body = malloc(body.len + 1u);
        if (o.body == NULL) {
            exit(2);
        }
        memcpy(o.body, body.ptr, body.len);
        o.body_len = body.len;
        o.status = p.status;
        o.keep_alive = p.keep_alive;
    }
    UNPOISON(buf, cap);
    free(buf);
    return o;
}

static int expected(const char *expect, const struct outcome *o, const char *body, size_t body_len,
                    const char *status, const char *keep_alive)
{
    if (strcmp(expect, "ok") == 0) {
        return o->final == ASC_OK && o->body_len == body_len && memcmp(o->body, body, body_len) == 0 &&
               (strcmp(status, "-") == 0 || (unsigned)atoi(status) == o->status) &&
               (strcmp(keep_alive, "-") == 0 || atoi(keep_alive) == o->keep_alive);
    }
    if (strcmp(expect, "more") == 0) {
        return o->before_eof == ASC_E_NEED_MORE && o->final == ASC_E_CLOSED;
    }
    if (strcmp(expect, "malformed") == 0) {
        return o->final == ASC_E_HTTP_MALFORMED;
    }
    if (strcmp(expect, "refuse") == 0) {
        return o->final == ASC_E_HTTP_MALFORMED || o->final == ASC_E_RESPONSE_TOO_LARGE;
    }
    if (strcmp(expect, "too_large") == 0) {
        return o->final == ASC_E_RESPONSE_TOO_LARGE;
    }
    if (strcmp(expect, "headers_too_large") == 0) {
        return o->final == ASC_E_HTTP_HEADERS_TOO_LARGE;
    }
    fprintf(stderr, "unknown expectation %s\n", expect);
    exit(2);
}

static void run_case(char **f)
{
    const char *source = f[0], *name = f[1], *expect = f[2], *note = f[5];
    size_t n = unhex(f[3]), body_len = unhex(f[4]);
    struct source_tally *t = tally_of(source);
    struct outcome once = parse(f[3], n, n), bytes = parse(f[3], n, 1u);
    int ok_once = expected(expect, &once, f[4], body_len, f[6], f[7]);
    int ok_bytes = expected(expect, &bytes, f[4], body_len, f[6], f[7]);
    t->cases++;
    t->accepted += once.final == ASC_OK;
    t->incomplete += once.final == ASC_E_CLOSED;
    t->refused += once.final != ASC_OK && once.final != ASC_E_CLOSED;
    if (note[0] != '\0') {
        t->differences++;
        printf("DIFFERENCE %s / %s: want %s: %s\n", source, name, expect, note);
    }
    if (ok_once && ok_bytes) {
        g_passed++;
    } else {
        printf("MISMATCH %s / %s: want %s; at once %d then %d, byte by byte %d then %d"
               " (status %u, keep_alive %d, body %zu bytes)\n", source, name, expect,
               (int)once.before_eof, (int)once.final, (int)bytes.before_eof, (int)bytes.final,
               once.status, once.keep_alive, once.body_len);
        g_failed++;
    }
    free(once.body);
    free(bytes.body);
}

int main(int argc, char **argv)
{
    static char line[1u << 20];
    FILE *in;
    size_t i;
    if (argc != 2 || (in = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: http_suite CASES\n");
        return 2;
    }
    while (fgets(line, sizeof line, in) != NULL) {
        char *f[MAX_FIELDS], *s = line;
        size_t k;
        line[strcspn(line, "\n")] = '\0';
        for (k = 0; k < MAX_FIELDS; k++) {
            f[k] = s;
            s += strcspn(s, "\t");
            if (*s == '\t') {
                *s++ = '\0';
            } else if (k + 1u < MAX_FIELDS) {
                fprintf(stderr, "a case line with fewer than %d fields\n", MAX_FIELDS);
                return 2;
            }
        }
        run_case(f);
    }
    fclose(in);
    for (i = 0; i < MAX_SOURCES && g_sources[i].name[0] != '\0'; i++) {
        const struct source_tally *t = &g_sources[i];
        printf("%-32s %3lu cases: %lu accepted, %lu refused, %lu incomplete at EOF; %lu differ from the suite on purpose\n",
               t->name, t->cases, t->accepted, t->refused, t->incomplete, t->differences);
    }
    printf("%lu passed, %lu failed\n", g_passed, g_failed);
    return g_failed != 0;
}
