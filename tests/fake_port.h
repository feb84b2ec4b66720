/*
 * tests/fake_port.h - a scripted asc_port for fault injection: canned
 * responses delivered in pieces of any size, EOF or errors at any byte or
 * call, a fake clock (sleep advances it; nothing really sleeps), recorded
 * requests.
 */
#ifndef FAKE_PORT_H
#define FAKE_PORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "asc_port.h"

#define FAKE_MAX_RESP 8
#define FAKE_SENT_CAP 16384

typedef struct fake_resp {
    const char *bytes;
    size_t len;
    bool close_after;      /* peer closes after the response (recv -> CLOSED) */
    long eof_at;           /* >= 0: close after this many bytes */
    long reset_at;         /* >= 0: ASC_PORT_ERR_IO after this many bytes */
    bool stale;            /* peer closed before reading: recv -> CLOSED at once */
} fake_resp;

typedef struct fake_port {
    fake_resp resp[FAKE_MAX_RESP];
    int n_resp;
    size_t chunk;          /* max bytes per recv (0: all available) */
    size_t send_chunk;     /* max bytes per send (0: half of a write over 7 bytes) */
    size_t first_chunk;    /* > 0: size of the first recv of a response */
    long fail_send_call;   /* 1-based send call that fails (0: none) */
    long fail_recv_call;   /* 1-based recv call that fails (0: none) */
    long fail_connect_call;
    asc_status connect_status;
    int64_t utc;           /* < 0: device without a clock */
    uint64_t mono;
    bool rng_fail;
    /* state and records */
    int cur;               /* response being served (-1 none) */
    size_t pos;
    bool connected;
    bool sent_since_recv;
    int requests;
    int connects, closes;
    char connect_host[300];  /* host and port of the last connect */
    uint16_t connect_port;
    long sends, recvs;
    uint64_t slept_ms;
    uint32_t sleeps[16];
    int n_sleeps;
    uint8_t rng;
    char sent[FAKE_MAX_RESP][FAKE_SENT_CAP];
    size_t sent_len[FAKE_MAX_RESP];
} fake_port;

void fake_port_init(fake_port *f, asc_port *port);
/* Queue a response; returns its index. */
int fake_add(fake_port *f, const char *bytes, size_t len);
#endif
