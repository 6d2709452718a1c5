/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tiny header-only TAP helper for the userspace unit tests in
 * tools/testing/lib/. Every check prints one line:
 *
 *	ok 12 - suit_cbor_get_uint(&c, &v) == 0
 *	not ok 13 - v == 24
 *	#   at tools/testing/lib/test_cbor.c:120: got 23, want 24
 *
 * and test_done() prints a trailing plan "1..N" and a summary line
 *
 *	# cbor: 310 passed, 1 failed
 *
 * and returns the exit status (1 if anything failed). Typical use:
 *
 *	int main(int argc, char **argv)
 *	{
 *		test_init("cbor", argc, argv);
 *		CHECK(x == 1);
 *		EXPECT_INT_EQ(f(), -EBADMSG);
 *		return test_done();
 *	}
 *
 * Test data in the source tree is found through test_path(): the repository
 * root is argv[1] if given, else $SRCTREE, else the current directory.
 * test_read_file() fails the test (not skips it) when a file is missing;
 * test_read_vector() does the same for a file of the public vectors.
 *
 * test_ctx(fmt, ...) sets a prefix added to the names of following checks
 * (useful in loops); test_ctx(NULL) clears it.
 */
#ifndef SUIT_TEST_H
#define SUIT_TEST_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test_state {
	const char *suite;
	const char *root;
	unsigned int n;
	unsigned int passed;
	unsigned int failed;
	bool quiet;		/* only print failures (TEST_QUIET=1) */
	char ctx[256];
};

static struct test_state test_st;

static inline void test_init(const char *suite, int argc, char **argv)
{
	const char *q = getenv("TEST_QUIET");

	test_st.suite = suite;
	test_st.root = ".";
	if (argc > 1 && argv[1][0])
		test_st.root = argv[1];
	else if (getenv("SRCTREE") && getenv("SRCTREE")[0])
		test_st.root = getenv("SRCTREE");
	test_st.quiet = q && q[0] && strcmp(q, "0");
	setvbuf(stdout, NULL, _IOLBF, 0);
}

static inline __attribute__((format(printf, 1, 2)))
void test_ctx(const char *fmt, ...)
{
	va_list ap;

	if (!fmt) {
		test_st.ctx[0] = 0;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(test_st.ctx, sizeof(test_st.ctx), fmt, ap);
	va_end(ap);
}

/*
 * Record one result. @detail (may be NULL) explains a failure. Returns
 * @ok so callers can skip dependent checks.
 */
static inline bool test_report(bool ok, const char *name, const char *file,
			       int line, const char *detail)
{
	const char *sep = test_st.ctx[0] ? ": " : "";

	test_st.n++;
	if (ok) {
		test_st.passed++;
		if (!test_st.quiet)
			printf("ok %u - %s%s%s\n", test_st.n, test_st.ctx, sep, name);
		return true;
	}
	test_st.failed++;
	printf("not ok %u - %s%s%s\n", test_st.n, test_st.ctx, sep, name);
	printf("#   at %s:%d%s%s\n", file, line, detail ? ": " : "",
	       detail ? detail : "");
	return false;
}

static inline __attribute__((format(printf, 5, 6)))
bool test_reportf(bool ok, const char *name, const char *file, int line,
		  const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (ok)
		return test_report(true, name, file, line, NULL);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return test_report(false, name, file, line, buf);
}

static inline int test_done(void)
{
	printf("1..%u\n", test_st.n);
	printf("# %s: %u passed, %u failed\n", test_st.suite ? test_st.suite : "test",
	       test_st.passed, test_st.failed);
	fflush(stdout);
	return test_st.failed || !test_st.n ? 1 : 0;
}

/* Build "root/rel" into a static buffer (one path at a time). */
static inline const char *test_path(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", test_st.root, rel);
	return path;
}

/*
 * The public SUIT vectors: $SUIT_VECTORS (scripts/check.sh sets it to the
 * shared/ folder beside the checkout), else /work/shared/vectors. Same
 * static-buffer rule as test_path().
 */
static inline const char *test_vector_path(const char *rel)
{
	static char path[4096];
	const char *v = getenv("SUIT_VECTORS");

	snprintf(path, sizeof(path), "%s/%s",
		 v && *v ? v : "/work/shared/vectors", rel);
	return path;
}

/*
 * Read a whole file into a malloc()ed buffer; @rel names it in the check.
 * A missing or unreadable file is a recorded failure and returns NULL;
 * the caller frees the buffer.
 */
static inline uint8_t *test_read_path_at(const char *path, const char *rel,
					 size_t *len, const char *file,
					 int line)
{
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;
	FILE *f = fopen(path, "rb");

	*len = 0;
	if (!f) {
		test_reportf(false, rel, file, line, "cannot open %s", path);
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			uint8_t *nb;

			cap = cap ? cap * 2 : 4096;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				test_report(false, rel, file, line, "out of memory");
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (!got)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		test_reportf(false, rel, file, line, "read error on %s", path);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* A file relative to the repository root. */
static inline uint8_t *test_read_file_at(const char *rel, size_t *len,
					 const char *file, int line)
{
	return test_read_path_at(test_path(rel), rel, len, file, line);
}

#define test_read_file(rel, lenp) test_read_file_at((rel), (lenp), __FILE__, __LINE__)
/* A file relative to the public vectors; reading it is a counted check. */
static inline uint8_t *test_read_vector_at(const char *rel, size_t *len,
					   const char *file, int line)
{
	uint8_t *buf = test_read_path_at(test_vector_path(rel), rel, len,
					 file, line);
	char name[256];

	if (buf) {
		snprintf(name, sizeof(name), "read %.200s", rel);
		test_report(true, name, file, line, NULL);
	}
	return buf;
}

#define test_read_vector(rel, lenp) \
	test_read_vector_at((rel), (lenp), __FILE__, __LINE__)

/* Plain condition. */
#define CHECK(cond) test_report(!!(cond), #cond, __FILE__, __LINE__, NULL)
/* Condition with a printf-style failure message; the name is the condition. */
#define CHECK_MSG(cond, ...) test_reportf(!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)
/* Condition with an explicit printf-style name. */
#define CHECK_NAMED(cond, ...) ({						\
	char __tn[256];								\
	snprintf(__tn, sizeof(__tn), __VA_ARGS__);				\
	test_report(!!(cond), __tn, __FILE__, __LINE__, NULL);		\
})

#define EXPECT_INT_EQ(got, want) ({						\
	long long __g = (long long)(got), __w = (long long)(want);		\
	test_reportf(__g == __w, #got " == " #want, __FILE__, __LINE__,		\
		     "got %lld, want %lld", __g, __w);				\
})

#define EXPECT_UINT_EQ(got, want) ({						\
	unsigned long long __g = (unsigned long long)(got);			\
	unsigned long long __w = (unsigned long long)(want);			\
	test_reportf(__g == __w, #got " == " #want, __FILE__, __LINE__,		\
		     "got %llu (0x%llx), want %llu (0x%llx)", __g, __g, __w, __w);\
})

#define EXPECT_TRUE(c)	CHECK(c)
#define EXPECT_FALSE(c)	CHECK(!(c))

#define EXPECT_STR_EQ(got, want) ({						\
	const char *__g = (got), *__w = (want);					\
	test_reportf(__g && __w && !strcmp(__g, __w), #got " == " #want,	\
		     __FILE__, __LINE__, "got \"%s\", want \"%s\"",		\
		     __g ? __g : "(null)", __w ? __w : "(null)");		\
})

/* Byte strings: equal length and content; prints the first difference. */
static inline bool test_mem_eq(const void *g, size_t glen, const void *w,
			       size_t wlen, const char *name, const char *file,
			       int line)
{
	const uint8_t *a = g, *b = w;
	size_t i, n = glen < wlen ? glen : wlen;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			break;
	if (glen == wlen && i == n)
		return test_report(true, name, file, line, NULL);
	if (i < n)
		return test_reportf(false, name, file, line,
				    "differ at byte %zu: got 0x%02x, want 0x%02x (len %zu vs %zu)",
				    i, a[i], b[i], glen, wlen);
	return test_reportf(false, name, file, line, "length %zu, want %zu", glen, wlen);
}

#define EXPECT_MEM_EQ(got, glen, want, wlen)					\
	test_mem_eq((got), (glen), (want), (wlen), #got " == " #want,		\
		    __FILE__, __LINE__)

/* Decode a hex string ("a1 01 02" or "a10102") into @out; returns length
 * or (size_t)-1 on a bad digit or overflow.
 */
static inline size_t test_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *hex; hex++) {
		int v;
		char ch = *hex;

		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '_')
			continue;
		if (ch >= '0' && ch <= '9')
			v = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			v = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			v = ch - 'A' + 10;
		else
			return (size_t)-1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			return (size_t)-1;
		out[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? n : (size_t)-1;
}

#endif /* SUIT_TEST_H */
