/*
 * tests/public/json_suite.c - public JSON test suites against the binder
 * (asc_result_bind, include/asc_result.h) built with ASC_STRICT_PARSING 1
 * and ASan + UBSan (tests/public/run.sh, make test-public-suites).
 *
 *   json_suite [--text FILE] FILE...
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
 * bound in up to three forms:
 *   as is        accepted iff it must be and its top level is an object;
 *   as a value   {"k":DOC}: the same verdict as the suite's (y accepted,
 *                n refused), whatever DOC's top level. An invalid DOC stays
 *                invalid inside the object: the wrapper adds no byte that
 *                could complete it (k_exceptions would list any that did).
 *   bound        a DOC that is an array [X] whose X starts a string, number,
 *                true/false or null: {"Message":X}, {"Code":X} or
 *                {"Success":X}, so X goes through the binder's own decoding
 *                (escapes, UTF-8, surrogate pairs, number text). y: accepted
 *                when X is one value (else not tried), with Code equal to
 *                X's text, Success to X, and Message to the decoded string
 *                that --text FILE gives (lines "NAME HEX", written by
 *                tests/public/json_texts.py with Python's json module); n
 *                refused.
 * Any status but ASC_OK and ASC_E_JSON is a failure: the scratch memory
 * has room for one token per byte plus one, more than any body can use (a
 * valid body needs at most one per two bytes, plus one; an invalid one such
 * as 100,000 '[' can take one per byte before it is found out, and with
 * less room would be refused with ASC_E_RESPONSE_TOO_LARGE instead). Each
 * body is copied into a heap block of exactly its size, so ASan sees any
 * access past it. tests/json_ref.h (the reference checker of the unit tests and
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

/* The ways a document is given to the binder. */
enum form { FORM_AS_IS, FORM_WRAPPED, FORM_BOUND, FORM_COUNT };
static const char *const k_form_names[FORM_COUNT] = { "as is", "{\"k\":DOC}", "bound" };

/* Documents whose verdict in a form differs from the suite's on purpose,
 * other than for the top level (none known). */
static const struct {
    const char *name;
    enum form form;
    const char *reason;
} k_exceptions[] = {
    { NULL, FORM_AS_IS, NULL },
};

/* Decoded strings of the y_ files ["..."] (--text FILE). */
#define MAX_TEXTS 128
static struct {
    char name[96];
    char text[ASC_MESSAGE_MAX];
    size_t len;
} g_texts[MAX_TEXTS];
static size_t g_text_count;
static unsigned long g_texts_compared;

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

static const char *exception_reason(const char *name, enum form form)
{
    size_t i;
    for (i = 0; k_exceptions[i].name != NULL; i++) {
        if (k_exceptions[i].form == form && strcmp(k_exceptions[i].name, name) == 0) {
            return k_exceptions[i].reason;
        }
    }
    return NULL;
}

/* RFC 8259 whitespace. */
static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s[*from..*to) without the whitespace around it. */
static void trim(const unsigned char *s, size_t *from, size_t *to)
{
    while (*from < *to && is_ws(s[*from])) {
        (*from)++;
    }
    while (*to > *from && is_ws(s[*to - 1u])) {
        (*to)--;
    }
}

static int top_level_is_object(const unsigned char *s, size_t n)
{
    size_t from = 0, to = n;
    trim(s, &from, &to);
    return from < to && s[from] == '{';
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

/* --text FILE: lines "NAME HEX" (HEX may be empty). */
static int load_texts(const char *path)
{
    char line[1024];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL && g_text_count < MAX_TEXTS) {
        char *hex = strchr(line, ' ');
        size_t i, n;
        if (hex == NULL) {
            continue;
        }
        *hex++ = '\0';
        hex[strcspn(hex, "\n")] = '\0';
        n = strlen(hex) / 2u;
        if (n >= ASC_MESSAGE_MAX || strlen(line) >= sizeof g_texts[0].name) {
            continue; /* would be truncated: not compared */
        }
        for (i = 0; i < n; i++) {
            int hi = hex_digit((unsigned char)hex[2u * i]), lo = hex_digit((unsigned char)hex[2u * i + 1u]);
            if (hi < 0 || lo < 0) {
                fclose(f);
                return -1;
            }
            g_texts[g_text_count].text[i] = (char)(hi * 16 + lo);
        }
        g_texts[g_text_count].len = n;
        strcpy(g_texts[g_text_count].name, line);
        g_text_count++;
    }
    fclose(f);
    return 0;
}

static const char *text_of(const char *name, size_t *len)
{
    size_t i;
    for (i = 0; i < g_text_count; i++) {
        if (strcmp(g_texts[i].name, name) == 0) {
            *len = g_texts[i].len;
            return g_texts[i].text;
        }
    }
    return NULL;
}

/* Bind s[0..n) from a heap block of exactly n bytes into *r; ASC_OK or an
 * error (r->body points at freed memory afterwards: not to be read). */
static asc_status bind_exact(asc_result *r, const unsigned char *s, size_t n)
{
    unsigned char *body = malloc(n > 0 ? n : 1u);
    size_t scratch_len = asc_json_token_size() * (n + 1u);
    void *scratch = malloc(scratch_len);
    asc_status st;
    if (body == NULL || scratch == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(body, s, n);
    st = asc_result_bind(r, (asc_span){ (const char *)body, n }, 200, ASC_BIND_DATA_ANY, scratch, scratch_len);
    free(scratch);
    free(body);
    return st;
}

/* head + s[from..to) + "}" in a new heap block. */
static unsigned char *wrap(const char *head, const unsigned char *s, size_t from, size_t to, size_t *len)
{
    size_t h = strlen(head);
    unsigned char *out = malloc(h + (to - from) + 1u);
    if (out == NULL) {
        exit(2);
    }
    memcpy(out, head, h);
    memcpy(out + h, s + from, to - from);
    out[h + (to - from)] = '}';
    *len = h + (to - from) + 1u;
    return out;
}

/* Tallies per kind (y/n/i or pass/fail/exclude) and form. */
struct tally {
    unsigned long accepted, refused;
};
static struct tally g_tally[3][FORM_COUNT];

static void pass_or_fail(int ok, const char *name, const char *what)
{
    if (ok) {
        g_passed++;
    } else {
        printf("MISMATCH %s: %s\n", name, what);
        g_failed++;
    }
}

/* Judge one binding; expect is the verdict wanted in this form. */
static void judge(const char *name, enum form form, enum want want, enum want expect, asc_status st)
{
    const char *reason = exception_reason(name, form);
    char what[160];
    if (st != ASC_OK && st != ASC_E_JSON) {
        snprintf(what, sizeof what, "(%s) status %d, want ASC_OK or ASC_E_JSON", k_form_names[form], (int)st);
        pass_or_fail(0, name, what);
        return;
    }
    g_tally[want][form].accepted += st == ASC_OK;
    g_tally[want][form].refused += st != ASC_OK;
    if (reason != NULL) {
        printf("EXPECTED DIFFERENCE %s (%s): %s, %s\n", name, k_form_names[form],
               st == ASC_OK ? "accepted" : "refused", reason);
        expect = WANT_EITHER;
    }
    snprintf(what, sizeof what, "(%s) %s, want %s", k_form_names[form], st == ASC_OK ? "accepted" : "refused",
             expect == WANT_ACCEPT ? "accepted" : "refused");
    pass_or_fail(expect == WANT_EITHER || (expect == WANT_ACCEPT) == (st == ASC_OK), name, what);
}

/* The bound form: DOC = [X], X a scalar, bound as the value of a known
 * key; for y_ X must be one value, and what was bound is checked. */
static void judge_bound(const char *name, enum want want, const unsigned char *doc, size_t n)
{
    size_t from = 0, to = n, x_from, x_to, len;
    const char *key;
    unsigned char *body;
    asc_result r;
    asc_status st;
    trim(doc, &from, &to);
    if (to - from < 2u || doc[from] != '[' || doc[to - 1u] != ']') {
        return;
    }
    x_from = from + 1u;
    x_to = to - 1u;
    trim(doc, &x_from, &x_to);
    if (x_from == x_to) {
        return;
    }
    switch (doc[x_from]) {
    case '"': case 'n': key = "{\"Message\":"; break;
    case 't': case 'f': key = "{\"Success\":"; break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': key = "{\"Code\":"; break;
    default: return;
    }
    if (want == WANT_ACCEPT && json_ref_check(doc + x_from, x_to - x_from) != JSON_REF_OK) {
        return; /* several values: [1,2] */
    }
    body = wrap(key, doc, from + 1u, to - 1u, &len);
    st = bind_exact(&r, body, len);
    judge(name, FORM_BOUND, want, want, st);
    free(body);
    if (want != WANT_ACCEPT || st != ASC_OK) {
        return;
    }
    if (key[2] == 'C' && x_to - x_from < ASC_CODE_MAX) {
        pass_or_fail(strlen(r.code) == x_to - x_from && memcmp(r.code, doc + x_from, x_to - x_from) == 0,
                     name, "(bound) Code is not the number's text");
    } else if (key[2] == 'S') {
        pass_or_fail(r.success == (doc[x_from] == 't'), name, "(bound) Success is not the literal");
    } else if (key[2] == 'M' && doc[x_from] == '"') {
        size_t want_len = 0;
        const char *want_text = text_of(name, &want_len);
        if (want_text != NULL) {
            g_texts_compared++;
            pass_or_fail(!r.truncated && strlen(r.message) == want_len &&
                         memcmp(r.message, want_text, want_len) == 0,
                         name, "(bound) Message is not the decoded string");
        }
    }
}

static void judge_reference(const char *name, enum want want, const unsigned char *s, size_t n)
{
    int v = json_ref_check(s, n);
    pass_or_fail(v == JSON_REF_DEEP || want == WANT_EITHER || (want == WANT_ACCEPT) == (v == JSON_REF_OK),
                 name, v == JSON_REF_OK ? "(tests/json_ref.h) accepted" : "(tests/json_ref.h) refused");
}

int main(int argc, char **argv)
{
    static const char *const kinds[3] = { "must accept", "must refuse", "either" };
    int i = 1, k, f;
    if (argc > 2 && strcmp(argv[1], "--text") == 0) {
        if (load_texts(argv[2]) != 0) {
            fprintf(stderr, "cannot read %s\n", argv[2]);
            return 2;
        }
        i = 3;
    }
    for (; i < argc; i++) {
        const char *name = base_name(argv[i]);
        enum want want = want_of(name);
        size_t n = 0, len = 0;
        unsigned char *doc = read_file(argv[i], &n), *body;
        asc_result r;
        if (doc == NULL) {
            printf("MISMATCH %s: cannot read %s\n", name, argv[i]);
            g_failed++;
            continue;
        }
        /* as is: the binder takes an object only */
        judge(name, FORM_AS_IS, want,
              want == WANT_ACCEPT && !top_level_is_object(doc, n) ? WANT_REFUSE : want,
              bind_exact(&r, doc, n));
        body = wrap("{\"k\":", doc, 0, n, &len);
        judge(name, FORM_WRAPPED, want, want, bind_exact(&r, body, len));
        free(body);
        judge_bound(name, want, doc, n);
        judge_reference(name, want, doc, n);
        free(doc);
    }
    for (k = 0; k < 3; k++) {
        if (g_tally[k][FORM_AS_IS].accepted + g_tally[k][FORM_AS_IS].refused == 0) {
            continue;
        }
        printf("%-11s %4lu files:", kinds[k], g_tally[k][FORM_AS_IS].accepted + g_tally[k][FORM_AS_IS].refused);
        for (f = 0; f < FORM_COUNT; f++) {
            printf("%s %s %lu accepted, %lu refused", f == 0 ? "" : ";", k_form_names[f],
                   g_tally[k][f].accepted, g_tally[k][f].refused);
        }
        printf("\n");
    }
    if (g_text_count > 0) {
        printf("bound Message compared with the --text decoding: %lu of %zu strings\n", g_texts_compared,
               g_text_count);
        pass_or_fail(g_texts_compared == g_text_count, "--text", "some strings were not compared");
    }
    printf("%lu passed, %lu failed\n", g_passed, g_failed);
    return g_failed != 0;
}
