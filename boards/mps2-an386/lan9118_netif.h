/*
 * lan9118_netif.h - lwIP (2.1, NO_SYS=1) network interface over the
 * LAN9118 driver. Board support: it lives with the board, not in the asc
 * library or its lwIP port.
 *
 *     static lan9118 nic;                    // chip state, set up by init
 *     static lan9118_netif_config cfg = { BOARD_LAN9118_BASE, NULL, 1 };
 *     netif_add(&nif, &ip, &mask, &gw, &cfg, lan9118_netif_init, ethernet_input);
 *     // the IRQ line's handler: lan9118_isr(lan9118_netif_chip(&nif))
 *     // each main-loop turn:    lan9118_netif_poll(&nif); sys_check_timeouts();
 *
 * Receive: with use_irq the interrupt only flags that frames arrived;
 * lan9118_netif_poll moves them from the chip FIFO into PBUF_POOL pbufs and
 * hands them to netif->input, always in the main loop (lwIP is not
 * reentrant). Without use_irq, lan9118_netif_poll looks at the chip's RX
 * status FIFO on every call (the polled fallback). Link state follows the
 * PHY (interrupt, or a read every LAN9118_NETIF_LINK_POLL_MS when polled).
 */
#ifndef LAN9118_NETIF_H
#define LAN9118_NETIF_H

#include <stdint.h>

#include "lan9118.h"
#include "lwip/err.h"
#include "lwip/netif.h"

#ifndef LAN9118_NETIF_LINK_POLL_MS
#define LAN9118_NETIF_LINK_POLL_MS 500u
#endif

/** What netif_add's state argument points to (read by lan9118_netif_init;
 *  must outlive the netif: netif->state keeps pointing to it). */
typedef struct lan9118_netif_config {
    uintptr_t base;        /* register block                              */
    const uint8_t *mac;    /* station address, or NULL: the chip's EEPROM  */
    int use_irq;           /* 1: the board calls lan9118_isr from the IRQ */
    lan9118 chip;          /* the driver's state (filled by init)          */
    uint32_t last_link_check_ms;
    lan9118_err init_error;/* why lan9118_netif_init failed               */
} lan9118_netif_config;

/** netif_add init function: resets the chip, fills in the netif (MAC,
 *  MTU 1500, broadcast + ARP, link down until the PHY reports up). */
err_t lan9118_netif_init(struct netif *nif);

/** The chip behind a netif (for the interrupt handler). */
lan9118 *lan9118_netif_chip(struct netif *nif);

/** One service turn: move every received frame to lwIP, follow the link.
 *  Main loop only. Returns the number of frames handed to lwIP. */
uint32_t lan9118_netif_poll(struct netif *nif);

/** Non-zero when lan9118_netif_poll has work (interrupt flag, or a frame
 *  waiting when polled): the wake condition of the board's sleep. */
int lan9118_netif_has_work(void *nif);

#endif /* LAN9118_NETIF_H */
