/*
 * src/json.c - bind a response body to asc_result. The only file that
 * includes jsmn.
 *
 * jsmn (parent links; strict mode with ASC_STRICT_PARSING) checks nesting,
 * escape syntax in strings and, in strict mode, that keys are strings and
 * primitives start like JSON ones. It does not check the bytes between tokens
 * (`{"a"}`, `{"a":1 "b":2}`, `[1:2]`, trailing garbage, a second top-level
 * value), the spelling of primitives (`tru`, `01`, `1.`, `-`), raw bytes in
 * strings, and it stops silently at a NUL byte. One iterative walk over the
 * tokens in document order adds all of that (ASC_STRICT_PARSING; the lean
 * profile binds the known keys and checks only those): the gap before each token and
 * before each closing bracket must be whitespace plus exactly the expected
 * separator, each primitive must be true/false/null or an RFC 8259 number,
 * each string must decode (UTF-8, no control bytes, no lone surrogates).
 * Known top-level keys are bound on the way; on any error r is cleared.
 *
 * Tokens live in caller memory (the client passes the unused tail of its
 * work buffer), not on the stack: the token count of a body is unbounded,
 * and no fixed array would fit the stack budget of the call chain.
 */
#include <limits.h>
#include <string.h>
#include "asc_result.h"
#include "util.h"

#define JSMN_STATIC
#if ASC_STRICT_PARSING
#define JSMN_STRICT
#endif
#define JSMN_PARENT_LINKS
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

/* k_tab.words: length-prefixed words: 0..2 literals, 3..9 the known keys in
 * the order of the ASC_RESULT_HAS_* bits. k_tab.off: the text fields, in
 * struct order; each one's size is the next offset minus its own (the char
 * arrays are contiguous, checked below). One table, one address. */
static const struct {
    char words[71];
    unsigned short off[6];
} k_tab = {
    "\4" "true" "\5" "false" "\4" "null"
    "\4" "Data" "\7" "Success" "\4" "Code" "\7" "Message"
    "\11" "RequestId" "\6" "HostId" "\11" "Recommend",
    { offsetof(asc_result, code), offsetof(asc_result, message),
      offsetof(asc_result, request_id), offsetof(asc_result, host_id),
      offsetof(asc_result, recommend),
      offsetof(asc_result, recommend) + ASC_RECOMMEND_MAX },
};
#define N_WORDS 10u
typedef char asc_text_fields_contiguous[
    (offsetof(asc_result, message) == offsetof(asc_result, code) + ASC_CODE_MAX &&
     offsetof(asc_result, request_id) == offsetof(asc_result, message) + ASC_MESSAGE_MAX &&
     offsetof(asc_result, host_id) == offsetof(asc_result, request_id) + ASC_REQUEST_ID_MAX &&
     offsetof(asc_result, recommend) == offsetof(asc_result, host_id) + ASC_HOST_ID_MAX &&
     offsetof(asc_result, recommend) + ASC_RECOMMEND_MAX <= 0xFFFFu &&
     offsetof(asc_result, success) == offsetof(asc_result, data) + 1u &&
     ASC_CODE_MAX >= 4) ? 1 : -1];

/* Index of p[0..n) in k_tab.words, N_WORDS when absent. */
static unsigned find(const char *p, size_t n)
{
    const char *w = k_tab.words;
    unsigned k;
    for (k = 0; k < N_WORDS; k++, w += (unsigned char)*w + 1u) {
        if (n == (unsigned char)*w && memcmp(p, w + 1, n) == 0) {
            break;
        }
    }
    return k;
}

/*
 * Decode the contents s[0..e - s) of a jsmn string token (so every escape is
 * complete and well-formed: \uXXXX has its 4 hex digits) into o[0..end - o),
 * end > o, NUL-terminated, whole characters only. Returns -1 on a raw
 * control byte, a lone surrogate escape, a multi-byte character cut by the
 * end of the string or (ASC_STRICT_PARSING) any other invalid UTF-8; 1 when
 * cut, else 0. Lean: raw bytes are copied as they are, a lead byte and the
 * continuation bytes it announces as one unit.
 */
/* Out of line (ASC_NOINLINE): smaller than inlined into the walk. */
static ASC_NOINLINE int decode(const uint8_t *s, const uint8_t *e, char *o, const char *end)
{
    size_t len, k;
    uint32_t hi = 0; /* a pending \uD800..\uDBFF (H), as H - 0xD7FF */
    while (s < e) {
        const uint8_t *src = s;
        uint32_t cp = *s, m, w = 0; /* w: the bytes to copy, first lowest */
        if (cp == '\\') {
            /* jsmn let only valid escapes through: " / \ stand for
             * themselves; b f n r t (bits 2..4: 0 1 3 4 5) for 8 + the
             * 3-bit field at 3 times that in 0xD420 */
            cp = s[1];
            s += 2;
            if (cp == 'u') {
                for (cp = 0, k = 0; k < 4u; k++, s++) {
                    cp = cp << 4 | ((*s & 15u) + 9u * (*s >> 6)); /* hex */
                }
            } else if (cp > 'a') {
                cp = 8u + ((0xD420u >> (3u * ((cp >> 2) & 7u))) & 7u);
            }
            if (hi != 0u) {
                if (cp - 0xDC00u >= 0x400u) {
                    return -1;
                }
                /* 0x10000 + ((H - 0xD800) << 10) + (cp - 0xDC00) */
                cp += (hi << 10) + 0x2000u;
                hi = 0;
            } else if (cp - 0xD800u < 0x800u) {
                if (cp >= 0xDC00u) {
                    return -1; /* a lone low surrogate */
                }
                hi = cp - 0xD7FFu; /* H - 0xD7FF: 1..0x400 */
                continue;
            }
        } else {
            s++;
            if (hi != 0u || cp < 0x20u) {
                return -1;
            }
            if (cp >= 0x80u) {
                len = cp < 0xE0u ? 2u : (cp >> 4) - 11u; /* 0xE_: 3, 0xF_: 4 */
                if (len > (size_t)(e - src)) {
                    return -1;
                }
                s = src + len;
                for (k = len; k-- > 0u;) {
                    w = w << 8 | src[k];
                }
#if ASC_STRICT_PARSING
                for (cp &= 0x7Fu >> len, k = 1; k < len; k++) {
                    cp = cp << 6 | (src[k] & 0x3Fu);
                }
                if (cp - 0xD800u < 0x800u || cp > 0x10FFFFu) {
                    return -1; /* an encoded surrogate, or beyond Unicode */
                }
#else
                goto copy;
#endif
            }
        }
        {
            /* UTF-8, from the last byte back: continuation bytes while cp
             * exceeds what the lead byte can hold (m: 7, 5, 4, 3 bits) */
            uint32_t x = 0;
            for (len = 1, m = 0x7Fu; cp > m; len++, cp >>= 6, m = (m >> 1) & 0x1Fu) {
                x = x << 8 | 0x80u | (cp & 0x3Fu);
            }
            x = x << 8 | cp | ((~m << 1) & 0xFFu);
#if ASC_STRICT_PARSING
            if (*src >= 0x80u && x != w) {
                return -1;
            }
#endif
            w = x;
        }
#if !ASC_STRICT_PARSING
    copy:
#endif
        if (len < (size_t)(end - o)) {
            for (k = len; k > 0u; k--, w >>= 8) {
                *o++ = (char)(w & 0xFFu);
            }
        } else {
            end = o; /* cut: nothing after fits */
        }
    }
    *o = '\0';
    return hi != 0u ? -1 : o == end;
}

#if ASC_STRICT_PARSING
static ASC_NOINLINE size_t digits(const char *p, size_t n, size_t i)
{
    while (i < n && p[i] >= '0' && p[i] <= '9') {
        i++;
    }
    return i;
}

/* p[0..n), n >= 1, is an RFC 8259 number. */
static ASC_NOINLINE bool number(const char *p, size_t n)
{
    size_t i = p[0] == '-', j = digits(p, n, i);
    if (j == i || (p[i] == '0' && j > i + 1u)) {
        return false;
    }
    if (j < n && p[j] == '.') {
        i = j + 1u;
        j = digits(p, n, i);
        if (j == i) {
            return false;
        }
    }
    if (j < n && (p[j] | 0x20) == 'e') {
        i = j + 1u;
        if (i < n && (p[i] == '+' || p[i] == '-')) {
            i++;
        }
        j = digits(p, n, i);
        if (j == i) {
            return false;
        }
    }
    return j == n;
}

#define NO_SEP 256 /* equals no char */

/*
 * js[a..b) is whitespace and closing brackets, then exactly one sep (none
 * for NO_SEP) and whitespace. The brackets are the containers jsmn closed
 * there (it pairs every bracket with an open container), so only their
 * place needs checking: never after a separator.
 */
static bool gap(const char *js, size_t a, size_t b, int sep)
{
    size_t m = 6; /* " \t\n\r]}" before the separator, " \t\n\r" after */
    for (; a < b; a++) {
        if (js[a] == sep && m == 6u) {
            m = 4;
        } else if (memchr(" \t\n\r]}", js[a], m) == NULL) {
            return false;
        }
    }
    return m == 4u || sep == NO_SEP;
}

/*
 * The strict checks of token i: the gap before it, primitive spelling,
 * the structure jsmn lets through, every string decodes. *cur is where
 * the previous token's text ended.
 */
static ASC_NOINLINE bool strict_token(const char *js, const jsmntok_t *t, int i,
                                      size_t *cur)
{
    const jsmntok_t *k = &t[i];
    const char *kp = js + k->start;
    size_t kl = (size_t)(k->end - k->start);
    bool str = k->type == JSMN_STRING;
    int p = k->parent, sep = NO_SEP;
    char dummy;
    if (p >= 0) {
        sep = p != i - 1 ? ',' : NO_SEP;
        if (t[p].type == JSMN_STRING) {
            sep = ':';
        }
    } else if (i > 0) {
        return false; /* a second top-level value */
    }
    if (!gap(js, *cur, (size_t)k->start - str, sep)) {
        return false;
    }
    *cur = (size_t)(k->type <= JSMN_ARRAY ? k->start + 1 : k->end + str);
    if (k->type == JSMN_PRIMITIVE) {
        return k->size == 0 && (find(kp, kl) <= 2u || number(kp, kl));
    }
    /* A key (child of an object) has one child, its value, which starts
     * inside the object (jsmn takes a ':' after the object's end too). Any
     * other string has none. */
    return !str || (k->size == (t[p].type == JSMN_OBJECT) &&
                    (k->size == 0 || k[1].start < t[p].end) &&
                    decode((const uint8_t *)kp, (const uint8_t *)kp + kl, &dummy, &dummy + 1) >= 0);
}
#endif

size_t asc_json_token_size(void) { return sizeof(jsmntok_t); }

void asc_result_clear(asc_result *r)
{
    if (r != NULL) {
        memset(r, 0, sizeof *r);
        r->error = ASC_ERR_NONE;
    }
}

/* jp and t are never NULL (js is when len is 0): lets jsmn drop its
 * token-counting mode (tokens == NULL). */
#if defined(__GNUC__) || defined(__clang__)
#define ASC_NONNULL __attribute__((nonnull(1, 4)))
#else
#define ASC_NONNULL
#endif

static ASC_NOINLINE ASC_NONNULL int tokenize(jsmn_parser *jp, const char *js, size_t len,
                                             jsmntok_t *t, unsigned ntok)
{
    jsmn_init(jp);
    return jsmn_parse(jp, js, len, t, ntok);
}

typedef struct tok_align {
    char c;
    jsmntok_t t;
} tok_align;

static asc_status walk(asc_result *r, const char *js, size_t len,
                       unsigned flags, void *scratch, size_t scratch_len)
{
    jsmn_parser jp;
    jsmntok_t *t;
    const jsmntok_t *k;
    size_t ntok;
    size_t pad = (0u - (uintptr_t)scratch) % offsetof(tok_align, t);
    unsigned seen = 0, f = 7;
    int n;
#if ASC_STRICT_PARSING
    size_t cur = 0;
#endif

    if (js == NULL && len > 0u) {
        return ASC_E_INVALID_ARG;
    }
    if (scratch == NULL || len > (size_t)INT_MAX - 1u ||
        scratch_len < pad + sizeof(jsmntok_t)) {
        return ASC_E_RESPONSE_TOO_LARGE; /* INT_MAX: jsmn positions are ints */
    }
    ntok = (scratch_len - pad) / sizeof(jsmntok_t);
    t = (jsmntok_t *)(void *)((unsigned char *)scratch + pad);
#if SIZE_MAX > UINT_MAX
    if (ntok > UINT_MAX) {
        ntok = UINT_MAX; /* jsmn counts in unsigned */
    }
#endif
    n = tokenize(&jp, js, len, t, (unsigned)ntok);
    if (n == JSMN_ERROR_NOMEM) {
        return ASC_E_RESPONSE_TOO_LARGE;
    }
    if (n < 1 || t[0].type != JSMN_OBJECT) {
        return ASC_E_JSON;
    }
    for (k = t; k < t + n; k++) {
        /* k: the value of known key f (the previous token), or a
         * top-level key (a string; non-strict jsmn also makes other tokens
         * keys, never known ones). */
        const char *vp = js + k->start;
        size_t vl = (size_t)(k->end - k->start);
        bool str = k->type == JSMN_STRING;
        unsigned w = find(vp, vl), bit = 1u << f;
#if ASC_STRICT_PARSING
        if (!strict_token(js, t, (int)(k - t), &cur)) {
            return ASC_E_JSON;
        }
#endif
        if (f < 7u) {
            if (f == 0u) { /* raw text, quotes included for strings */
                r->data_json.ptr = vp - str;
                r->data_json.len = vl + (size_t)str * 2u;
            }
            if (!str && w == 2u) {
                /* null counts as absent */
            } else if (f < 2u) { /* Data, Success: boolean or "true"/"false" */
                if (w < 2u) {
                    /* data or success (contiguous, checked above), as the
                     * byte 1 or 0 (w: 0 true, 1 false) */
                    *((unsigned char *)r + offsetof(asc_result, data) + f) =
                        (unsigned char)(1u - w);
                    r->present |= bit;
                } else if (f != 0u || (flags & ASC_BIND_DATA_ANY) == 0u) {
                    return ASC_E_JSON;
                }
            } else if (str || (f == 2u && strspn(vp, "0123456789+-.eE") == vl)) {
                /* text; Code may be a number */
                int d = decode((const uint8_t *)vp, (const uint8_t *)vp + vl,
                               (char *)r + k_tab.off[f - 2u], (char *)r + k_tab.off[f - 1u]);
                if (d < 0) {
                    return ASC_E_JSON;
                }
                if (d != 0) {
                    r->truncated = true;
                }
                r->present |= bit;
            } else {
                return ASC_E_JSON;
            }
        }
        if (k->parent != 0 || w - 3u >= 7u || !str) {
            f = 7; /* not a known key of the top-level object */
            continue;
        }
        f = w - 3u;
        if (k->size != 1 || k[1].start >= t[0].end) {
            return ASC_E_JSON; /* no value, two, or one after the object */
        }
        bit = 1u << f;
        if ((seen & bit) != 0u) {
            return ASC_E_JSON; /* a known key twice: ambiguous */
        }
        seen |= bit;
    }
#if ASC_STRICT_PARSING
    if (!gap(js, cur, len, NO_SEP)) {
        return ASC_E_JSON;
    }
#endif
    return ASC_OK;
}

asc_status asc_result_bind(asc_result *r, asc_span body, int http_status,
                           unsigned flags, void *scratch, size_t scratch_len)
{
    asc_status st;
    union {
        char c[4];
        uint32_t w;
    } c4, k200 = { "200" }; /* code[0..4) vs "200" (with its NUL), as words */
    if (r == NULL) {
        return ASC_E_INVALID_ARG;
    }
    asc_result_clear(r);
    st = walk(r, body.ptr, body.len, flags, scratch, scratch_len);
    memcpy(c4.c, r->code, sizeof c4.c);
    if (st != ASC_OK) {
        asc_result_clear(r);
    } else if ((unsigned)http_status - 200u > 99u ||
               ((r->present & ASC_RESULT_HAS_CODE) != 0u && c4.w != k200.w) ||
               ((r->present & ASC_RESULT_HAS_SUCCESS) != 0u && !r->success)) {
        /* "" (no Code) maps to ASC_ERR_NONE, "200" to ASC_ERR_UNKNOWN */
        asc_error_code e = asc_error_code_from(asc_span_from_str(r->code));
        r->error = e == ASC_ERR_NONE ? ASC_ERR_UNKNOWN : e;
    }
    r->http_status = http_status;
    r->body = body;
    return st;
}
