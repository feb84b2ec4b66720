/*
 * tests/loopback.h - a listening TCP socket on 127.0.0.1 (POSIX tests only:
 * the port, TLS and coverage tests that need a real peer).
 */
#ifndef ASC_TEST_LOOPBACK_H
#define ASC_TEST_LOOPBACK_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Listening socket on 127.0.0.1, ephemeral port (into *out_port); -1 on
 * failure. */
static int listen_on(uint16_t *out_port, int backlog)
{
    struct sockaddr_in a;
    socklen_t alen = (socklen_t)sizeof a;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, (socklen_t)sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(fd, (struct sockaddr *)&a, alen) != 0 || listen(fd, backlog) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        close(fd);
        return -1;
    }
    *out_port = ntohs(a.sin_port);
    return fd;
}

#endif
