/*
 * lan9118.h - SMSC LAN9118 (and register-compatible LAN911x / LAN9220)
 * Ethernet controller: the chip, without any TCP/IP stack. The lwIP
 * binding is lan9118_netif.h.
 *
 * Written from the chip's public register description and what the public
 * drivers and QEMU's model (hw/net/lan9118.c) show about it; no code taken
 * from them. 32-bit bus, PIO (no DMA), internal PHY at MII address 1.
 *
 * Receive is interrupt-driven when the board wires the chip's IRQ line
 * (lan9118_isr from the line's handler): the handler only acknowledges the
 * chip and raises a flag, frames stay in the chip's RX FIFO (about 10 KiB)
 * until the main loop reads them. Without an interrupt (use_irq 0) the
 * main loop polls the RX status FIFO instead.
 */
#ifndef LAN9118_H
#define LAN9118_H

#include <stddef.h>
#include <stdint.h>

/** Largest frame handed to / taken from the chip: 1514 bytes of header and
 *  payload (the chip appends and strips the 4-byte FCS). */
#define LAN9118_MAX_FRAME 1514u

typedef struct lan9118 {
    uintptr_t base;             /* register block                           */
    uint8_t mac[6];             /* station address in use                   */
    uint8_t use_irq;            /* 1: lan9118_isr is wired to the IRQ line  */
    uint8_t link_up;            /* PHY link status last read                */
    volatile uint8_t rx_signal; /* set by lan9118_isr: frames arrived       */
    volatile uint8_t phy_signal;/* set by lan9118_isr: PHY event            */
    uint16_t chip_id;           /* ID_REV[31:16], e.g. 0x0118               */
    volatile uint32_t irqs;     /* interrupts taken                         */
    uint32_t rx_frames, rx_dropped, tx_frames, tx_dropped;
    /* a frame being read: words left in the FIFO, bytes of a partial word */
    uint32_t rx_words_left;
    uint32_t rx_carry;
    uint8_t rx_carry_len;
} lan9118;

typedef enum lan9118_err {
    LAN9118_OK = 0,
    LAN9118_E_BUS,     /* BYTE_TEST does not read 0x87654321          */
    LAN9118_E_ID,      /* ID_REV is not a LAN911x / LAN9220 family id  */
    LAN9118_E_RESET,   /* soft reset or PHY reset did not complete     */
    LAN9118_E_BUSY,    /* MAC CSR / MII access did not complete        */
    LAN9118_E_MAC      /* no station address given, none in the EEPROM */
} lan9118_err;

/**
 * Reset and configure the chip at base: soft reset, station address (mac,
 * or the one the chip loaded from its EEPROM when mac is NULL), PHY reset
 * and auto-negotiation, TX on, RX on with address filtering (QEMU resets
 * the MAC to promiscuous), interrupts for "RX status FIFO not empty" and
 * PHY events, the IRQ pin active-high push-pull (set before the NVIC line
 * is enabled: after reset the pin's default polarity reads as asserted).
 * The caller enables the NVIC line afterwards when use_irq is 1.
 */
lan9118_err lan9118_init(lan9118 *nic, uintptr_t base, const uint8_t *mac,
                         int use_irq);

/** The interrupt handler's body: acknowledge, set rx_signal/phy_signal. */
void lan9118_isr(lan9118 *nic);

/** Re-read the PHY (and acknowledge its interrupt source); sets the MAC's
 *  duplex from the auto-negotiation result. Returns 1 when the link is up. */
int lan9118_link_poll(lan9118 *nic);

/** Frames waiting in the RX status FIFO (polled mode, or to drain). */
uint32_t lan9118_rx_frames_waiting(const lan9118 *nic);

/**
 * Start reading the next frame: returns its length without the FCS
 * (14..1514), 0 when none is waiting, or -1 when the frame is bad (error
 * status, runt, too long: already discarded). After a length > 0 the
 * caller reads exactly that many bytes with lan9118_rx_read (in any
 * number of pieces), then calls lan9118_rx_end.
 */
int32_t lan9118_rx_begin(lan9118 *nic);
void lan9118_rx_read(lan9118 *nic, uint8_t *dst, size_t len);
/** Discard what is left of the frame (its FCS, or all of it). */
void lan9118_rx_end(lan9118 *nic);

/**
 * Send one frame of total_len bytes (14..1514) given in n_pieces pieces
 * (an lwIP pbuf chain): lan9118_tx_begin checks the length and waits at
 * most spin_max register reads for room in the TX data FIFO (0, or -1:
 * too long / FIFO stayed full, nothing written); then one
 * lan9118_tx_piece per piece, in order, the first with first=1, the last
 * with last=1. The chip pads short frames and appends the FCS.
 */
int lan9118_tx_begin(lan9118 *nic, uint32_t total_len, uint32_t n_pieces,
                     uint32_t spin_max);
void lan9118_tx_piece(lan9118 *nic, const uint8_t *data, uint32_t len,
                      uint32_t total_len, int first, int last);

#endif /* LAN9118_H */
