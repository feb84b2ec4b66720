/*
 * cli_text.c - escaping, masking and JSON printing for the command-line
 * tool (see cli_text.h). Host code: stdio, no heap.
 */
#include "cli_text.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* ---- escaping ---------------------------------------------------------------- */

typedef enum escape_mode {
    ESC_TEXT,     /* terminal text: backslash doubled, bad bytes as \xNN */
    ESC_IN_JSON,  /* raw bytes inside a JSON string: its escapes are kept */
    ESC_NEW_JSON  /* our own JSON string: quote and backslash escaped too */
} escape_mode;

/* Length of the valid UTF-8 sequence at s (shortest form, no surrogates,
 * at most U+10FFFF) with its code point in *cp; 0 when not valid. */
static size_t utf8_sequence(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len, i;
    uint32_t v, min;
    if (s[0] >= 0xc2u && s[0] <= 0xdfu) {
        len = 2u;
        v = s[0] & 0x1fu;
        min = 0x80u;
    } else if (s[0] >= 0xe0u && s[0] <= 0xefu) {
        len = 3u;
        v = s[0] & 0x0fu;
        min = 0x800u;
    } else if (s[0] >= 0xf0u && s[0] <= 0xf4u) {
        len = 4u;
        v = s[0] & 0x07u;
        min = 0x10000u;
    } else {
        return 0u;
    }
    if (n < len) {
        return 0u;
    }
    for (i = 1u; i < len; i++) {
        if ((s[i] & 0xc0u) != 0x80u) {
            return 0u;
        }
        v = (v << 6) | (s[i] & 0x3fu);
    }
    if (v < min || v > 0x10ffffu || (v >= 0xd800u && v <= 0xdfffu)) {
        return 0u;
    }
    *cp = v;
    return len;
}

/* Code points shown as \uXXXX although valid: C1 controls (some terminals
 * act on them) and the characters that reorder or break lines on screen. */
static int is_invisible_control(uint32_t cp)
{
    return (cp >= 0x80u && cp <= 0x9fu) || cp == 0x061cu || cp == 0x200eu ||
           cp == 0x200fu || cp == 0x2028u || cp == 0x2029u ||
           (cp >= 0x202au && cp <= 0x202eu) || (cp >= 0x2066u && cp <= 0x2069u);
}

/* The escaped form of the next character of p[0..n) into out (at most 12
 * bytes); *used receives the input bytes it stands for. Returns the output
 * length. */
static size_t escape_next(const char *p, size_t n, escape_mode mode, char out[12], size_t *used)
{
    unsigned char c = (unsigned char)p[0];
    uint32_t cp = 0u;
    size_t len;
    *used = 1u;
    if ((c == '\\' && mode != ESC_IN_JSON) || (c == '"' && mode == ESC_NEW_JSON)) {
        out[0] = '\\';
        out[1] = (char)c;
        return 2u;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
        out[0] = '\\';
        out[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        return 2u;
    }
    if (c < 0x20u || c == 0x7fu) {
        return (size_t)snprintf(out, 12, "\\u%04x", (unsigned)c);
    }
    if (c < 0x80u) {
        out[0] = (char)c;
        return 1u;
    }
    len = utf8_sequence((const unsigned char *)p, n, &cp);
    if (len == 0u) {
        return mode == ESC_TEXT ? (size_t)snprintf(out, 12, "\\x%02x", (unsigned)c)
                                : (size_t)snprintf(out, 12, "\\ufffd");
    }
    *used = len;
    if (is_invisible_control(cp)) {
        return (size_t)snprintf(out, 12, "\\u%04x", (unsigned)cp);
    }
    memcpy(out, p, len);
    return len;
}

static void put_escaped(FILE *f, const char *p, size_t n, escape_mode mode)
{
    size_t i = 0u;
    while (i < n) {
        char e[12];
        size_t used;
        size_t k = escape_next(p + i, n - i, mode, e, &used);
        fwrite(e, 1, k, f);
        i += used;
    }
}

void cli_put_text(FILE *f, const char *p, size_t n)
{
    put_escaped(f, p, n, ESC_TEXT);
}

void cli_put_json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    put_escaped(f, s, n, ESC_NEW_JSON);
    fputc('"', f);
}

int cli_format(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return r >= 0 && (size_t)r < cap;
}

/* ---- masking ------------------------------------------------------------------- */

/* Where secret values appear: after `name`, up to one of `stops` (or the
 * text's end); with pct_amp also up to "%26" (the V1 string to sign
 * encodes the query once more: & is %26 there, a & inside a value %2526). */
typedef struct secret_marker {
    const char *name;
    const char *stops;
    int pct_amp;
} secret_marker;

static const secret_marker secret_markers[] = {
    { "x-acs-accesskey-id:", "\r\n", 0 },   /* V3 header, canonical request */
    { "x-acs-security-token:", "\r\n", 0 },
    { "Credential=", ",\r\n", 0 },          /* V3 Authorization */
    { "Signature=", "&, \r\n", 0 },         /* V3 Authorization, V1 query */
    { "AccessKeyId=", "& \r\n", 0 },        /* V1 query, canonical query */
    { "SecurityToken=", "& \r\n", 0 },
    { "AccessKeyId%3D", " \r\n", 1 },       /* V1 string to sign */
    { "SecurityToken%3D", " \r\n", 1 },
};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* p[i..n) starts with name, in any case */
static int starts_with_nocase(const char *p, size_t n, size_t i, const char *name)
{
    size_t k, len = strlen(name);
    if (n - i < len) {
        return 0;
    }
    for (k = 0; k < len; k++) {
        if (lower((unsigned char)p[i + k]) != lower((unsigned char)name[k])) {
            return 0;
        }
    }
    return 1;
}

int cli_next_secret(const char *p, size_t n, size_t from, size_t *start, size_t *end)
{
    size_t i, m;
    for (i = from; i < n; i++) {
        for (m = 0; m < sizeof secret_markers / sizeof secret_markers[0]; m++) {
            const secret_marker *sm = &secret_markers[m];
            size_t s, e;
            if (!starts_with_nocase(p, n, i, sm->name)) {
                continue;
            }
            s = i + strlen(sm->name);
            while (s < n && (p[s] == ' ' || p[s] == '\t')) {
                s++;
            }
            e = s;
            while (e < n && strchr(sm->stops, p[e]) == NULL &&
                   !(sm->pct_amp && starts_with_nocase(p, n, e, "%26"))) {
                e++;
            }
            if (e > s) {
                *start = s;
                *end = e;
                return 1;
            }
        }
    }
    return 0;
}

void cli_put_masked(FILE *f, const char *p, size_t n, int show_secrets, int escape)
{
    size_t pos = 0u, s, e;
    while (pos < n) {
        if (show_secrets || !cli_next_secret(p, n, pos, &s, &e)) {
            s = e = n;
        }
        if (escape) {
            cli_put_text(f, p + pos, s - pos);
        } else {
            fwrite(p + pos, 1, s - pos, f);
        }
        if (s < n) {
            fputs("****", f);
        }
        pos = e;
    }
}

/* The first secret of p[scan..n) (none when show_secrets): [*s, *e), or
 * *s = *e = n when there is none. */
static void next_masked(const char *p, size_t n, size_t scan, int show_secrets,
                        size_t *s, size_t *e)
{
    size_t start, end;
    if (!show_secrets && cli_next_secret(p, n, scan, &start, &end)) {
        *s = start;
        *e = end;
    } else {
        *s = n;
        *e = n;
    }
}

size_t cli_render(const char *p, size_t n, size_t from, size_t to, int show_secrets,
                  size_t at, char *out, size_t cap, size_t *col, int *in_secret)
{
    size_t len = 0u, i = from, s, e;
    *col = 0u;
    *in_secret = 0;
    if (cap == 0u) {
        return 0u;
    }
    /* the first secret that ends after `from` (it may start before) */
    next_masked(p, n, 0u, show_secrets, &s, &e);
    while (e <= from && s < n) {
        next_masked(p, n, e, show_secrets, &s, &e);
    }
    while (i < to) {
        char buf[12];
        size_t k, used;
        if (i >= s) { /* inside a secret value: "****" stands for all of it */
            if (at >= i && at < e) {
                *col = len;
                *in_secret = 1;
            }
            memcpy(buf, "****", 4u);
            k = 4u;
            i = e;
            next_masked(p, n, e, show_secrets, &s, &e);
        } else {
            k = escape_next(p + i, (s < to ? s : to) - i, ESC_TEXT, buf, &used);
            if (at >= i && at < i + used) {
                *col = len;
            }
            i += used;
        }
        if (len + k >= cap) {
            break;
        }
        memcpy(out + len, buf, k);
        len += k;
    }
    if (at >= to) {
        *col = len;
    }
    out[len] = '\0';
    return len;
}

/* ---- JSON ------------------------------------------------------------------- */

static void indent(FILE *f, int depth)
{
    int k;
    fputc('\n', f);
    for (k = 0; k < depth; k++) {
        fputc('\t', f);
    }
}

void cli_pretty_json(FILE *f, const char *p, size_t n)
{
    size_t i = 0u;
    int depth = 0, in_str = 0;
    while (i < n) {
        char c = p[i];
        if (in_str) {
            if (c == '\\' && i + 1u < n) {
                fputc(c, f);          /* an escape of the document: kept */
                fputc(p[i + 1u], f);
                i += 2u;
                continue;
            }
            if (c == '"') {
                in_str = 0;
                fputc(c, f);
                i++;
                continue;
            }
            {
                char e[12];
                size_t used, k = escape_next(p + i, n - i, ESC_IN_JSON, e, &used);
                fwrite(e, 1, k, f);
                i += used;
            }
            continue;
        }
        switch (c) {
        case '"':
            in_str = 1;
            fputc(c, f);
            break;
        case '{':
        case '[':
            fputc(c, f);
            if (i + 1u < n && (p[i + 1u] == '}' || p[i + 1u] == ']')) {
                fputc(p[++i], f);
                break;
            }
            depth++;
            indent(f, depth);
            break;
        case '}':
        case ']':
            depth--;
            indent(f, depth);
            fputc(c, f);
            break;
        case ',':
            fputc(c, f);
            indent(f, depth);
            break;
        case ':':
            fputs(": ", f);
            break;
        case ' ': case '\t': case '\r': case '\n':
            break;
        default:
            cli_put_text(f, &p[i], 1u);
        }
        i++;
    }
    fputc('\n', f);
}

static size_t skip_ws(const char *p, size_t n, size_t i)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) {
        i++;
    }
    return i;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
           c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Four hex digits at p[i..i+4) as a number; -1 when they are not. */
static long hex4(const char *p, size_t n, size_t i)
{
    long v = 0;
    size_t k;
    if (n < 4u || i > n - 4u) {
        return -1;
    }
    for (k = 0; k < 4u; k++) {
        int h = hex_value(p[i + k]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

/* Append code point cp as UTF-8 to out (cut at cap - 1, *cut set). */
static void put_utf8(char *out, size_t cap, size_t *len, int *cut, uint32_t cp)
{
    char b[4];
    size_t k;
    if (cp < 0x80u) {
        b[0] = (char)cp;
        k = 1u;
    } else if (cp < 0x800u) {
        b[0] = (char)(0xc0u | (cp >> 6));
        b[1] = (char)(0x80u | (cp & 0x3fu));
        k = 2u;
    } else if (cp < 0x10000u) {
        b[0] = (char)(0xe0u | (cp >> 12));
        b[1] = (char)(0x80u | ((cp >> 6) & 0x3fu));
        b[2] = (char)(0x80u | (cp & 0x3fu));
        k = 3u;
    } else {
        b[0] = (char)(0xf0u | (cp >> 18));
        b[1] = (char)(0x80u | ((cp >> 12) & 0x3fu));
        b[2] = (char)(0x80u | ((cp >> 6) & 0x3fu));
        b[3] = (char)(0x80u | (cp & 0x3fu));
        k = 4u;
    }
    if (*len + k >= cap) {
        *cut = 1;
        return;
    }
    memcpy(out + *len, b, k);
    *len += k;
}

/* Decode the JSON string starting at the quote p[i] into out; returns the
 * index after its closing quote, or 0 when it is not a valid string. */
static size_t decode_string(const char *p, size_t n, size_t i, char *out, size_t cap,
                            size_t *len, int *cut)
{
    *len = 0u;
    *cut = 0;
    if (i >= n || p[i] != '"') {
        return 0u;
    }
    for (i++; i < n; i++) {
        uint32_t cp;
        if (p[i] == '"') {
            if (cap > 0u) {
                out[*len] = '\0';
            }
            return i + 1u;
        }
        if (p[i] != '\\') {
            cp = (unsigned char)p[i];
            if (*len + 1u >= cap) {
                *cut = 1;
            } else {
                out[(*len)++] = p[i];
            }
            continue;
        }
        if (++i >= n) {
            return 0u;
        }
        switch (p[i]) {
        case '"': case '\\': case '/': cp = (unsigned char)p[i]; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
            long hi = hex4(p, n, i + 1u);
            if (hi < 0) {
                return 0u;
            }
            i += 4u;
            cp = (uint32_t)hi;
            if (hi >= 0xd800 && hi <= 0xdbff && i + 2u < n && p[i + 1u] == '\\' &&
                p[i + 2u] == 'u') {
                long lo = hex4(p, n, i + 3u);
                if (lo >= 0xdc00 && lo <= 0xdfff) {
                    cp = 0x10000u + (((uint32_t)hi - 0xd800u) << 10) + ((uint32_t)lo - 0xdc00u);
                    i += 6u;
                }
            }
            if (cp >= 0xd800u && cp <= 0xdfffu) {
                cp = 0xfffdu; /* a lone surrogate */
            }
            break;
        }
        default:
            return 0u;
        }
        put_utf8(out, cap, len, cut, cp);
    }
    return 0u;
}

/* Index after the JSON value starting at p[i] (strings, nested objects and
 * arrays, primitives); 0 when it is cut short. */
static size_t skip_value(const char *p, size_t n, size_t i)
{
    int depth = 0, in_str = 0;
    if (i < n && p[i] != '"' && p[i] != '{' && p[i] != '[') {
        while (i < n && p[i] != ',' && p[i] != '}' && p[i] != ']' && p[i] != ' ' &&
               p[i] != '\t' && p[i] != '\r' && p[i] != '\n') {
            i++;
        }
        return i;
    }
    for (; i < n; i++) {
        char c = p[i];
        if (in_str) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_str = 0;
                if (depth == 0) {
                    return i + 1u;
                }
            }
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                return i + 1u;
            }
        }
    }
    return 0u;
}

/* The walk over an object's members shared by the two lookups below.
 * member_value: at i (just after '{' or ','), read one member's name into
 * name[64] and return the offset of its value, or 0 when the text is not a
 * member. next_member: from the value at v, return the offset just after
 * the ',' that starts the next member, or 0 at the object's end or on
 * malformed text. */
static size_t member_value(const char *body, size_t n, size_t i, char name[64], int *name_cut)
{
    size_t name_len;
    size_t next = decode_string(body, n, skip_ws(body, n, i), name, 64u, &name_len, name_cut);
    if (next == 0u) {
        return 0u;
    }
    i = skip_ws(body, n, next);
    if (i >= n || body[i] != ':') {
        return 0u;
    }
    return skip_ws(body, n, i + 1u);
}

static size_t next_member(const char *body, size_t n, size_t v)
{
    size_t i = skip_value(body, n, v);
    if (i == 0u) {
        return 0u;
    }
    i = skip_ws(body, n, i);
    if (i >= n || body[i] != ',') {
        return 0u;
    }
    return i + 1u;
}

/* Offset just after the object's '{', or 0 when body is not an object. */
static size_t object_start(const char *body, size_t n)
{
    size_t i = skip_ws(body, n, 0u);
    return i < n && body[i] == '{' ? i + 1u : 0u;
}

int cli_json_element(const char *body, size_t n, const char *key, size_t index,
                     size_t *start, size_t *end)
{
    size_t i = object_start(body, n);
    char name[64];
    while (i != 0u) {
        int name_cut;
        size_t v = member_value(body, n, i, name, &name_cut);
        if (v == 0u) {
            return 0;
        }
        if (!name_cut && strcmp(name, key) == 0) {
            size_t k;
            if (v >= n || body[v] != '[') {
                return 0;
            }
            v = skip_ws(body, n, v + 1u);
            for (k = 0u;; k++) {
                size_t e = v < n && body[v] != ']' ? skip_value(body, n, v) : 0u;
                if (e == 0u || e == v) {
                    return 0;
                }
                if (k == index) {
                    *start = v;
                    *end = e;
                    return 1;
                }
                v = skip_ws(body, n, e);
                if (v >= n || body[v] != ',') {
                    return 0;
                }
                v = skip_ws(body, n, v + 1u);
            }
        }
        i = next_member(body, n, v);
    }
    return 0;
}

int cli_json_member(const char *body, size_t n, const char *key, char *out, size_t cap,
                    size_t *out_len, int *cut)
{
    size_t i = object_start(body, n);
    char name[64];
    while (i != 0u) {
        int name_cut;
        size_t v = member_value(body, n, i, name, &name_cut);
        if (v == 0u) {
            return 0;
        }
        if (!name_cut && strcmp(name, key) == 0 && v < n && body[v] == '"') {
            return decode_string(body, n, v, out, cap, out_len, cut) != 0u;
        }
        i = next_member(body, n, v);
    }
    return 0;
}
