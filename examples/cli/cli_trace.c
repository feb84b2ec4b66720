/*
 * cli_trace.c - the --verbose trace and the SignatureDoesNotMatch
 * comparison (see cli_trace.h).
 */
#include "cli_trace.h"

#include <string.h>
#include "cli_text.h"

/* The last attempt's signing texts. A V1 string to sign is the canonical
 * query encoded once more (up to 3 bytes per byte). */
#define CANONICAL_CAP (128u * 1024u)
static char canonical_store[CANONICAL_CAP];
static char string_to_sign_store[3u * CANONICAL_CAP + 64u];
static char signature_store[128];

static void buf_init(cli_text_buf *b, char *store, size_t cap)
{
    b->p = store;
    b->cap = cap;
    b->len = 0u;
    b->cut = 0;
}

static void buf_add(cli_text_buf *b, const char *p, size_t n)
{
    size_t room = b->cap - b->len;
    if (n > room) {
        n = room;
        b->cut = 1;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

void cli_trace_init(cli_trace *t, FILE *out, int verbose, int show_secrets)
{
    memset(t, 0, sizeof *t);
    t->out = out;
    t->verbose = verbose;
    t->show_secrets = show_secrets;
    t->new_attempt = 1;
    buf_init(&t->canonical, canonical_store, sizeof canonical_store);
    buf_init(&t->string_to_sign, string_to_sign_store, sizeof string_to_sign_store);
    buf_init(&t->signature, signature_store, sizeof signature_store);
}

static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = (volatile unsigned char *)p;
    while (n-- > 0u) {
        *v++ = 0u;
    }
}

void cli_trace_wipe(cli_trace *t)
{
    wipe(canonical_store, sizeof canonical_store);
    wipe(string_to_sign_store, sizeof string_to_sign_store);
    wipe(signature_store, sizeof signature_store);
    t->canonical.len = t->string_to_sign.len = t->signature.len = 0u;
}

/* p line by line, each after prefix (a line without text gets the prefix
 * without its trailing spaces); CR before LF dropped; secrets masked,
 * the rest escaped. Nothing is printed after a final LF. */
static void print_lines(const cli_trace *t, const char *prefix, const char *p, size_t n)
{
    size_t i = 0u, plen = strlen(prefix);
    while (i < n) {
        size_t j = i, end;
        while (j < n && p[j] != '\n') {
            j++;
        }
        end = j;
        if (end > i && p[end - 1u] == '\r') {
            end--;
        }
        if (end == i) {
            size_t k = plen;
            while (k > 0u && prefix[k - 1u] == ' ') {
                k--; /* no trailing spaces */
            }
            fwrite(prefix, 1, k, t->out);
        } else {
            fputs(prefix, t->out);
            cli_put_masked(t->out, p + i, end - i, t->show_secrets, 1);
        }
        fputc('\n', t->out);
        i = j + 1u;
    }
}

static void print_block(const cli_trace *t, const char *title, const cli_text_buf *b)
{
    fprintf(t->out, "* %s:\n", title);
    print_lines(t, "*   ", b->p, b->len);
    if (b->cut) {
        fprintf(t->out, "*   (cut: longer than %zu bytes)\n", b->cap);
    }
}

static void print_attempt(cli_trace *t, const char *request, size_t n)
{
    fprintf(t->out, "* attempt %u\n", t->requests);
    if (t->canonical.len > 0u) {
        print_block(t, "canonical request", &t->canonical);
    }
    if (t->string_to_sign.len > 0u) {
        print_block(t, "string to sign", &t->string_to_sign);
    }
    if (t->signature.len > 0u) {
        fputs("* signature: ", t->out);
        if (t->show_secrets) {
            cli_put_text(t->out, t->signature.p, t->signature.len);
        } else {
            fputs("****", t->out);
        }
        fputc('\n', t->out);
    }
    print_lines(t, "> ", request, n);
}

void cli_trace_fn(void *ctx, asc_trace_kind kind, const char *p, size_t n)
{
    cli_trace *t = (cli_trace *)ctx;
    switch (kind) {
    case ASC_TRACE_CANONICAL:
    case ASC_TRACE_STRING_TO_SIGN:
    case ASC_TRACE_SIGNATURE:
    case ASC_TRACE_BODY_HASH:
        if (t->new_attempt) {
            t->new_attempt = 0;
            t->canonical.len = t->string_to_sign.len = t->signature.len = 0u;
            t->canonical.cut = t->string_to_sign.cut = t->signature.cut = 0;
        }
        if (kind == ASC_TRACE_CANONICAL) {
            buf_add(&t->canonical, p, n);
        } else if (kind == ASC_TRACE_STRING_TO_SIGN) {
            buf_add(&t->string_to_sign, p, n);
        } else if (kind == ASC_TRACE_SIGNATURE) {
            buf_add(&t->signature, p, n);
        }
        break;
    case ASC_TRACE_REQUEST:
        t->requests++;
        t->new_attempt = 1;
        if (t->verbose) {
            print_attempt(t, p, n);
        }
        break;
    case ASC_TRACE_RESPONSE_HEAD:
        if (t->verbose) {
            print_lines(t, "< ", p, n);
        }
        break;
    default:
        break;
    }
}

/* ---- SignatureDoesNotMatch ------------------------------------------------------ */

#define WINDOW 100u /* columns of text shown around a difference */

/* Where needle first occurs in p[0..n), n when it does not. */
static size_t find(const char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= n; i++) {
        if (memcmp(p + i, needle, k) == 0) {
            return i;
        }
    }
    return n;
}

static size_t line_end(const char *p, size_t n, size_t from)
{
    while (from < n && p[from] != '\n') {
        from++;
    }
    return from;
}

/* One side of the comparison: the rendered text from column ws on, at
 * most WINDOW columns; "..." where it goes on. */
static void print_window(const cli_trace *t, const char *label, const char *rendered,
                         size_t len, size_t ws, int cut_before)
{
    size_t show;
    if (ws > len) {
        ws = len;
    }
    show = len - ws < WINDOW ? len - ws : WINDOW;
    fprintf(t->out, "  %s%s%.*s%s\n", label, cut_before ? "..." : "", (int)show, rendered + ws,
            ws + show < len ? "..." : "");
}

/* Ours next to theirs, the first difference marked. Returns 1 when equal. */
static int compare(const cli_trace *t, const char *what, const char *ours, size_t on,
                   const char *theirs, size_t tn)
{
    static char ra[8192], rb[8192];
    size_t d = 0u, start, from, line = 1u, k, la, lb, ca, cb, ws;
    int sa, sb, cut_before;
    while (d < on && d < tn && ours[d] == theirs[d]) {
        d++;
    }
    if (d == on && d == tn) {
        fprintf(t->out, "asc: our %s is the same as the server's\n", what);
        return 1;
    }
    start = d;
    while (start > 0u && ours[start - 1u] != '\n') {
        start--;
    }
    for (k = 0; k < start; k++) {
        line += ours[k] == '\n';
    }
    fprintf(t->out, "asc: our %s differs from the server's at byte %zu (line %zu, column %zu):\n",
            what, d, line, d - start + 1u);
    /* render a stretch of the line around the difference (the same bytes
     * before it on both sides, so the same columns) */
    from = d - start > 2u * WINDOW ? d - 2u * WINDOW : start;
    la = cli_render(ours, on, from, line_end(ours, on, d), t->show_secrets, d, ra, sizeof ra,
                    &ca, &sa);
    lb = cli_render(theirs, tn, from, line_end(theirs, tn, d), t->show_secrets, d, rb,
                    sizeof rb, &cb, &sb);
    ws = ca > WINDOW / 2u ? ca - WINDOW / 2u : 0u;
    cut_before = from > start || ws > 0u;
    print_window(t, "ours:   ", ra, la, ws, cut_before);
    print_window(t, "server: ", rb, lb, ws, cut_before);
    fprintf(t->out, "  %*s%s^\n", 8 + (int)(ca - ws), "", cut_before ? "   " : "");
    if (sa || sb) {
        fputs("  (the difference is inside a masked value: --show-secrets shows it)\n", t->out);
    }
    (void)cb;
    return 0;
}

void cli_trace_signature_mismatch(const cli_trace *t, const char *msg, size_t n)
{
    static const char sts_mark[] = "server string to sign is:";
    static const char canon_mark[] = " canonical request is:";
    size_t s = find(msg, n, sts_mark), c, sts_end;
    if (s == n) {
        fputs("asc: the service's message carries no string to sign to compare with ours\n",
              t->out);
        return;
    }
    s += sizeof sts_mark - 1u;
    c = find(msg + s, n - s, canon_mark);
    sts_end = s + c;
    if (t->string_to_sign.len == 0u) {
        fputs("asc: our string to sign is not known (no trace)\n", t->out);
        return;
    }
    if (compare(t, "string to sign", t->string_to_sign.p, t->string_to_sign.len, msg + s,
                sts_end - s)) {
        fputs("asc: so the signature differs only by the key: check "
              "ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the request was changed on the way)\n",
              t->out);
        return;
    }
    if (sts_end < n && t->canonical.len > 0u) {
        size_t cs = sts_end + sizeof canon_mark - 1u;
        (void)compare(t, "canonical request", t->canonical.p, t->canonical.len, msg + cs,
                      n - cs);
    }
    fputs("asc: (--verbose shows our canonical request and string to sign in full)\n", t->out);
}
