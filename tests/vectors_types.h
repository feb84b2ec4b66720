/* Types of the generated vector table (tests/gen_vectors.py). */
#ifndef TV_TYPES_H
#define TV_TYPES_H
#include <stddef.h>
typedef struct { const char *n; size_t nl; const char *v; size_t vl; } tv_param;
typedef struct {
    const char *name; size_t name_l;
    int v1, get, in_query, provider;
    const char *host; size_t host_l;
    const char *id; size_t id_l;
    const char *secret; size_t secret_l;
    const char *token; size_t token_l;
    long long ts;
    const char *nonce; size_t nonce_l;
    const char *action; size_t action_l;
    const char *apiver; size_t apiver_l;
    const tv_param *params; unsigned long n_params;
    const tv_param *all; unsigned long n_all;
    int format_upper; /* V1: Format=JSON as our builder sends */
    const char *canonical; size_t canonical_l;
    const char *sts; size_t sts_l;
    const char *sig; size_t sig_l;
    const char *body_hash; size_t body_hash_l;
    const char *sdk_body; size_t sdk_body_l;
    const char *authorization; size_t authorization_l;
    const char *query; size_t query_l;
} tv_case;
typedef struct {
    const char *name; size_t name_l;
    int v3, get;
    const char *host; size_t host_l;
    const char *id; size_t id_l;
    const char *secret; size_t secret_l;
    long long ts;
    const char *nonce; size_t nonce_l;
    const char *action; size_t action_l;
    const char *apiver; size_t apiver_l;
    const tv_param *params; unsigned long n_params;
    const char *sts; size_t sts_l;
    const char *sig; size_t sig_l;
    const char *hashed_canonical; size_t hashed_canonical_l;
    const char *authorization; size_t authorization_l;
} tv_doc;
#endif
