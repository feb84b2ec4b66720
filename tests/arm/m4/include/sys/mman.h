/*
 * tests/arm/m4/include/sys/mman.h - the part of <sys/mman.h> the unit tests
 * use, for bare-metal Cortex-M4 (newlib has none). mmap hands out
 * page-aligned blocks of a static pool; mprotect(PROT_NONE) turns one MPU
 * region into a no-access guard, so a write or read past a test buffer
 * faults just as it does on Linux (tests/arm/m4/glue.c).
 */
#ifndef ASC_ARM_SYS_MMAN_H
#define ASC_ARM_SYS_MMAN_H
#include <stddef.h>
#include <sys/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int mprotect(void *addr, size_t len, int prot);
int munmap(void *addr, size_t len);
#endif
