/*
 * semihost.h - ARM semihosting (the debugger/emulator services a program
 * reaches with `bkpt 0xAB`) as the board's console and test channel:
 * output to the host's stderr, the command line, host files (test-only
 * inputs: the CA of a test server, the test entropy seed) and the exit
 * status. Under QEMU: -semihosting-config enable=on,target=native.
 *
 * On real hardware without a debugger attached a semihosting call stops
 * the core (HardFault): a product replaces this console with its UART.
 */
#ifndef BOARD_SEMIHOST_H
#define BOARD_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/** Write a NUL-terminated string to the host console (QEMU: stderr). */
void semihost_write(const char *s);

/** Copy the command line (QEMU: the -kernel file name, a space, the
 *  -append text) into buf, NUL-terminated. 0 on success, -1 otherwise. */
int semihost_cmdline(char *buf, size_t len);

/** Open a host file for binary reading. A handle >= 0, or -1. */
int semihost_open_read(const char *path);

/** Read up to len bytes. The count read (0 at end of file), or -1. */
int32_t semihost_read(int handle, uint8_t *buf, size_t len);

/** Close a handle from semihost_open_read. */
void semihost_close(int handle);

/** End the program: QEMU exits with status code (0..255). */
void semihost_exit(uint32_t code) __attribute__((noreturn));

/* ---- console formatting (no printf: newlib's allocates) ----------------- */

/** Append text / a decimal / "0x" and 8 hex digits to the current line;
 *  console_end() writes the line with '\n' in one semihosting call. Lines
 *  longer than the line buffer are cut. Not reentrant (main loop only). */
void console_text(const char *s);
void console_dec(uint64_t v);
void console_sdec(int64_t v);
void console_hex(uint32_t v);
void console_end(void);

#endif /* BOARD_SEMIHOST_H */
