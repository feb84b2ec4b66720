/*
 * tests/json_ref.h - reference strict JSON checker for the tests (not part
 * of the library): the character-level RFC 8259 validator the binder used
 * before it checked jsmn's tokens instead. Differential tests and the fuzz
 * target compare the binder's verdict with this one.
 *
 * json_ref_check(s, n): JSON_REF_OK when s[0..n) is exactly one JSON value
 * (any type) plus whitespace, UTF-8, no lone surrogate escapes;
 * JSON_REF_DEEP when nesting exceeds 64 (not judged); else JSON_REF_BAD.
 */
#ifndef JSON_REF_H
#define JSON_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { JSON_REF_OK, JSON_REF_BAD, JSON_REF_DEEP };

/* Length (1..4) of the well-formed UTF-8 sequence at s[0..n), 0 if none. */
static size_t json_ref_utf8(const uint8_t *s, size_t n)
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
        lo = c == 0xE0u ? 0xA0u : lo;
        hi = c == 0xEDu ? 0x9Fu : hi;
    } else if (c >= 0xF0u && c <= 0xF4u) {
        len = 4;
        lo = c == 0xF0u ? 0x90u : lo;
        hi = c == 0xF4u ? 0x8Fu : hi;
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

static bool json_ref_hex4(const uint8_t *s, size_t n, uint32_t *out)
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

/* i at the opening quote; on success *end is the index of the closing one. */
static bool json_ref_string(const uint8_t *s, size_t n, size_t i, size_t *end)
{
    for (i++; i < n;) {
        uint8_t c = s[i];
        uint32_t cp, lo;
        if (c == '"') {
            *end = i;
            return true;
        }
        if (c < 0x20u) {
            return false;
        }
        if (c != '\\') {
            size_t k = json_ref_utf8(s + i, n - i);
            if (k == 0u) {
                return false;
            }
            i += k;
            continue;
        }
        if (i + 1u >= n) {
            return false;
        }
        c = s[i + 1u];
        if (c != 'u') {
            if (c != '"' && c != '\\' && c != '/' && c != 'b' && c != 'f' &&
                c != 'n' && c != 'r' && c != 't') {
                return false;
            }
            i += 2u;
            continue;
        }
        if (!json_ref_hex4(s + i + 2u, n - i - 2u, &cp) ||
            (cp >= 0xDC00u && cp <= 0xDFFFu)) {
            return false;
        }
        i += 6u;
        if (cp >= 0xD800u && cp <= 0xDBFFu) {
            if (n - i < 6u || s[i] != '\\' || s[i + 1u] != 'u' ||
                !json_ref_hex4(s + i + 2u, n - i - 2u, &lo) || lo < 0xDC00u ||
                lo > 0xDFFFu) {
                return false;
            }
            i += 6u;
        }
    }
    return false;
}

static bool json_ref_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* i at '-' or a digit; returns the index after the number, 0 on error. */
static size_t json_ref_number(const uint8_t *s, size_t n, size_t i)
{
    if (s[i] == '-') {
        i++;
    }
    if (i >= n || !json_ref_digit(s[i])) {
        return 0;
    }
    if (s[i] == '0') {
        i++;
    } else {
        while (i < n && json_ref_digit(s[i])) {
            i++;
        }
    }
    if (i < n && s[i] == '.') {
        if (++i >= n || !json_ref_digit(s[i])) {
            return 0;
        }
        while (i < n && json_ref_digit(s[i])) {
            i++;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        if (i >= n || !json_ref_digit(s[i])) {
            return 0;
        }
        while (i < n && json_ref_digit(s[i])) {
            i++;
        }
    }
    return i;
}

static size_t json_ref_literal(const uint8_t *s, size_t n, size_t i)
{
    static const char *const lits[3] = { "true", "false", "null" };
    size_t k, l;
    for (k = 0; k < 3u; k++) {
        for (l = 0; lits[k][l] != '\0' && i + l < n && s[i + l] == (uint8_t)lits[k][l]; l++) {
        }
        if (lits[k][l] == '\0') {
            return i + l;
        }
    }
    return 0;
}

enum { JR_VALUE, JR_ARR_FIRST, JR_OBJ_FIRST, JR_KEY, JR_COLON, JR_NEXT, JR_DONE };

static int json_ref_check(const void *text, size_t n)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t i = 0;
    uint64_t stack = 0; /* bit d set: level d is an object */
    unsigned depth = 0;
    int state = JR_VALUE;
    for (;;) {
        uint8_t c;
        bool close = false, value = false;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
            i++;
        }
        if (i >= n) {
            break;
        }
        c = s[i];
        switch (state) {
        case JR_DONE:
            return JSON_REF_BAD;
        case JR_COLON:
            if (c != ':') {
                return JSON_REF_BAD;
            }
            i++;
            state = JR_VALUE;
            break;
        case JR_OBJ_FIRST:
        case JR_KEY:
            if (state == JR_OBJ_FIRST && c == '}') {
                close = true;
            } else if (c != '"' || !json_ref_string(s, n, i, &i)) {
                return JSON_REF_BAD;
            } else {
                i++;
                state = JR_COLON;
            }
            break;
        case JR_NEXT:
            if (c == ',') {
                i++;
                state = ((stack >> (depth - 1u)) & 1u) ? JR_KEY : JR_VALUE;
            } else if (c == (((stack >> (depth - 1u)) & 1u) ? '}' : ']')) {
                close = true;
            } else {
                return JSON_REF_BAD;
            }
            break;
        default: /* JR_VALUE, JR_ARR_FIRST */
            if (state == JR_ARR_FIRST && c == ']') {
                close = true;
            } else if (c == '{' || c == '[') {
                if (depth >= 64u) {
                    return JSON_REF_DEEP;
                }
                if (c == '{') {
                    stack |= (uint64_t)1u << depth;
                } else {
                    stack &= ~((uint64_t)1u << depth);
                }
                depth++;
                i++;
                state = c == '{' ? JR_OBJ_FIRST : JR_ARR_FIRST;
            } else if (c == '"') {
                if (!json_ref_string(s, n, i, &i)) {
                    return JSON_REF_BAD;
                }
                i++;
                value = true;
            } else {
                i = (c == '-' || json_ref_digit(c)) ? json_ref_number(s, n, i)
                                                    : json_ref_literal(s, n, i);
                if (i == 0u) {
                    return JSON_REF_BAD;
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
            state = depth > 0u ? JR_NEXT : JR_DONE;
        }
    }
    return state == JR_DONE ? JSON_REF_OK : JSON_REF_BAD;
}

#endif /* JSON_REF_H */
