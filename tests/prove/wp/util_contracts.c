/* tests/prove/wp/util_contracts.c - ACSL contracts of simple helpers of
 * src/util.c, proven by Frama-C WP (make prove-wp, mk/wp.mk; see
 * tests/prove/WP.md). Only Frama-C reads this file: it declares the same
 * global functions as src/util.h, each with a contract, and Frama-C merges
 * a contract on a declaration with the definition in src/util.c when both
 * files are analysed together. No ACSL is in src/.
 *
 * Helpers with a loop (asc_hex_lower, the encoder) are not here: WP needs
 * loop invariants, which can only be written inside the loop (WP.md). */
#include <limits.h>
#include <string.h>
#include "util.h"

/*@ assigns \nothing;
    behavior digit:
      assumes '0' <= c <= '9';
      ensures \result == c - '0';
    behavior lower:
      assumes 'a' <= c <= 'f';
      ensures \result == c - 'a' + 10;
    behavior upper:
      assumes 'A' <= c <= 'F';
      ensures \result == c - 'A' + 10;
    behavior none:
      assumes !('0' <= c <= '9') && !('a' <= c <= 'f') && !('A' <= c <= 'F');
      ensures \result == 16;
    complete behaviors;
    disjoint behaviors;
*/
unsigned asc_hex_digit_value(uint8_t c);

/*@ requires word: valid_read_string(word) && strlen(word) >= 1;
    requires word_init: \initialized(word + (0 .. strlen(word)));
    requires text: \valid_read(p + (0 .. n - 1)) && \initialized(p + (0 .. n - 1));
    assigns \nothing;
    ensures equal: \result != 0 <==>
        (n == strlen(word) && \forall integer i; 0 <= i < n ==> p[i] == word[i]);
*/
bool asc_text_is(const char *p, size_t n, const char *word);

/*@ requires s == \null || valid_read_string(s);
    assigns \nothing;
    behavior null:
      assumes s == \null;
      ensures \result.ptr == \null && \result.len == 0;
    behavior str:
      assumes s != \null;
      ensures \result.ptr == s && \result.len == strlen(s);
    complete behaviors;
    disjoint behaviors;
*/
asc_span asc_span_from_str(const char *s);

/*@ requires \valid(o);
    assigns *o;
    ensures o->buf == buf && o->len == 0 && o->md == \null && o->enc == 0;
    ensures buf != \null ==> o->cap == cap;
    ensures buf == \null ==> o->cap == 0;
*/
void asc_out_init(asc_out *o, uint8_t *buf, size_t cap);

/* asc_out_put without encoding and without hash (and trace, FULL=1): the
 * bytes as they are (out_raw, inlined by -inline-calls). Nothing is
 * written outside buf[len..cap), len counts every byte (saturating). The
 * bytes are read as char, as memcpy's contract does. */
/*@ requires \valid(o);
    requires raw: o->enc == 0 && o->md == \null;
#if ASC_ENABLE_TOOLS
    requires no_trace: o->trace == \null;
#endif
    requires buf: \valid((char *)o->buf + (0 .. o->cap - 1));
    requires in: \valid_read((char *)p + (0 .. n - 1));
    requires sep: \separated(o, (char *)o->buf + (0 .. o->cap - 1), (char *)p + (0 .. n - 1));
    assigns o->len, ((char *)o->buf)[o->len .. o->cap - 1];
    ensures len: o->len == (\old(o->len) > SIZE_MAX - n ? SIZE_MAX : \old(o->len) + n);
    ensures copied: \old(o->len) < o->cap ==>
        memcmp{Post,Pre}((char *)(o->buf + \old(o->len)), (char *)p,
                         \min(n, o->cap - \old(o->len))) == 0;
*/
void asc_out_put(asc_out *o, const void *p, size_t n);


/* asc_out_span: asc_out_put of the span (proven with asc_out_put's
 * contract above, as every caller would be). */
/*@ requires \valid(o);
    requires raw: o->enc == 0 && o->md == \null;
#if ASC_ENABLE_TOOLS
    requires no_trace: o->trace == \null;
#endif
    requires buf: \valid((char *)o->buf + (0 .. o->cap - 1));
    requires in: \valid_read(s.ptr + (0 .. s.len - 1));
    requires sep: \separated(o, (char *)o->buf + (0 .. o->cap - 1), s.ptr + (0 .. s.len - 1));
    assigns o->len, ((char *)o->buf)[o->len .. o->cap - 1];
    ensures len: o->len == (\old(o->len) > SIZE_MAX - s.len ? SIZE_MAX : \old(o->len) + s.len);
    ensures copied: \old(o->len) < o->cap ==>
        memcmp{Post,Pre}((char *)(o->buf + \old(o->len)), (char *)s.ptr,
                         \min(s.len, o->cap - \old(o->len))) == 0;
*/
void asc_out_span(asc_out *o, asc_span s);
