/*
 * src/json.c - bind a response body to asc_result. The only file that
 * includes jsmn.
 *
 * Two passes, both iterative (no recursion anywhere):
 *  1. asc_json_validate(): a strict RFC 8259 grammar check. jsmn, even in
 *     strict mode, accepts things that are not JSON: `{"a"}` (key without a
 *     value), `{"a":1 "b":2}` (missing comma), `[1:2]`, `{1:2}` in some
 *     positions, `tru`, `01`, `1.`, `-`, raw control bytes in strings,
 *     several top-level values, and it stops silently at a NUL byte. The
 *     validator rejects all of these, plus invalid UTF-8 and lone surrogate
 *     escapes. Nesting is tracked in one 64-bit word (1 bit per level), so
 *     depth is limited to 64 and the pass needs a few words of stack.
 *  2. jsmn tokenizes the (now known valid) text and we walk the top-level
 *     object's key/value pairs. Unknown values of any type and depth are
 *     skipped with token spans: every token of a subtree starts before the
 *     subtree's end, so skipping is a forward scan, not a recursion.
 *
 * Token storage comes from caller memory (the client passes the unused tail
 * of its work buffer), not from the stack: a token is 16 bytes and an error
 * body with an AccessDeniedDetail object can need dozens, which would not
 * fit the ~1.5 KiB stack budget of the whole call chain if sized for the
 * worst case, while a small fixed array would reject legitimate bodies.
 */
#include <limits.h>
#include <string.h>
#include "asc_result.h"

#define JSMN_STATIC
#define JSMN_STRICT
/* jsmn mixes int and unsigned positions; it is third-party code we do not
 * edit, so its conversion warnings are silenced for the include only. */
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#endif
#include "jsmn.h"
#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif

#define MAX_DEPTH 64u

/* ---- UTF-8 and escapes ------------------------------------------------- */

/* Length (1..4) of the well-formed UTF-8 sequence at s[0..n), 0 if none. */
static size_t utf8_seq(const uint8_t *s, size_t n)
{
    uint8_t c = s[0], lo = 0x80u, hi = 0xBFu;
    size_t len, i;
    if (c < 0x80u) {
        return 1;
    }
    if (c >= 0xC2u && c <= 0xDFu) {
        len = 2;
    } else if (c >= 0xE0u && c <= 0xEFu) {
        len = 3;
        if (c == 0xE0u) {
            lo = 0xA0u; /* no overlongs */
        } else if (c == 0xEDu) {
            hi = 0x9Fu; /* no UTF-16 surrogates */
        }
    } else if (c >= 0xF0u && c <= 0xF4u) {
        len = 4;
        if (c == 0xF0u) {
            lo = 0x90u;
        } else if (c == 0xF4u) {
            hi = 0x8Fu; /* <= U+10FFFF */
        }
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi) {
        return 0;
    }
    for (i = 2; i < len; i++) {
        if (s[i] < 0x80u || s[i] > 0xBFu) {
            return 0;
        }
    }
    return len;
}

static bool hex4(const uint8_t *s, size_t n, uint32_t *out)
{
    uint32_t v = 0;
    size_t i;
    if (n < 4u) {
        return false;
    }
    for (i = 0; i < 4u; i++) {
        uint8_t c = s[i];
        uint32_t d;
        if (c >= '0' && c <= '9') {
            d = (uint32_t)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            d = (uint32_t)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            d = (uint32_t)(c - 'A' + 10);
        } else {
            return false;
        }
        v = (v << 4) | d;
    }
    *out = v;
    return true;
}

/*
 * Decode one character of string contents at s[0..n) (n > 0) into
 * utf8[0..4). Returns the number of input bytes consumed, 0 on error; sets
 * *outlen. A closing quote is an error here (callers stop before it).
 */
static size_t decode_char(const uint8_t *s, size_t n, uint8_t utf8[4],
                          size_t *outlen)
{
    uint32_t cp, lo;
    size_t used;
    uint8_t c = s[0];
    if (c < 0x20u || c == '"') {
        return 0;
    }
    if (c != '\\') {
        size_t k = utf8_seq(s, n);
        if (k != 0u) {
            memcpy(utf8, s, k);
        }
        *outlen = k;
        return k;
    }
    if (n < 2u) {
        return 0;
    }
    *outlen = 1;
    switch (s[1]) {
    case '"': utf8[0] = '"'; return 2;
    case '\\': utf8[0] = '\\'; return 2;
    case '/': utf8[0] = '/'; return 2;
    case 'b': utf8[0] = '\b'; return 2;
    case 'f': utf8[0] = '\f'; return 2;
    case 'n': utf8[0] = '\n'; return 2;
    case 'r': utf8[0] = '\r'; return 2;
    case 't': utf8[0] = '\t'; return 2;
    case 'u': break;
    default: return 0;
    }
    if (!hex4(s + 2, n - 2u, &cp)) {
        return 0;
    }
    used = 6;
    if (cp >= 0xDC00u && cp <= 0xDFFFu) {
        return 0; /* lone low surrogate */
    }
    if (cp >= 0xD800u && cp <= 0xDBFFu) {
        if (n < 12u || s[6] != '\\' || s[7] != 'u' || !hex4(s + 8, n - 8u, &lo) ||
            lo < 0xDC00u || lo > 0xDFFFu) {
            return 0; /* lone high surrogate */
        }
        cp = 0x10000u + ((cp - 0xD800u) << 10) + (lo - 0xDC00u);
        used = 12;
    }
    if (cp < 0x80u) {
        utf8[0] = (uint8_t)cp;
    } else if (cp < 0x800u) {
        utf8[0] = (uint8_t)(0xC0u | (cp >> 6));
        utf8[1] = (uint8_t)(0x80u | (cp & 0x3Fu));
        *outlen = 2;
    } else if (cp < 0x10000u) {
        utf8[0] = (uint8_t)(0xE0u | (cp >> 12));
        utf8[1] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        utf8[2] = (uint8_t)(0x80u | (cp & 0x3Fu));
        *outlen = 3;
    } else {
        utf8[0] = (uint8_t)(0xF0u | (cp >> 18));
        utf8[1] = (uint8_t)(0x80u | ((cp >> 12) & 0x3Fu));
        utf8[2] = (uint8_t)(0x80u | ((cp >> 6) & 0x3Fu));
        utf8[3] = (uint8_t)(0x80u | (cp & 0x3Fu));
        *outlen = 4;
    }
    return used;
}

asc_status asc_json_unescape(asc_span in, char *out, size_t cap, bool *truncated)
{
    const uint8_t *s = (const uint8_t *)in.ptr;
    size_t i = 0, o = 0;
    bool full = false;
    if (out == NULL || cap == 0u || truncated == NULL ||
        (s == NULL && in.len > 0u)) {
        return ASC_E_INVALID_ARG;
    }
    while (i < in.len) {
        uint8_t ch[4];
        size_t k = 0;
        size_t used = decode_char(s + i, in.len - i, ch, &k);
        if (used == 0u) {
            out[o] = '\0';
            return ASC_E_JSON;
        }
        i += used;
        /* Whole characters only: once one does not fit, stop writing (but
         * keep validating the rest). */
        if (!full && k <= cap - 1u - o) {
            memcpy(out + o, ch, k);
            o += k;
        } else {
            full = true;
        }
    }
    out[o] = '\0';
    if (full) {
        *truncated = true;
    }
    return ASC_OK;
}

/* ---- validator ----------------------------------------------------------- */

/* i at the opening quote; on success *end is the index of the closing one. */
static bool scan_string(const uint8_t *s, size_t n, size_t i, size_t *end)
{
    i++;
    while (i < n) {
        uint8_t ch[4];
        size_t k, used;
        if (s[i] == '"') {
            *end = i;
            return true;
        }
        used = decode_char(s + i, n - i, ch, &k);
        if (used == 0u) {
            return false;
        }
        i += used;
    }
    return false;
}

static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* i at '-' or a digit; returns the index after the number, 0 on error. */
static size_t scan_number(const uint8_t *s, size_t n, size_t i)
{
    if (i < n && s[i] == '-') {
        i++;
    }
    if (i >= n || !is_digit(s[i])) {
        return 0;
    }
    if (s[i] == '0') {
        i++;
    } else {
        while (i < n && is_digit(s[i])) {
            i++;
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !is_digit(s[i])) {
            return 0;
        }
        while (i < n && is_digit(s[i])) {
            i++;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        if (i >= n || !is_digit(s[i])) {
            return 0;
        }
        while (i < n && is_digit(s[i])) {
            i++;
        }
    }
    return i;
}

static size_t scan_literal(const uint8_t *s, size_t n, size_t i)
{
    static const char *const lits[3] = { "true", "false", "null" };
    int k;
    for (k = 0; k < 3; k++) {
        size_t l = strlen(lits[k]);
        if (n - i >= l && memcmp(s + i, lits[k], l) == 0) {
            return i + l;
        }
    }
    return 0;
}

enum { V_VALUE, V_ARR_FIRST, V_OBJ_FIRST, V_KEY, V_COLON, V_NEXT, V_DONE };

asc_status asc_json_validate(asc_span text)
{
    const uint8_t *s = (const uint8_t *)text.ptr;
    size_t n = text.len, i = 0;
    uint64_t stack = 0; /* bit d set: level d is an object */
    unsigned depth = 0;
    int state = V_VALUE;
    if (s == NULL && n > 0u) {
        return ASC_E_INVALID_ARG;
    }
    for (;;) {
        uint8_t c;
        bool close = false, value = false;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                         s[i] == '\r')) {
            i++;
        }
        if (i >= n) {
            break;
        }
        c = s[i];
        switch (state) {
        case V_DONE:
            return ASC_E_JSON; /* trailing garbage */
        case V_COLON:
            if (c != ':') {
                return ASC_E_JSON;
            }
            i++;
            state = V_VALUE;
            break;
        case V_OBJ_FIRST:
        case V_KEY:
            if (state == V_OBJ_FIRST && c == '}') {
                close = true;
            } else if (c != '"' || !scan_string(s, n, i, &i)) {
                return ASC_E_JSON;
            } else {
                i++;
                state = V_COLON;
            }
            break;
        case V_NEXT:
            if (c == ',') {
                i++;
                state = ((stack >> (depth - 1u)) & 1u) ? V_KEY : V_VALUE;
            } else if (c == (((stack >> (depth - 1u)) & 1u) ? '}' : ']')) {
                close = true;
            } else {
                return ASC_E_JSON;
            }
            break;
        default: /* V_VALUE, V_ARR_FIRST */
            if (state == V_ARR_FIRST && c == ']') {
                close = true;
            } else if (c == '{' || c == '[') {
                if (depth >= MAX_DEPTH) {
                    return ASC_E_RESPONSE_TOO_LARGE;
                }
                if (c == '{') {
                    stack |= (uint64_t)1u << depth;
                } else {
                    stack &= ~((uint64_t)1u << depth);
                }
                depth++;
                i++;
                state = c == '{' ? V_OBJ_FIRST : V_ARR_FIRST;
            } else if (c == '"') {
                if (!scan_string(s, n, i, &i)) {
                    return ASC_E_JSON;
                }
                i++;
                value = true;
            } else if (c == '-' || is_digit(c)) {
                i = scan_number(s, n, i);
                if (i == 0u) {
                    return ASC_E_JSON;
                }
                value = true;
            } else {
                i = scan_literal(s, n, i);
                if (i == 0u) {
                    return ASC_E_JSON;
                }
                value = true;
            }
            break;
        }
        if (close) {
            i++;
            depth--;
            value = true;
        }
        if (value) {
            state = depth > 0u ? V_NEXT : V_DONE;
        }
    }
    return state == V_DONE ? ASC_OK : ASC_E_JSON;
}

/* ---- binding ------------------------------------------------------------- */

size_t asc_json_token_size(void) { return sizeof(jsmntok_t); }

void asc_result_clear(asc_result *r)
{
    if (r != NULL) {
        memset(r, 0, sizeof *r);
        r->error = ASC_ERR_NONE;
    }
}

typedef struct tok_align {
    char c;
    jsmntok_t t;
} tok_align;

static bool key_is(const char *js, const jsmntok_t *k, const char *name)
{
    size_t l = strlen(name);
    return (size_t)(k->end - k->start) == l &&
           memcmp(js + k->start, name, l) == 0;
}

static bool is_null(const char *js, const jsmntok_t *v)
{
    return v->type == JSMN_PRIMITIVE && js[v->start] == 'n';
}

/* Boolean, or the strings "true"/"false". -1: not a boolean. */
static int bool_of(const char *js, const jsmntok_t *v)
{
    size_t l = (size_t)(v->end - v->start);
    const char *p = js + v->start;
    if (v->type != JSMN_PRIMITIVE && v->type != JSMN_STRING) {
        return -1;
    }
    if (l == 4u && memcmp(p, "true", 4) == 0) {
        return 1;
    }
    if (l == 5u && memcmp(p, "false", 5) == 0) {
        return 0;
    }
    return -1;
}

/* Copy a string (or, when number_ok, a number) value into a text field. */
static asc_status text_field(asc_result *r, const char *js, const jsmntok_t *v,
                             char *out, size_t cap, bool number_ok)
{
    asc_span in;
    in.ptr = js + v->start;
    in.len = (size_t)(v->end - v->start);
    if (v->type == JSMN_STRING ||
        (number_ok && v->type == JSMN_PRIMITIVE &&
         (js[v->start] == '-' || is_digit((uint8_t)js[v->start])))) {
        /* Numbers are plain ASCII: the unescaper copies them as they are. */
        return asc_json_unescape(in, out, cap, &r->truncated);
    }
    return ASC_E_JSON;
}

static size_t skip_value(const jsmntok_t *t, size_t ntok, size_t i)
{
    int end = t[i].end;
    size_t j = i + 1u;
    while (j < ntok && t[j].start < end) {
        j++;
    }
    return j;
}

asc_status asc_result_bind(asc_result *r, asc_span body, int http_status,
                           unsigned flags, void *scratch, size_t scratch_len)
{
    static const struct {
        const char *name;
        unsigned bit;
    } k_fields[7] = {
        { "Data", ASC_RESULT_HAS_DATA },
        { "Success", ASC_RESULT_HAS_SUCCESS },
        { "Code", ASC_RESULT_HAS_CODE },
        { "Message", ASC_RESULT_HAS_MESSAGE },
        { "RequestId", ASC_RESULT_HAS_REQUEST_ID },
        { "HostId", ASC_RESULT_HAS_HOST_ID },
        { "Recommend", ASC_RESULT_HAS_RECOMMEND },
    };
    const char *js = body.ptr;
    jsmn_parser jp;
    jsmntok_t *t;
    size_t ntok, i, pair, npairs, pad, align;
    unsigned seen = 0;
    int rc;
    asc_status st;

    if (r == NULL) {
        return ASC_E_INVALID_ARG;
    }
    asc_result_clear(r);
    r->http_status = http_status;
    r->body = body;
    if (js == NULL && body.len > 0u) {
        return ASC_E_INVALID_ARG;
    }
    if (body.len > (size_t)INT_MAX - 1u) {
        return ASC_E_RESPONSE_TOO_LARGE; /* jsmn positions are ints */
    }
    st = asc_json_validate(body);
    if (st != ASC_OK) {
        return st;
    }
    /* Valid JSON; the top level must be an object. */
    for (i = 0; i < body.len && js[i] != '{'; i++) {
        if (js[i] != ' ' && js[i] != '\t' && js[i] != '\n' && js[i] != '\r') {
            return ASC_E_JSON;
        }
    }
    if (i >= body.len) {
        return ASC_E_JSON;
    }

    /* Tokens in caller memory, aligned for jsmntok_t. */
    align = offsetof(tok_align, t);
    ntok = 0;
    t = NULL;
    if (scratch != NULL) {
        uintptr_t a = (uintptr_t)scratch;
        pad = (align - (size_t)(a % align)) % align;
        if (scratch_len > pad) {
            t = (jsmntok_t *)(void *)((unsigned char *)scratch + pad);
            ntok = (scratch_len - pad) / sizeof(jsmntok_t);
            if (ntok > UINT_MAX) {
                ntok = UINT_MAX;
            }
        }
    }
    if (ntok == 0u) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    jsmn_init(&jp);
    rc = jsmn_parse(&jp, js, body.len, t, (unsigned int)ntok);
    if (rc == JSMN_ERROR_NOMEM) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    if (rc < 1 || t[0].type != JSMN_OBJECT || t[0].size < 0) {
        return ASC_E_JSON;
    }
    ntok = (size_t)rc;

    npairs = (size_t)t[0].size;
    i = 1;
    for (pair = 0; pair < npairs; pair++) {
        const jsmntok_t *k, *v;
        size_t f;
        if (i + 1u >= ntok) {
            return ASC_E_JSON;
        }
        k = &t[i];
        v = &t[i + 1u];
        if (k->type != JSMN_STRING || k->size != 1) {
            return ASC_E_JSON; /* every key a string with exactly one value */
        }
        for (f = 0; f < 7u; f++) {
            if (key_is(js, k, k_fields[f].name)) {
                break;
            }
        }
        if (f < 7u) {
            unsigned bit = k_fields[f].bit;
            if ((seen & bit) != 0u) {
                return ASC_E_JSON; /* a known key twice: ambiguous */
            }
            seen |= bit;
            if (bit == ASC_RESULT_HAS_DATA) {
                int b = bool_of(js, v);
                /* Raw text of the value, quotes included for strings. */
                int s0 = v->type == JSMN_STRING ? v->start - 1 : v->start;
                int e0 = v->type == JSMN_STRING ? v->end + 1 : v->end;
                r->data_json.ptr = js + s0;
                r->data_json.len = (size_t)(e0 - s0);
                if (b >= 0) {
                    r->data = b == 1;
                    r->present |= bit;
                } else if (!is_null(js, v) && (flags & ASC_BIND_DATA_ANY) == 0u) {
                    return ASC_E_JSON;
                }
            } else if (bit == ASC_RESULT_HAS_SUCCESS) {
                int b = bool_of(js, v);
                if (b >= 0) {
                    r->success = b == 1;
                    r->present |= bit;
                } else if (!is_null(js, v)) {
                    return ASC_E_JSON;
                }
            } else if (!is_null(js, v)) {
                char *out;
                size_t cap;
                switch (bit) {
                case ASC_RESULT_HAS_CODE:
                    out = r->code; cap = sizeof r->code; break;
                case ASC_RESULT_HAS_MESSAGE:
                    out = r->message; cap = sizeof r->message; break;
                case ASC_RESULT_HAS_REQUEST_ID:
                    out = r->request_id; cap = sizeof r->request_id; break;
                case ASC_RESULT_HAS_HOST_ID:
                    out = r->host_id; cap = sizeof r->host_id; break;
                default:
                    out = r->recommend; cap = sizeof r->recommend; break;
                }
                st = text_field(r, js, v, out, cap, bit == ASC_RESULT_HAS_CODE);
                if (st != ASC_OK) {
                    return st;
                }
                r->present |= bit;
            }
        }
        i = skip_value(t, ntok, i + 1u);
    }
    if (i != ntok) {
        return ASC_E_JSON; /* tokens not accounted for by the pairs */
    }

    {
        bool http_ok = http_status >= 200 && http_status <= 299;
        bool code_200 = strcmp(r->code, "200") == 0;
        bool code_ok = (r->present & ASC_RESULT_HAS_CODE) == 0u || code_200;
        bool succ_ok = (r->present & ASC_RESULT_HAS_SUCCESS) == 0u || r->success;
        asc_span cs;
        if (http_ok && code_ok && succ_ok) {
            r->error = ASC_ERR_NONE;
        } else if ((r->present & ASC_RESULT_HAS_CODE) != 0u && !code_200) {
            cs.ptr = r->code;
            cs.len = strlen(r->code);
            r->error = asc_error_code_from(cs);
            if (r->error == ASC_ERR_NONE) {
                r->error = ASC_ERR_UNKNOWN; /* empty Code on a failure */
            }
        } else {
            r->error = ASC_ERR_UNKNOWN;
        }
    }
    return ASC_OK;
}
