/*
 * tests/public/json_suite.c - public JSON test suites against the binder
 * (asc_result_bind, include/asc_result.h) built with ASC_STRICT_PARSING 1
 * and ASan + UBSan (tests/public/run.sh, make test-public-suites).
 *
 *   json_suite FILE...
 *
 * Each file is judged by its name, as its suite says:
 *   JSONTestSuite test_parsing: y_* must be accepted, n_* refused, i_* either.
 *   JSON_checker: pass* accepted, fail* refused, *_EXCLUDE* either (the
 *   checker's README: fail01 is a top-level string, valid since RFC 7159;
 *   fail18 is deep nesting, which RFC 8259 does not limit).
 *
 * The binder takes one JSON object (the response body of the API): a valid
 * document whose top level is not an object (an array, a string, a number,
 * a literal) is refused with ASC_E_JSON on purpose. So every document is
 * bound twice:
 *   as is        accepted iff it must be and its top level is an object;
 *   as a value   {"k":DOC}: the same verdict as the suite's (y accepted,
 *                n refused), whatever DOC's top level. An invalid DOC stays
 *                invalid inside the object: the wrapper adds no byte that
 *                could complete it (k_wrap_exceptions lists any that does).
 * Any status but ASC_OK and ASC_E_JSON is a failure: the scratch memory
 * has room for one token per byte plus one, more than any body can use (a
 * valid body needs at most one per two bytes, plus one; an invalid one such
 * as 100,000 '[' can take one per byte before it is found out, and with
 * less room would be refused with ASC_E_RESPONSE_TOO_LARGE instead). Each body is
 * copied into a heap block of exactly its size, so ASan sees any access
 * past it. tests/json_ref.h (the reference checker of the unit tests and
 * the fuzz target) is held to the suite too.
 *
 * Prints one line per mismatch, a summary per suite and kind, and ends
 * "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc_result.h"
#include "json_ref.h"

#if !ASC_STRICT_PARSING
#error "the public suites judge the strict parser: build with FULL=1 (ASC_STRICT_PARSING 1)"
#endif

static unsigned long g_passed, g_failed;

/* Suite verdicts. */
enum want { WANT_ACCEPT, WANT_REFUSE, WANT_EITHER };

/* Valid documents the binder refuses as they are, other than for their top
 * level (none known: a y_ object binds). */
static const struct {
    const char *name;
    const char *reason;
} k_as_is_exceptions[] = {
    { NULL, NULL },
};

/* Files whose {"k":DOC} wrapping changes the suite's verdict (none known). */
static const struct {
    const char *name;
    const char *reason;
} k_wrap_exceptions[] = {
    { NULL, NULL },
};

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static enum want want_of(const char *name)
{
    if (strstr(name, "_EXCLUDE") != NULL) {
        return WANT_EITHER;
    }
    if (strncmp(name, "y_", 2) == 0 || strncmp(name, "pass", 4) == 0) {
        return WANT_ACCEPT;
    }
    if (strncmp(name, "n_", 2) == 0 || strncmp(name, "fail", 4) == 0) {
        return WANT_REFUSE;
    }
    return WANT_EITHER; /* i_ */
}

static const char *exception_reason(const char *name, int wrapped)
{
    size_t i;
    if (wrapped) {
        for (i = 0; k_wrap_exceptions[i].name != NULL; i++) {
            if (strcmp(k_wrap_exceptions[i].name, name) == 0) {
                return k_wrap_exceptions[i].reason;
            }
        }
    } else {
        for (i = 0; k_as_is_exceptions[i].name != NULL; i++) {
            if (strcmp(k_as_is_exceptions[i].name, name) == 0) {
                return k_as_is_exceptions[i].reason;
            }
        }
    }
    return NULL;
}

/* RFC 8259 whitespace. */
static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int top_level_is_object(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_ws(s[i])) {
        i++;
    }
    return i < n && s[i] == '{';
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long size;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        if (f != NULL) {
            fclose(f);
        }
        return NULL;
    }
    *len = (size_t)size;
    buf = malloc(*len + 1u); /* the extra byte is never given to the binder */
    if (buf != NULL && fread(buf, 1, *len, f) != *len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Bind s[0..n) from a heap block of exactly n bytes; ASC_OK or an error. */
static asc_status bind_exact(const unsigned char *s, size_t n)
{
    unsigned char *body = malloc(n > 0 ? n : 1u);
    size_t scratch_len = asc_json_token_size() * (n + 1u);
    void *scratch = malloc(scratch_len);
    asc_result r;
    asc_status st;
    if (body == NULL || scratch == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(body, s, n);
    st = asc_result_bind(&r, (asc_span){ (const char *)body, n }, 200, ASC_BIND_DATA_ANY, scratch, scratch_len);
    free(scratch);
    free(body);
    return st;
}

/* Tallies per kind (y/n/i or pass/fail/exclude) and form (as is, wrapped). */
struct tally {
    unsigned long accepted, refused;
};
static struct tally g_tally[3][2];

static void judge(const char *name, int wrapped, enum want want, int object, asc_status st)
{
    const char *form = wrapped ? "{\"k\":DOC}" : "as is";
    const char *reason = exception_reason(name, wrapped);
    enum want expect = want;
    int ok;
    if (st != ASC_OK && st != ASC_E_JSON) {
        printf("MISMATCH %s (%s): status %d, want ASC_OK or ASC_E_JSON\n", name, form, (int)st);
        g_failed++;
        return;
    }
    g_tally[want][wrapped].accepted += st == ASC_OK;
    g_tally[want][wrapped].refused += st != ASC_OK;
    if (!wrapped && want == WANT_ACCEPT && !object) {
        expect = WANT_REFUSE; /* the binder takes an object only */
    }
    if (reason != NULL) {
        printf("EXPECTED DIFFERENCE %s (%s): %s, %s\n", name, form,
               st == ASC_OK ? "accepted" : "refused", reason);
        expect = WANT_EITHER;
    }
    ok = expect == WANT_EITHER || (expect == WANT_ACCEPT) == (st == ASC_OK);
    if (ok) {
        g_passed++;
    } else {
        printf("MISMATCH %s (%s): %s, want %s\n", name, form, st == ASC_OK ? "accepted" : "refused",
               expect == WANT_ACCEPT ? "accepted" : "refused");
        g_failed++;
    }
}

static void judge_reference(const char *name, enum want want, const unsigned char *s, size_t n)
{
    int v = json_ref_check(s, n);
    int ok = v == JSON_REF_DEEP || want == WANT_EITHER ||
             (want == WANT_ACCEPT) == (v == JSON_REF_OK);
    if (ok) {
        g_passed++;
    } else {
        printf("MISMATCH %s (tests/json_ref.h): %s\n", name, v == JSON_REF_OK ? "accepted" : "refused");
        g_failed++;
    }
}

int main(int argc, char **argv)
{
    static const char *const kinds[3] = { "must accept", "must refuse", "either" };
    int i, k;
    for (i = 1; i < argc; i++) {
        const char *name = base_name(argv[i]);
        enum want want = want_of(name);
        size_t n = 0;
        unsigned char *doc = read_file(argv[i], &n);
        unsigned char *wrapped;
        static const char head[] = "{\"k\":";
        if (doc == NULL) {
            printf("MISMATCH %s: cannot read %s\n", name, argv[i]);
            g_failed++;
            continue;
        }
        judge(name, 0, want, top_level_is_object(doc, n), bind_exact(doc, n));
        wrapped = malloc(n + sizeof head);
        if (wrapped == NULL) {
            return 2;
        }
        memcpy(wrapped, head, sizeof head - 1u);
        memcpy(wrapped + sizeof head - 1u, doc, n);
        wrapped[sizeof head - 1u + n] = '}';
        judge(name, 1, want, 1, bind_exact(wrapped, n + sizeof head));
        judge_reference(name, want, doc, n);
        free(wrapped);
        free(doc);
    }
    for (k = 0; k < 3; k++) {
        unsigned long files = g_tally[k][0].accepted + g_tally[k][0].refused;
        if (files > 0) {
            printf("%-11s %4lu files: as is %lu accepted, %lu refused; {\"k\":DOC} %lu accepted, %lu refused\n",
                   kinds[k], files, g_tally[k][0].accepted, g_tally[k][0].refused,
                   g_tally[k][1].accepted, g_tally[k][1].refused);
        }
    }
    printf("%lu passed, %lu failed\n", g_passed, g_failed);
    return g_failed != 0;
}
