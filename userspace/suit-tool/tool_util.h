/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool shared helpers: memory, files (atomic writes), hex, hashing,
 * option parsing and messages.
 */
#ifndef SUIT_TOOL_UTIL_H
#define SUIT_TOOL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "commands.h"

#define SUIT_TOOL_ARRAY(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* "suit-tool CMD: message" on stderr */
void tool_err(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* whole file into a malloc'd buffer (NUL-terminated); NULL + message */
uint8_t *tool_read_file(const char *cmd, const char *path, size_t *len);
/*
 * Write @len bytes to @path atomically: a temporary file in the same
 * directory, fsync, rename. "-" writes to stdout. Returns 0 or -1
 * (message printed, no file left behind).
 */
int tool_write_file(const char *cmd, const char *path, const void *p,
		    size_t len, int mode);

/* hex: returns bytes written or -1; accepts upper/lower case, no spaces */
long tool_unhex(const char *hex, uint8_t *out, size_t cap);
uint8_t *tool_unhex_alloc(const char *hex, size_t *len);
char *tool_hex(const uint8_t *p, size_t len);

/* digests with OpenSSL; alg is a COSE hash id (-16 SHA-256, -43, -44) */
int tool_hash(int alg, const uint8_t *p, size_t len, uint8_t *out, size_t *out_len);

/* UUID helpers */
int tool_parse_uuid(const char *s, uint8_t out[16]);
void tool_uuid5(const uint8_t ns[16], const void *name, size_t len, uint8_t out[16]);
extern const uint8_t tool_uuid_ns_dns[16];

/* option helpers: is argv[i] "--name" with a value; advances *i */
bool tool_opt(int argc, char **argv, int *i, const char *name, const char **val);
bool tool_help_requested(int argc, char **argv);

#endif
