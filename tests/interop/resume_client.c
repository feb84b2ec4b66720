/*
 * tests/interop/resume_client.c CA_FILE PORT HOST IMAGE [HOST IMAGE ...] -
 * one asc_tls kept across several DeleteImage calls, one asc_client (and so
 * one TLS connection) per call, in order: the saved session of a call is
 * offered to the next one only when HOST and PORT are the same (issue 20
 * item 1). Prints one line per call: "<status> resumed=<0|1>".
 * tests/interop/test_nginx.py compares with nginx's $ssl_session_reused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc.h"
#include "asc_client.h"
#include "asc_port_posix.h"
#include "asc_tls.h"

static uint8_t work[8192], arena[96 * 1024], ca[65536];
static asc_tls tls;
static asc_client client;
static asc_result res;

int main(int argc, char **argv)
{
    asc_port port;
    asc_port_posix posix;
    asc_client_config cfg;
    asc_status st;
    size_t n;
    int i, bad = 0;
    FILE *f;

    if (argc < 5 || argc % 2 != 1) {
        fprintf(stderr, "usage: resume_client CA_FILE PORT HOST IMAGE [HOST IMAGE ...]\n");
        return 2;
    }
    f = fopen(argv[1], "rb");
    if (f == NULL) {
        return 2;
    }
    n = fread(ca, 1, sizeof ca - 1, f);
    fclose(f);
    ca[n] = 0;
    asc_port_posix_init(&port, &posix);
    if (asc_tls_arena_init(arena, sizeof arena) != ASC_OK) {
        fprintf(stderr, "resume_client: no arena (mbedTLS 2.28: heap)\n");
    }
    if (asc_tls_init(&tls, &port, ca, n + 1) != ASC_OK) {
        fprintf(stderr, "resume_client: bad CA file\n");
        return 2;
    }
    for (i = 3; i + 1 < argc; i += 2) {
        asc_client_config_defaults(&cfg);
        cfg.host = argv[i];
        cfg.port = (uint16_t)strtoul(argv[2], NULL, 10);
        cfg.max_attempts = 1;
        cfg.creds.access_key_id = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"));
        cfg.creds.access_key_secret = asc_span_from_str(getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        st = asc_client_init(&client, &cfg, &port, &tls, work, sizeof work);
        if (st == ASC_OK) {
            st = asc_delete_image(&client, asc_span_from_str(argv[i + 1]), &res);
        }
        printf("%s resumed=%d\n", asc_status_str(st), asc_tls_resumed(&tls));
        bad |= st != ASC_OK;
        asc_client_close(&client);
    }
    asc_tls_free(&tls);
    return bad;
}
