/*
 * lwipopts_sockets.h - sample lwIP 2.1 options for the asc SOCKETS port
 * (asc_port_lwip_sockets.c, an RTOS with NO_SYS=0). Use it as your
 * lwipopts.h, or #include it from yours after your own overrides (the
 * values marked "override" are #ifndef-guarded).
 *
 * Sized for ONE TLS connection at a time with MTU 1500 (what asc needs),
 * IPv4, DNS, no DHCP/IPv6 (enable what your network needs). Static RAM of
 * lwIP with these values on x86-64 (arm32 is ~15% smaller): see
 * port/lwip/README.md ("RAM"), measured by `make lwip-size`.
 */
#ifndef ASC_LWIPOPTS_SOCKETS_H
#define ASC_LWIPOPTS_SOCKETS_H

/* ---- what the asc sockets port REQUIRES -------------------------------- */
#define NO_SYS                      0
#define LWIP_SOCKET                 1
#define LWIP_NETCONN                1   /* the socket API sits on netconn */
#define LWIP_SO_RCVTIMEO            1   /* OFF by default in lwIP: recv timeouts */
#define LWIP_SO_SNDTIMEO            1   /* OFF by default in lwIP: send timeouts */
#define LWIP_SOCKET_SELECT          1   /* connect timeout (non-blocking connect) */
#define LWIP_TCP                    1
#define LWIP_DNS                    1   /* host names (lwip_getaddrinfo); IP literals work without */
#define LWIP_UDP                    1   /* DNS runs over UDP */
#define LWIP_COMPAT_SOCKETS         0   /* the port calls lwip_*(); keeps POSIX names free */
#define LWIP_POSIX_SOCKETS_IO_NAMES 0

/* ---- static memory only (no libc malloc anywhere in lwIP) ------------- */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#ifndef MEM_ALIGNMENT               /* override: 4 on 32-bit MCUs, 8 on 64-bit hosts */
#define MEM_ALIGNMENT               4
#endif
/* Heap for PBUF_RAM: outgoing TCP segments (a TLS record of 4 KiB + headers
 * is copied here by lwip_send), ARP queue, DNS names. */
#ifndef MEM_SIZE                    /* override */
#define MEM_SIZE                    (10 * 1024)
#endif

/* ---- TCP: one connection, full-size segments --------------------------- */
#define TCP_MSS                     1460
#define TCP_WND                     (4 * TCP_MSS)   /* 5840: receive window */
#define TCP_SND_BUF                 (4 * TCP_MSS)
#define TCP_SND_QUEUELEN            ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define MEMP_NUM_TCP_SEG            TCP_SND_QUEUELEN
#define MEMP_NUM_TCP_PCB            2   /* one live + one in TIME_WAIT/closing */
#define MEMP_NUM_TCP_PCB_LISTEN     1
#define LWIP_TCP_KEEPALIVE          0
/* Receive pool: a full window of MSS-sized pbufs plus room for ARP/DNS. */
#define PBUF_POOL_SIZE              10
#define MEMP_NUM_PBUF               8

/* ---- sequential API / sockets ------------------------------------------ */
#define MEMP_NUM_NETCONN            2
#define MEMP_NUM_NETBUF             2
#define MEMP_NUM_UDP_PCB            2   /* DNS + one spare */
#define MEMP_NUM_NETDB              1   /* lwip_getaddrinfo result */
#define MEMP_NUM_TCPIP_MSG_API      8
#define MEMP_NUM_TCPIP_MSG_INPKT    8
#define MEMP_NUM_SYS_TIMEOUT        (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define LWIP_SOCKET_POLL            0
#define LWIP_TCPIP_CORE_LOCKING     1
#define TCPIP_MBOX_SIZE             8
#define DEFAULT_TCP_RECVMBOX_SIZE   8
#define DEFAULT_UDP_RECVMBOX_SIZE   4
#define DEFAULT_ACCEPTMBOX_SIZE     2
#define SYS_LIGHTWEIGHT_PROT        1

/* ---- DNS ---------------------------------------------------------------- */
#define DNS_TABLE_SIZE              2
#define DNS_MAX_NAME_LENGTH         128 /* the endpoint name, with margin */
#define DNS_MAX_SERVERS             2

/* ---- IP and link -------------------------------------------------------- */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0
#define LWIP_ARP                    1
#define LWIP_ETHERNET               1
#define ARP_TABLE_SIZE              4
#define IP_REASSEMBLY               0   /* TCP segments fit the MTU */
#define IP_FRAG                     0
#define LWIP_ICMP                   1
#define LWIP_DHCP                   0   /* enable if your network needs it */
#define LWIP_IGMP                   0
#define LWIP_RAW                    0
#define LWIP_NETIF_API              0

#ifndef LWIP_STATS                  /* override */
#define LWIP_STATS                  0
#endif

#endif /* ASC_LWIPOPTS_SOCKETS_H */
