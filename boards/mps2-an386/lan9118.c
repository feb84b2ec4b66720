/*
 * lan9118.c - SMSC LAN9118 driver (see lan9118.h). Register offsets and
 * bits follow the chip's register map; what QEMU's model does differently
 * from a real chip is noted where it matters (a real chip needs TX_ON and
 * MAC_CR.TXEN, QEMU ignores them; QEMU completes MAC CSR and MII accesses
 * at once, a real chip needs the busy-bit polls).
 */
#include "lan9118.h"

#include <string.h>

/* ---- register map (byte offsets from the base) --------------------------- */
#define REG_RX_DATA_FIFO   0x00u
#define REG_TX_DATA_FIFO   0x20u
#define REG_RX_STATUS_FIFO 0x40u
#define REG_ID_REV         0x50u
#define REG_IRQ_CFG        0x54u
#define REG_INT_STS        0x58u
#define REG_INT_EN         0x5Cu
#define REG_BYTE_TEST      0x64u
#define REG_FIFO_INT       0x68u
#define REG_RX_CFG         0x6Cu
#define REG_TX_CFG         0x70u
#define REG_HW_CFG         0x74u
#define REG_RX_FIFO_INF    0x7Cu
#define REG_TX_FIFO_INF    0x80u
#define REG_PMT_CTRL       0x84u
#define REG_MAC_CSR_CMD    0xA4u
#define REG_MAC_CSR_DATA   0xA8u

#define BYTE_TEST_VALUE    0x87654321u

/* IRQ_CFG */
#define IRQ_CFG_IRQ_EN     (1u << 8)
#define IRQ_CFG_IRQ_POL    (1u << 4)  /* 1: active high */
#define IRQ_CFG_IRQ_TYPE   (1u << 0)  /* 1: push-pull */
/* INT_STS / INT_EN */
#define INT_PHY            (1u << 18)
#define INT_RSFL           (1u << 3)  /* RX status FIFO above its level */
#define INT_ALL            0xFFFFFFFFu
/* FIFO_INT: RX status level in bits 7:0 (0: interrupt for any frame);
 * the TX data available level (bits 31:24) keeps its reset value 0x48. */
#define FIFO_INT_VALUE     0x48000000u
/* RX_CFG / TX_CFG */
#define RX_CFG_RX_DUMP     (1u << 15)
#define TX_CFG_TXS_DUMP    (1u << 15)
#define TX_CFG_TXD_DUMP    (1u << 14)
#define TX_CFG_TXSAO       (1u << 2)  /* TX status FIFO may overrun: we never read it */
#define TX_CFG_TX_ON       (1u << 1)
/* HW_CFG */
#define HW_CFG_SRST        (1u << 0)
#define HW_CFG_MBO         (1u << 20) /* "must be one" */
#define HW_CFG_TX_FIF_5K   (5u << 16) /* TX FIFO 5 KiB, RX gets the rest */
/* PMT_CTRL */
#define PMT_CTRL_READY     (1u << 0)
/* RX_FIFO_INF: RX status FIFO entries used, bits 23:16 */
#define RX_FIFO_INF_RXSUSED(v) (((v) >> 16) & 0xFFu)
/* TX_FIFO_INF: TX data FIFO bytes free, bits 15:0 */
#define TX_FIFO_INF_TDFREE(v)  ((v) & 0xFFFFu)
/* RX status word */
#define RX_STS_ERROR       (1u << 15)
#define RX_STS_LENGTH(v)   (((v) >> 16) & 0x3FFFu) /* includes the 4-byte FCS */
/* TX command A / B */
#define TX_CMD_A_FIRST     (1u << 13)
#define TX_CMD_A_LAST      (1u << 12)
#define TX_CMD_A_OFFSET(o) ((uint32_t)(o) << 16) /* data start offset, bytes */
#define TX_CMD_B_TAG(t)    ((uint32_t)(t) << 16)

/* MAC control and status registers (through MAC_CSR_CMD / MAC_CSR_DATA) */
#define MAC_CSR_BUSY       (1u << 31)
#define MAC_CSR_READ       (1u << 30)
#define MAC_CR             1u
#define MAC_ADDRH          2u
#define MAC_ADDRL          3u
#define MAC_MII_ACC        6u
#define MAC_MII_DATA       7u
#define MAC_CR_FDPX        (1u << 20)
#define MAC_CR_TXEN        (1u << 3)
#define MAC_CR_RXEN        (1u << 2)
/* (PRMS, bit 18, stays clear: filter on our address; BCAST, bit 11, stays
 * clear: broadcasts (ARP) are received.) */
#define MII_ACC_PHY(a)     ((uint32_t)(a) << 11)
#define MII_ACC_REG(r)     ((uint32_t)(r) << 6)
#define MII_ACC_WRITE      (1u << 1)
#define MII_ACC_BUSY       (1u << 0)

/* Internal PHY (MII address 1) */
#define PHY_ADDR           1u
#define PHY_BMCR           0u
#define PHY_BMSR           1u
#define PHY_ANAR           4u
#define PHY_ANLPAR         5u
#define PHY_INT_SOURCE     29u        /* read clears */
#define PHY_INT_MASK       30u
#define BMCR_RESET         (1u << 15)
#define BMCR_ANENABLE      (1u << 12)
#define BMCR_ANRESTART     (1u << 9)
#define BMSR_LINK          (1u << 2)
#define ANAR_ALL_10_100    0x01E1u    /* 100FD 100HD 10FD 10HD, IEEE 802.3 */
#define AN_FULL_DUPLEX     ((1u << 8) | (1u << 6)) /* 100FD, 10FD */
#define PHY_INT_AN_DONE    (1u << 6)
#define PHY_INT_LINK_DOWN  (1u << 4)

#define SPIN_MAX           100000u    /* register polls before giving up */

static uint32_t rd(const lan9118 *nic, uint32_t off)
{
    return *(volatile const uint32_t *)(nic->base + off);
}

static void wr(const lan9118 *nic, uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(nic->base + off) = v;
}

/* ---- MAC CSR and MII ------------------------------------------------------- */

static int mac_csr_wait(const lan9118 *nic)
{
    uint32_t i;
    for (i = 0; i < SPIN_MAX; i++) {
        if ((rd(nic, REG_MAC_CSR_CMD) & MAC_CSR_BUSY) == 0u) {
            return 0;
        }
    }
    return -1;
}

static int mac_read(const lan9118 *nic, uint32_t index, uint32_t *out)
{
    if (mac_csr_wait(nic) != 0) {
        return -1;
    }
    wr(nic, REG_MAC_CSR_CMD, MAC_CSR_BUSY | MAC_CSR_READ | index);
    if (mac_csr_wait(nic) != 0) {
        return -1;
    }
    *out = rd(nic, REG_MAC_CSR_DATA);
    return 0;
}

static int mac_write(const lan9118 *nic, uint32_t index, uint32_t v)
{
    if (mac_csr_wait(nic) != 0) {
        return -1;
    }
    wr(nic, REG_MAC_CSR_DATA, v);
    wr(nic, REG_MAC_CSR_CMD, MAC_CSR_BUSY | index);
    return mac_csr_wait(nic);
}

static int mii_wait(const lan9118 *nic)
{
    uint32_t i, acc;
    for (i = 0; i < SPIN_MAX; i++) {
        if (mac_read(nic, MAC_MII_ACC, &acc) != 0) {
            return -1;
        }
        if ((acc & MII_ACC_BUSY) == 0u) {
            return 0;
        }
    }
    return -1;
}

static int phy_read(const lan9118 *nic, uint32_t reg, uint32_t *out)
{
    if (mii_wait(nic) != 0 ||
        mac_write(nic, MAC_MII_ACC, MII_ACC_PHY(PHY_ADDR) | MII_ACC_REG(reg) | MII_ACC_BUSY) != 0 ||
        mii_wait(nic) != 0 || mac_read(nic, MAC_MII_DATA, out) != 0) {
        return -1;
    }
    *out &= 0xFFFFu;
    return 0;
}

static int phy_write(const lan9118 *nic, uint32_t reg, uint32_t v)
{
    if (mii_wait(nic) != 0 || mac_write(nic, MAC_MII_DATA, v & 0xFFFFu) != 0 ||
        mac_write(nic, MAC_MII_ACC, MII_ACC_PHY(PHY_ADDR) | MII_ACC_REG(reg) |
                                        MII_ACC_WRITE | MII_ACC_BUSY) != 0) {
        return -1;
    }
    return mii_wait(nic);
}

/* ---- bring-up ---------------------------------------------------------------- */

/* The chip ids this driver knows (ID_REV bits 31:16): same register map. */
static int chip_id_known(uint16_t id)
{
    static const uint16_t known[] = { 0x0115u, 0x0116u, 0x0117u, 0x0118u, 0x9220u, 0x9221u };
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (known[i] == id) {
            return 1;
        }
    }
    return 0;
}

static int soft_reset(const lan9118 *nic)
{
    uint32_t i;
    wr(nic, REG_HW_CFG, HW_CFG_SRST);
    for (i = 0; i < SPIN_MAX && (rd(nic, REG_HW_CFG) & HW_CFG_SRST) != 0u; i++) {
    }
    for (; i < SPIN_MAX && (rd(nic, REG_PMT_CTRL) & PMT_CTRL_READY) == 0u; i++) {
    }
    return i < SPIN_MAX ? 0 : -1;
}

static lan9118_err station_address(lan9118 *nic, const uint8_t *mac)
{
    uint32_t lo, hi;
    if (mac != NULL) {
        memcpy(nic->mac, mac, 6);
        lo = (uint32_t)mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 |
             (uint32_t)mac[3] << 24;
        hi = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
        return mac_write(nic, MAC_ADDRL, lo) == 0 && mac_write(nic, MAC_ADDRH, hi) == 0
                   ? LAN9118_OK : LAN9118_E_BUSY;
    }
    /* The chip loads ADDRL/ADDRH from its EEPROM at reset (QEMU: from
     * -nic ...,mac=). */
    if (mac_read(nic, MAC_ADDRL, &lo) != 0 || mac_read(nic, MAC_ADDRH, &hi) != 0) {
        return LAN9118_E_BUSY;
    }
    nic->mac[0] = (uint8_t)lo;
    nic->mac[1] = (uint8_t)(lo >> 8);
    nic->mac[2] = (uint8_t)(lo >> 16);
    nic->mac[3] = (uint8_t)(lo >> 24);
    nic->mac[4] = (uint8_t)hi;
    nic->mac[5] = (uint8_t)(hi >> 8);
    /* All zero (no EEPROM) or a group address cannot be a station address. */
    if ((nic->mac[0] & 1u) != 0u || (lo == 0u && (hi & 0xFFFFu) == 0u)) {
        return LAN9118_E_MAC;
    }
    return LAN9118_OK;
}

static lan9118_err phy_start(const lan9118 *nic)
{
    uint32_t i, bmcr = BMCR_RESET;
    if (phy_write(nic, PHY_BMCR, BMCR_RESET) != 0) {
        return LAN9118_E_BUSY;
    }
    for (i = 0; i < SPIN_MAX && (bmcr & BMCR_RESET) != 0u; i++) {
        if (phy_read(nic, PHY_BMCR, &bmcr) != 0) {
            return LAN9118_E_BUSY;
        }
    }
    if ((bmcr & BMCR_RESET) != 0u) {
        return LAN9118_E_RESET;
    }
    if (phy_write(nic, PHY_ANAR, ANAR_ALL_10_100) != 0 ||
        phy_write(nic, PHY_INT_MASK, PHY_INT_AN_DONE | PHY_INT_LINK_DOWN) != 0 ||
        phy_write(nic, PHY_BMCR, BMCR_ANENABLE | BMCR_ANRESTART) != 0) {
        return LAN9118_E_BUSY;
    }
    return LAN9118_OK;
}

lan9118_err lan9118_init(lan9118 *nic, uintptr_t base, const uint8_t *mac,
                         int use_irq)
{
    lan9118_err e;
    uint32_t cr;

    memset(nic, 0, sizeof *nic);
    nic->base = base;
    nic->use_irq = (uint8_t)(use_irq != 0);
    if (rd(nic, REG_BYTE_TEST) != BYTE_TEST_VALUE) {
        return LAN9118_E_BUS;
    }
    nic->chip_id = (uint16_t)(rd(nic, REG_ID_REV) >> 16);
    if (!chip_id_known(nic->chip_id)) {
        return LAN9118_E_ID;
    }
    if (soft_reset(nic) != 0) {
        return LAN9118_E_RESET;
    }
    /* Interrupt pin first: after reset its polarity bits are clear, which
     * the line reads as asserted (an interrupt storm once the NVIC line is
     * enabled). Active high, push-pull; nothing enabled yet. */
    wr(nic, REG_INT_EN, 0u);
    wr(nic, REG_IRQ_CFG, IRQ_CFG_IRQ_POL | IRQ_CFG_IRQ_TYPE);
    wr(nic, REG_INT_STS, INT_ALL);
    wr(nic, REG_HW_CFG, HW_CFG_MBO | HW_CFG_TX_FIF_5K);

    e = station_address(nic, mac);
    if (e == LAN9118_OK) {
        e = phy_start(nic);
    }
    if (e != LAN9118_OK) {
        return e;
    }
    wr(nic, REG_FIFO_INT, FIFO_INT_VALUE);
    wr(nic, REG_RX_CFG, RX_CFG_RX_DUMP);  /* empty FIFOs, no data offset */
    wr(nic, REG_TX_CFG, TX_CFG_TXS_DUMP | TX_CFG_TXD_DUMP);
    wr(nic, REG_TX_CFG, TX_CFG_TX_ON | TX_CFG_TXSAO);
    /* Not promiscuous (QEMU resets MAC_CR to PRMS), broadcast on. Duplex is
     * set from auto-negotiation by lan9118_link_poll. */
    cr = MAC_CR_TXEN | MAC_CR_RXEN;
    if (mac_write(nic, MAC_CR, cr) != 0) {
        return LAN9118_E_BUSY;
    }
    if (nic->use_irq) {
        wr(nic, REG_INT_STS, INT_ALL);
        wr(nic, REG_INT_EN, INT_RSFL | INT_PHY);
        wr(nic, REG_IRQ_CFG, IRQ_CFG_IRQ_EN | IRQ_CFG_IRQ_POL | IRQ_CFG_IRQ_TYPE);
    }
    /* The PHY may have finished auto-negotiation before its interrupt was
     * enabled (QEMU's does at reset): that event is not raised again, so
     * the first lan9118_link_poll reads the PHY regardless. */
    nic->phy_signal = 1u;
    return LAN9118_OK;
}

void lan9118_isr(lan9118 *nic)
{
    uint32_t sts = rd(nic, REG_INT_STS) & rd(nic, REG_INT_EN);
    nic->irqs++;
    if ((sts & INT_RSFL) != 0u) {
        /* Acknowledge before the main loop drains the FIFO: a frame that
         * arrives later raises the interrupt again. */
        wr(nic, REG_INT_STS, INT_RSFL);
        nic->rx_signal = 1u;
    }
    if ((sts & INT_PHY) != 0u) {
        /* The PHY's own source register (MII, slow) is read and cleared by
         * lan9118_link_poll; until then keep its interrupt masked. */
        wr(nic, REG_INT_EN, rd(nic, REG_INT_EN) & ~INT_PHY);
        nic->phy_signal = 1u;
    }
}

int lan9118_link_poll(lan9118 *nic)
{
    uint32_t bmsr = 0, src = 0, anar = 0, anlpar = 0, cr = 0;
    int up;
    nic->phy_signal = 0u;
    (void)phy_read(nic, PHY_INT_SOURCE, &src); /* acknowledge the PHY */
    if (phy_read(nic, PHY_BMSR, &bmsr) != 0) {
        return nic->link_up;
    }
    up = (bmsr & BMSR_LINK) != 0u;
    if (up && !nic->link_up && phy_read(nic, PHY_ANAR, &anar) == 0 &&
        phy_read(nic, PHY_ANLPAR, &anlpar) == 0 && mac_read(nic, MAC_CR, &cr) == 0) {
        /* Duplex: the best mode both ends advertise (802.3 priority). */
        if ((anar & anlpar & AN_FULL_DUPLEX) != 0u) {
            cr |= MAC_CR_FDPX;
        } else {
            cr &= ~MAC_CR_FDPX;
        }
        (void)mac_write(nic, MAC_CR, cr);
    }
    nic->link_up = (uint8_t)up;
    if (nic->use_irq) {
        wr(nic, REG_INT_STS, INT_PHY);
        wr(nic, REG_INT_EN, rd(nic, REG_INT_EN) | INT_PHY);
    }
    return up;
}

uint32_t lan9118_rx_frames_waiting(const lan9118 *nic)
{
    return RX_FIFO_INF_RXSUSED(rd(nic, REG_RX_FIFO_INF));
}

/* ---- receive ----------------------------------------------------------------- */

void lan9118_rx_end(lan9118 *nic)
{
    /* Reading is how the rest of a frame leaves the FIFO (the fast-forward
     * command would be quicker for long frames; reading is always valid). */
    while (nic->rx_words_left > 0u) {
        (void)rd(nic, REG_RX_DATA_FIFO);
        nic->rx_words_left--;
    }
    nic->rx_carry_len = 0u;
}

int32_t lan9118_rx_begin(lan9118 *nic)
{
    uint32_t sts, len;
    lan9118_rx_end(nic);
    if (lan9118_rx_frames_waiting(nic) == 0u) {
        return 0;
    }
    sts = rd(nic, REG_RX_STATUS_FIFO);
    len = RX_STS_LENGTH(sts);             /* with the FCS */
    nic->rx_words_left = (len + 3u) / 4u; /* RX_CFG: no offset, 4-byte end */
    if ((sts & RX_STS_ERROR) != 0u || len < 14u + 4u || len > LAN9118_MAX_FRAME + 4u) {
        lan9118_rx_end(nic);
        nic->rx_dropped++;
        return -1;
    }
    nic->rx_frames++;
    return (int32_t)(len - 4u);
}

void lan9118_rx_read(lan9118 *nic, uint8_t *dst, size_t len)
{
    /* FIFO words hold the frame's bytes little-endian (first byte in bits
     * 7:0); a piece may end mid-word, the rest waits in rx_carry. */
    while (len > 0u) {
        if (nic->rx_carry_len == 0u) {
            if (nic->rx_words_left == 0u) {
                return; /* caller asked for more than the frame holds */
            }
            nic->rx_carry = rd(nic, REG_RX_DATA_FIFO);
            nic->rx_words_left--;
            nic->rx_carry_len = 4u;
            if (len >= 4u && ((uintptr_t)dst & 3u) == 0u) {
                /* aligned fast path: whole words straight into dst */
                memcpy(dst, &nic->rx_carry, 4);
                nic->rx_carry_len = 0u;
                dst += 4;
                len -= 4u;
                continue;
            }
        }
        *dst++ = (uint8_t)(nic->rx_carry >> (8u * (4u - nic->rx_carry_len)));
        nic->rx_carry_len--;
        len--;
    }
}

/* ---- transmit ---------------------------------------------------------------- */

int lan9118_tx_begin(lan9118 *nic, uint32_t total_len, uint32_t n_pieces,
                     uint32_t spin_max)
{
    /* Room: per piece two command words and up to one word of start
     * offset, plus the data rounded up to words. */
    uint32_t need = 4u * (3u * n_pieces) + ((total_len + 3u) & ~3u);
    uint32_t i;
    if (total_len < 14u || total_len > LAN9118_MAX_FRAME || n_pieces == 0u) {
        nic->tx_dropped++;
        return -1;
    }
    for (i = 0; i <= spin_max; i++) {
        if (TX_FIFO_INF_TDFREE(rd(nic, REG_TX_FIFO_INF)) >= need) {
            return 0;
        }
    }
    nic->tx_dropped++;
    return -1;
}

/* Word i of a piece laid out after `offset` skipped bytes (the chip drops
 * them): bytes outside the piece read as zero, so nothing outside
 * [data, data + len) is touched. */
static uint32_t tx_word(const uint8_t *data, uint32_t len, uint32_t offset,
                        uint32_t i)
{
    uint32_t start = 4u * i, w = 0, b;
    if (start >= offset && start + 4u <= offset + len) {
        memcpy(&w, data + (start - offset), 4); /* a whole word of data */
        return w;
    }
    for (b = 0; b < 4u; b++) {
        if (start + b >= offset && start + b < offset + len) {
            w |= (uint32_t)data[start + b - offset] << (8u * b);
        }
    }
    return w;
}

void lan9118_tx_piece(lan9118 *nic, const uint8_t *data, uint32_t len,
                      uint32_t total_len, int first, int last)
{
    /* The data start offset lets the words follow the piece's alignment
     * (the aligned fast path of tx_word for every word but the ends). */
    uint32_t offset = (uint32_t)((uintptr_t)data & 3u);
    uint32_t words = (offset + len + 3u) / 4u;
    uint32_t cmd_a = TX_CMD_A_OFFSET(offset) | len;
    uint32_t i;

    if (first) {
        cmd_a |= TX_CMD_A_FIRST;
    }
    if (last) {
        cmd_a |= TX_CMD_A_LAST;
    }
    wr(nic, REG_TX_DATA_FIFO, cmd_a);
    wr(nic, REG_TX_DATA_FIFO, TX_CMD_B_TAG(nic->tx_frames & 0xFFFFu) | total_len);
    for (i = 0; i < words; i++) {
        wr(nic, REG_TX_DATA_FIFO, tx_word(data, len, offset, i));
    }
    if (last) {
        nic->tx_frames++;
    }
}
