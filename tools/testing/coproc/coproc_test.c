// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for the co-processor device class: a pty pair stands for the
 * UART between the main CPU (suit-coproc-host on the master side) and the
 * co-processor (suit-coproc on the slave side, with its own flash file and
 * its own trust anchor).
 *
 *   coproc_test BINDIR WORKDIR VENDOR-HEX CLASS-HEX
 *
 * WORKDIR holds (made by tools/testing/check.d/45-coproc.sh with
 * suit-tool): old.bin new.bin new3.bin, anchor.pub (the co-processor's
 * trust anchor), e2.suit (sequence 2 -> new.bin), e3.suit (sequence 3 ->
 * new3.bin), ebad.suit (sequence 2, signed by another key), ebig.suit
 * (sequence 4, image larger than a slot), enouri.suit (sequence 5, a URI
 * the main side does not serve), eint.suit (sequence 6, integrated
 * payload int.bin), e7.suit (sequence 7 -> gen.bin, built by
 * coproc_mkenv).
 *
 * Prints one line per failure, then `cut points: N, failed: M` for the
 * power-cut sweeps and `coproc: N passed, M failed` last.
 */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "flash.h"
#include "proto.h"

#define TMO	"200"	/* ms per attempt on the line in the tests */

static const char *bindir, *wd, *vendor, *class_hex;
static char flash[512], mstate[512], slave[128], logf[512];
static int master = -1, slave_fd = -1;
static int passed, failed;
static char dig_old[65], dig_new[65], dig_new3[65], dig_int[65], dig_gen[65];

static void ok(void)
{
	passed++;
}

static void ko(const char *fmt, ...)
{
	va_list ap;

	failed++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define CHECK(cond, ...) do { if (cond) ok(); else ko(__VA_ARGS__); } while (0)

static int file_sha256(const char *path, char out[65])
{
	unsigned char buf[4096], md[32];
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;
	int i;

	if (!f || !c)
		return -1;
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(c, buf, n);
	EVP_DigestFinal_ex(c, md, NULL);
	EVP_MD_CTX_free(c);
	fclose(f);
	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	return 0;
}

/* fork + exec with stdout to @out (NULL: the log) and stderr to the log */
static pid_t spawn(char *const argv[], const char *out)
{
	pid_t pid = fork();
	int fd;

	if (pid)
		return pid;
	fd = open(logf, O_WRONLY | O_APPEND | O_CREAT, 0644);
	dup2(fd, 2);
	if (out)
		fd = open(out, O_WRONLY | O_TRUNC | O_CREAT, 0644);
	dup2(fd, 1);
	execv(argv[0], argv);
	_exit(127);
}

static int wait_status(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static pid_t coproc_pid = -1;

static pid_t start_coproc(long cut, bool torn, int drop)
{
	char bin[512], cuts[32], drops[32];
	char *argv[32];
	int n = 0;

	snprintf(bin, sizeof(bin), "%s/suit-coproc", bindir);
	snprintf(cuts, sizeof(cuts), "%ld", cut);
	snprintf(drops, sizeof(drops), "%d", drop);
	argv[n++] = bin;
	argv[n++] = "--flash"; argv[n++] = flash;
	argv[n++] = "--tty"; argv[n++] = slave;
	argv[n++] = "--trust"; argv[n++] = (char *)"anchor.pub";
	argv[n++] = "--vendor"; argv[n++] = (char *)vendor;
	argv[n++] = "--class"; argv[n++] = (char *)class_hex;
	argv[n++] = "--timeout"; argv[n++] = TMO;
	if (cut) {
		argv[n++] = "--cut-after";
		argv[n++] = cuts;
	}
	if (torn)
		argv[n++] = "--torn";
	if (drop) {
		argv[n++] = "--drop-every";
		argv[n++] = drops;
	}
	argv[n] = NULL;
	coproc_pid = spawn(argv, NULL);
	usleep(20000);	/* let it open and flush the line */
	return coproc_pid;
}

/* Stop the co-processor: its exit status (or 128+signal if killed). */
static int stop_coproc(void)
{
	int st;

	if (coproc_pid < 0)
		return -1;
	if (waitpid(coproc_pid, &st, WNOHANG) == coproc_pid) {
		coproc_pid = -1;
		return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	kill(coproc_pid, SIGKILL);
	st = wait_status(coproc_pid);
	coproc_pid = -1;
	return st;
}

/* Start the main side; extra args then the command words. */
static pid_t host_spawn(const char *out, long cut, bool torn,
			const char *extra, const char *cmd, const char *arg)
{
	char bin[512], fds[16], cuts[32], u1[600], u2[600], u3[600], u4[600];
	char *argv[32];
	int n = 0;

	snprintf(bin, sizeof(bin), "%s/suit-coproc-host", bindir);
	snprintf(fds, sizeof(fds), "%d", master);
	snprintf(cuts, sizeof(cuts), "%ld", cut);
	snprintf(u1, sizeof(u1), "coproc:new=%s/new.bin", wd);
	snprintf(u2, sizeof(u2), "coproc:new3=%s/new3.bin", wd);
	snprintf(u3, sizeof(u3), "coproc:big=%s/big.bin", wd);
	snprintf(u4, sizeof(u4), "coproc:gen=%s/gen.bin", wd);
	argv[n++] = bin;
	argv[n++] = "--state"; argv[n++] = mstate;
	argv[n++] = "--fd"; argv[n++] = fds;
	argv[n++] = "--timeout"; argv[n++] = TMO;
	argv[n++] = "--uri"; argv[n++] = u1;
	argv[n++] = "--uri"; argv[n++] = u2;
	argv[n++] = "--uri"; argv[n++] = u3;
	argv[n++] = "--uri"; argv[n++] = u4;
	if (cut) {
		argv[n++] = "--cut-after";
		argv[n++] = cuts;
	}
	if (torn)
		argv[n++] = "--torn";
	if (extra) {
		argv[n++] = (char *)extra;
		if (!strcmp(extra, "--drop-every"))
			argv[n++] = "5";
	}
	argv[n++] = (char *)cmd;
	if (arg)
		argv[n++] = (char *)arg;
	argv[n] = NULL;
	return spawn(argv, out);
}

static int host(const char *out, long cut, bool torn, const char *extra,
		const char *cmd, const char *arg)
{
	return wait_status(host_spawn(out, cut, torn, extra, cmd, arg));
}

/*
 * Run the main side while the co-processor may lose power: when the
 * co-processor ends (the cut fired), the whole device is off, so the main
 * side is killed at whatever point it has reached. *@cst: the
 * co-processor's exit status, -1 if it still runs.
 */
static int host_with_coproc(const char *cmd, const char *arg, int *cst)
{
	pid_t h = host_spawn(NULL, 0, false, NULL, cmd, arg);
	int st;

	*cst = -1;
	for (;;) {
		if (waitpid(h, &st, WNOHANG) == h)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		if (coproc_pid > 0 && waitpid(coproc_pid, &st, WNOHANG) == coproc_pid) {
			coproc_pid = -1;
			*cst = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			kill(h, SIGKILL);
			return wait_status(h);
		}
		usleep(1000);
	}
}

struct cstat {
	unsigned long long seq;
	unsigned int active;
	char state[16];
	char digest[65];
};

/* The co-processor's state read offline from its flash file. */
static int coproc_status(struct cstat *s)
{
	char bin[512], out[600], line[1024];
	char *argv[] = { bin, "--flash", flash, "--status", NULL };
	FILE *f;
	int ret;

	snprintf(bin, sizeof(bin), "%s/suit-coproc", bindir);
	snprintf(out, sizeof(out), "%s/cstat.txt", wd);
	if (wait_status(spawn(argv, out)))
		return -1;
	f = fopen(out, "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	memset(s, 0, sizeof(*s));
	ret = sscanf(line, "seq=%llu active=%u valid=%*u state=%15s pending-seq=%*u active-sha256=%64s",
		     &s->seq, &s->active, s->state, s->digest);
	return ret == 4 ? 0 : -1;
}

struct mstat {
	unsigned int active;
	char state[16];
};

/* The main side's record, via `suit-coproc-host status` (needs the line). */
static int main_status(struct mstat *m, struct cstat *live)
{
	char out[600], line[1024];
	FILE *f;
	int ret;

	snprintf(out, sizeof(out), "%s/mstat.txt", wd);
	if (host(out, 0, false, NULL, "status", NULL))
		return -1;
	f = fopen(out, "r");
	if (!f || !fgets(line, sizeof(line), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	memset(m, 0, sizeof(*m));
	memset(live, 0, sizeof(*live));
	ret = sscanf(line, "main-active=%u main-state=%15s main-coproc-seq=%*u coproc-seq=%llu coproc-active=%u coproc-state=%15s coproc-active-sha256=%64s",
		     &m->active, m->state, &live->seq, &live->active,
		     live->state, live->digest);
	return ret == 6 ? 0 : -1;
}

static void reset(void)
{
	char bin[512], img[600];
	char *argv[] = { bin, "--flash", flash, "--format", "--image", img, NULL };

	stop_coproc();
	snprintf(bin, sizeof(bin), "%s/suit-coproc", bindir);
	snprintf(img, sizeof(img), "%s/old.bin", wd);
	unlink(flash);
	unlink(mstate);
	if (wait_status(spawn(argv, NULL)))
		ko("format the co-processor flash");
	tcflush(master, TCIOFLUSH);
}

/*
 * Both sides idle and agreeing, on image @want_digest with sequence
 * @want_seq and main slot @want_main. Returns the number of failures.
 */
static int expect_state(const char *what, const char *want_digest,
			unsigned long long want_seq, unsigned int want_main)
{
	struct cstat c, live;
	struct mstat m;
	int bad = failed;

	if (coproc_status(&c)) {
		ko("%s: co-processor status unreadable", what);
		return 1;
	}
	CHECK(!strcmp(c.digest, want_digest) && c.seq == want_seq &&
	      !strcmp(c.state, "idle"),
	      "%s: co-processor has seq %llu state %s digest %.16s, want seq %llu digest %.16s",
	      what, c.seq, c.state, c.digest, want_seq, want_digest);
	if (main_status(&m, &live)) {
		ko("%s: main status failed", what);
		return 1;
	}
	CHECK(m.active == want_main && !strcmp(m.state, "idle"),
	      "%s: main slot %u state %s, want slot %u idle", what, m.active,
	      m.state, want_main);
	CHECK(live.seq == c.seq && live.active == c.active &&
	      !strcmp(live.digest, c.digest),
	      "%s: co-processor's report over the line differs from its flash",
	      what);
	return failed - bad;
}

/* --- protocol unit tests ------------------------------------------- */

static void test_proto(void)
{
	static struct proto_rx rx;
	static struct proto_frame f;
	uint8_t fr[PROTO_MAX_FRAME], pl[300];
	const char *why = NULL;
	size_t n, i;
	int ret;

	for (i = 0; i < sizeof(pl); i++)
		pl[i] = (uint8_t)(i * 7);
	/* CRC-32 check value of "123456789" */
	CHECK(proto_crc32(0, (const uint8_t *)"123456789", 9) == 0xCBF43926,
	      "crc32 check value");
	n = proto_encode(fr, sizeof(fr), MSG_FETCH, 0x1234, 0xbeef, pl, sizeof(pl));
	CHECK(n == PROTO_HDR_LEN + sizeof(pl) + 4, "encoded frame length");
	/* garbage, then a good frame: garbage skipped, frame taken */
	memset(&rx, 0, sizeof(rx));
	proto_rx_push(&rx, (const uint8_t *)"\x00\xa5\x11garbage", 10);
	proto_rx_push(&rx, fr, n);
	ret = proto_rx_take(&rx, &f, &why);
	while (ret == -EBADMSG)
		ret = proto_rx_take(&rx, &f, &why);
	CHECK(ret == 0 && f.type == MSG_FETCH && f.seq == 0x1234 &&
	      f.session == 0xbeef && f.len == sizeof(pl) &&
	      !memcmp(f.payload, pl, sizeof(pl)), "frame after garbage");
	/* truncated: needs more */
	memset(&rx, 0, sizeof(rx));
	proto_rx_push(&rx, fr, n - 1);
	CHECK(proto_rx_take(&rx, &f, &why) == -EAGAIN, "truncated frame waits");
	/* bad CRC: rejected with a reason, the following frame still parses */
	memset(&rx, 0, sizeof(rx));
	fr[20] ^= 1;
	proto_rx_push(&rx, fr, n);
	fr[20] ^= 1;
	proto_rx_push(&rx, fr, n);
	ret = proto_rx_take(&rx, &f, &why);
	CHECK(ret == -EBADMSG && why && !strcmp(why, "CRC mismatch"),
	      "corrupted frame rejected (%d)", ret);
	while (ret == -EBADMSG)
		ret = proto_rx_take(&rx, &f, &why);
	CHECK(ret == 0 && f.len == sizeof(pl) && rx.n == 0,
	      "resynchronised after a bad frame");
	/* length above the maximum: rejected before waiting for it */
	memset(&rx, 0, sizeof(rx));
	memcpy(pl, "\xa5\x5a\x01\x00\x01\x00\x01\x00\xff\xff", 10);
	proto_rx_push(&rx, pl, 10);
	why = NULL;
	CHECK(proto_rx_take(&rx, &f, &why) == -EBADMSG && why &&
	      !strcmp(why, "length above maximum"), "oversized length rejected");
	CHECK(proto_encode(fr, sizeof(fr), 1, 1, 1, pl, PROTO_MAX_PAYLOAD + 1) == 0,
	      "encoder refuses an oversized payload");
	/* info round trip and bad info */
	{
		struct proto_info a = { .sequence = 9, .active = 1, .valid = 3,
					.prepared = true, .pending_seq = 10 }, b;
		uint8_t p[PROTO_INFO_LEN];

		a.active_digest[31] = 0x5a;
		proto_info_encode(&a, p);
		CHECK(!proto_info_decode(p, sizeof(p), &b) && b.sequence == 9 &&
		      b.active == 1 && b.prepared && b.pending_seq == 10 &&
		      b.active_digest[31] == 0x5a, "info round trip");
		p[8] = 7;
		CHECK(proto_info_decode(p, sizeof(p), &b) == -EBADMSG,
		      "info with a bad slot rejected");
		CHECK(proto_info_decode(p, sizeof(p) - 1, &b) == -EBADMSG,
		      "short info rejected");
	}
}

/* --- the co-processor's answers to wrong requests ------------------ */

/* One raw request from the test driver; the response type, -1 on none. */
static int raw_call(struct proto_link *l, uint8_t type, const void *p,
		    size_t len, struct proto_frame *resp, int32_t *err)
{
	l->retries = 1;
	l->timeout_ms = 300;
	if (proto_call(l, type, p, len, resp, 0, NULL, NULL))
		return -1;
	if (resp->type == MSG_ERROR && resp->len >= 4)
		*err = (int32_t)get_le32(resp->payload);
	return resp->type;
}

static void test_requests(void)
{
	static struct proto_link l;
	static struct proto_frame f;
	struct proto_info in;
	uint8_t p[16];
	int32_t err = 0;
	int r;

	/* make the co-processor prepared: main cut before its decision */
	reset();
	start_coproc(0, false, 0);
	r = host(NULL, 1, false, NULL, "install", "e2.suit");
	CHECK(r == FLASH_CUT_EXIT, "main cut before its decision: exit %d", r);
	tcflush(master, TCIOFLUSH);
	proto_link_init(&l, master, "coproc_test");
	/* no session yet: a request other than HELLO is ignored */
	l.session = 0x4242;
	put_le64(p, 2);
	CHECK(raw_call(&l, MSG_COMMIT, p, 8, &f, &err) == -1,
	      "COMMIT outside a session is ignored");
	CHECK(raw_call(&l, MSG_HELLO, NULL, 0, &f, &err) == MSG_INFO &&
	      !proto_info_decode(f.payload, f.len, &in) && in.prepared &&
	      in.pending_seq == 2 && in.sequence == 0 && in.active == 0,
	      "HELLO: prepared sequence 2, still on slot 0");
	p[0] = 0;
	err = 0;
	CHECK(raw_call(&l, MSG_BEGIN, p, 1, &f, &err) == MSG_ERROR &&
	      err == -EBADMSG, "BEGIN without a length: -EBADMSG (%d)", err);
	put_le32(p, 16);
	err = 0;
	CHECK(raw_call(&l, MSG_BEGIN, p, 4, &f, &err) == MSG_ERROR &&
	      err == -EBUSY, "BEGIN while prepared: -EBUSY (%d)", err);
	put_le64(p, 99);
	err = 0;
	CHECK(raw_call(&l, MSG_COMMIT, p, 8, &f, &err) == MSG_ERROR &&
	      err == -ESTALE, "COMMIT of another sequence: -ESTALE (%d)", err);
	err = 0;
	CHECK(raw_call(&l, MSG_ABORT, p, 8, &f, &err) == MSG_ERROR &&
	      err == -ESTALE, "ABORT of another sequence: -ESTALE (%d)", err);
	err = 0;
	CHECK(raw_call(&l, MSG_COMMIT, p, 3, &f, &err) == MSG_ERROR &&
	      err == -EBADMSG, "COMMIT with a short payload: -EBADMSG (%d)", err);
	err = 0;
	CHECK(raw_call(&l, 0x33, NULL, 0, &f, &err) == MSG_ERROR &&
	      err == -EOPNOTSUPP, "unknown request: -EOPNOTSUPP (%d)", err);
	CHECK(raw_call(&l, MSG_STATUS, NULL, 0, &f, &err) == MSG_STATUS_R &&
	      !proto_info_decode(f.payload, f.len, &in) && in.prepared &&
	      in.active == 0, "still prepared on slot 0 after wrong requests");
	/* the main side's own recovery still works */
	r = host(NULL, 0, false, NULL, "reconcile", NULL);
	CHECK(r == 0, "reconcile after wrong requests: exit %d", r);
	expect_state("after wrong requests", dig_old, 0, 0);
	stop_coproc();
}

/* --- end-to-end ---------------------------------------------------- */

/* The main side's count of retransmissions, from its install line. */
static long retransmitted(const char *out)
{
	char line[512];
	long sent = 0, rt = -1;
	FILE *f = fopen(out, "r");

	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f) && strstr(line, "(frames sent "))
		sscanf(strstr(line, "(frames sent "),
		       "(frames sent %ld, retransmitted %ld)", &sent, &rt);
	fclose(f);
	return rt;
}

static bool log_has(const char *what)
{
	char line[512];
	bool found = false;
	FILE *f = fopen(logf, "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, what);
	fclose(f);
	return found;
}

/* Garbage, a frame with a bad CRC and one with an oversized length. */
static void line_noise(void)
{
	uint8_t fr[64];
	size_t n;

	if (write(master, "\x00\xa5\x13noise\xa5\x5a", 10) != 10)
		ko("write noise");
	n = proto_encode(fr, sizeof(fr), MSG_HELLO, 1, 1, NULL, 0);
	fr[n - 1] ^= 0xff;
	if (write(master, fr, n) != (ssize_t)n)
		ko("write bad frame");
	memcpy(fr, "\xa5\x5a\x02\x00\x01\x00\x01\x00\xff\x7f", 10);
	if (write(master, fr, 10) != 10)
		ko("write oversized frame");
	usleep(50000);
}

static void test_e2e(void)
{
	struct cstat c;
	int r;

	/* a good update: both switch */
	reset();
	start_coproc(0, false, 0);
	r = host(NULL, 0, false, NULL, "install", "e2.suit");
	CHECK(r == 0, "install e2: exit %d", r);
	expect_state("after install e2", dig_new, 2, 1);
	r = host(NULL, 0, false, NULL, "install", "e3.suit");
	CHECK(r == 0, "install e3 after e2: exit %d", r);
	expect_state("after install e3", dig_new3, 3, 0);
	/* rollback: e2 (sequence 2) after 3 is refused by the co-processor */
	r = host(NULL, 0, false, NULL, "install", "e2.suit");
	CHECK(r == 1, "rollback to sequence 2 refused: exit %d", r);
	expect_state("after refused rollback", dig_new3, 3, 0);

	/* bad signature: the co-processor refuses in phase 1, both stay */
	reset();
	start_coproc(0, false, 0);
	r = host(NULL, 0, false, NULL, "install", "ebad.suit");
	CHECK(r == 1, "install with a foreign signature refused: exit %d", r);
	expect_state("after bad signature", dig_old, 0, 0);
	r = host(NULL, 0, false, NULL, "install", "e2.suit");
	CHECK(r == 0, "install e2 after a refused one: exit %d", r);
	expect_state("e2 after bad signature", dig_new, 2, 1);

	/* the main side decides against switching: both stay */
	reset();
	start_coproc(0, false, 0);
	r = host(NULL, 0, false, "--refuse", "install", "e2.suit");
	CHECK(r == 5, "main refuses: exit %d", r);
	expect_state("after main refused", dig_old, 0, 0);
	r = host(NULL, 0, false, NULL, "install", "e2.suit");
	CHECK(r == 0, "install e2 after main refused: exit %d", r);
	expect_state("e2 after main refused", dig_new, 2, 1);

	/* a lossy line: retransmission carries the update through */
	reset();
	start_coproc(0, false, 4);
	r = host("lossy.txt", 0, false, "--drop-every", "install", "e2.suit");
	CHECK(r == 0, "install over a lossy line: exit %d", r);
	CHECK(retransmitted("lossy.txt") > 0,
	      "the lossy line made the main side retransmit");
	expect_state("after lossy install", dig_new, 2, 1);

	/* line noise and malformed frames: rejected, then a normal update */
	reset();
	start_coproc(0, false, 0);
	line_noise();
	r = host(NULL, 0, false, NULL, "install", "e2.suit");
	CHECK(r == 0, "install after line noise: exit %d", r);
	CHECK(log_has("suit-coproc: rejected frame: CRC mismatch") &&
	      log_has("suit-coproc: rejected frame: length above maximum"),
	      "the co-processor rejected the malformed frames with a reason");
	expect_state("after line noise", dig_new, 2, 1);
	/* refused updates: not an envelope, image too large, unknown URI */
	r = host(NULL, 0, false, NULL, "install", "new3.bin");
	CHECK(r == 1, "random bytes as an envelope refused: exit %d", r);
	r = host(NULL, 0, false, NULL, "install", "ebig.suit");
	CHECK(r == 1, "image larger than the slot refused: exit %d", r);
	r = host(NULL, 0, false, NULL, "install", "enouri.suit");
	CHECK(r == 1, "payload URI the main side lacks: exit %d", r);
	expect_state("after refused updates", dig_new, 2, 1);
	r = host(NULL, 0, false, NULL, "install", "e3.suit");
	CHECK(r == 0, "install e3 after refused ones: exit %d", r);
	expect_state("e3 after refused updates", dig_new3, 3, 0);
	/* a 30 KiB envelope with an integrated payload: BEGIN + FETCHes */
	r = host(NULL, 0, false, NULL, "install", "eint.suit");
	CHECK(r == 0, "install of an envelope with an integrated payload: exit %d", r);
	expect_state("after integrated payload", dig_int, 6, 1);
	/* an envelope built by coproc_mkenv (lib/'s CBOR encoder, OpenSSL) */
	r = host(NULL, 0, false, NULL, "install", "e7.suit");
	CHECK(r == 0, "install of the coproc_mkenv envelope: exit %d", r);
	expect_state("after coproc_mkenv envelope", dig_gen, 7, 0);

	/*
	 * Restart while prepared, without COMMIT: the co-processor keeps
	 * the old slot and its prepared state; reconcile aborts it.
	 */
	reset();
	start_coproc(0, false, 0);
	r = host(NULL, 1, false, NULL, "install", "e2.suit");
	CHECK(r == FLASH_CUT_EXIT, "main cut before its decision: exit %d", r);
	stop_coproc();
	if (!coproc_status(&c))
		CHECK(!strcmp(c.state, "prepared") && c.seq == 0 &&
		      !strcmp(c.digest, dig_old),
		      "prepared co-processor runs the old image (state %s)",
		      c.state);
	else
		ko("co-processor status");
	start_coproc(0, false, 0);
	if (!coproc_status(&c))
		CHECK(!strcmp(c.state, "prepared") && !strcmp(c.digest, dig_old),
		      "restart without commit keeps old slot and prepared state");
	r = host(NULL, 0, false, NULL, "reconcile", NULL);
	CHECK(r == 0, "reconcile: exit %d", r);
	expect_state("after reconcile (abort)", dig_old, 0, 0);
	stop_coproc();
}

/*
 * One power cut: run install e2 with the cut armed on @side (0 the
 * co-processor, 1 the main side) at operation @n; the whole device loses
 * power (both processes end). Power comes back: restart, reconcile,
 * check, install e3. Returns 0 if the cut fired and everything held, 1 on
 * a failure, -1 if @n is beyond the operations of a full install.
 */
static long outcome_new;

static int one_cut(int side, long n, bool torn)
{
	struct cstat c;
	bool is_new;
	int r, cst, bad = failed;
	unsigned int main_before;

	reset();
	start_coproc(side == 0 ? n : 0, torn, 0);
	if (side == 0) {
		r = host_with_coproc("install", "e2.suit", &cst);
		if (cst < 0)
			cst = stop_coproc();
	} else {
		r = host(NULL, n, torn, NULL, "install", "e2.suit");
		cst = stop_coproc();
	}
	if (side == 0 ? cst != FLASH_CUT_EXIT : r != FLASH_CUT_EXIT) {
		/* the cut never fired: the install must simply have worked */
		if (r != 0)
			ko("%s cut %ld beyond the end: install exit %d",
			   side ? "main" : "co-processor", n, r);
		return -1;
	}
	if (r == 4)
		ko("cut %ld: main side reported the sides inconsistent", n);
	tcflush(master, TCIOFLUSH);
	/* power back */
	start_coproc(0, false, 0);
	r = host(NULL, 0, false, NULL, "reconcile", NULL);
	CHECK(r == 0, "%s cut %ld%s: reconcile exit %d",
	      side ? "main" : "co-processor", n, torn ? " torn" : "", r);
	if (coproc_status(&c)) {
		ko("cut %ld: co-processor status unreadable", n);
		stop_coproc();
		return 1;
	}
	is_new = !strcmp(c.digest, dig_new);
	outcome_new += is_new;
	CHECK(is_new || !strcmp(c.digest, dig_old),
	      "cut %ld: co-processor runs neither the old nor the new image", n);
	main_before = is_new ? 1 : 0;
	expect_state(is_new ? "after cut: new" : "after cut: old",
		     is_new ? dig_new : dig_old, is_new ? 2 : 0, main_before);
	/* the next update works */
	r = host(NULL, 0, false, NULL, "install", "e3.suit");
	CHECK(r == 0, "cut %ld: next update exit %d", n, r);
	expect_state("next update after cut", dig_new3, 3, main_before ^ 1);
	stop_coproc();
	return failed != bad;
}

static void sweep(int side, bool torn, long *points, long *bad)
{
	long n;
	int r;

	outcome_new = 0;
	for (n = 1; n < 500; n++) {
		r = one_cut(side, n, torn);
		if (r < 0)
			break;
		(*points)++;
		if (r) {
			(*bad)++;
			printf("  (%s cut at operation %ld%s failed)\n",
			       side ? "main" : "co-processor", n,
			       torn ? ", torn" : "");
		}
	}
	printf("%s%s sweep: %ld cut points: %ld came back on the old images, %ld on the new\n",
	       side ? "main" : "co-processor", torn ? " (torn)" : "", n - 1,
	       n - 1 - outcome_new, outcome_new);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	long points = 0, bad = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: coproc_test BINDIR WORKDIR VENDOR CLASS\n");
		return 2;
	}
	bindir = argv[1];
	wd = argv[2];
	vendor = argv[3];
	class_hex = argv[4];
	if (chdir(wd))
		return 2;
	snprintf(flash, sizeof(flash), "%s/coproc.flash", wd);
	snprintf(mstate, sizeof(mstate), "%s/main.state", wd);
	snprintf(logf, sizeof(logf), "%s/log.txt", wd);
	if (file_sha256("old.bin", dig_old) || file_sha256("new.bin", dig_new) ||
	    file_sha256("new3.bin", dig_new3) || file_sha256("int.bin", dig_int) ||
	    file_sha256("gen.bin", dig_gen)) {
		fprintf(stderr, "coproc_test: images missing in %s\n", wd);
		return 2;
	}
	if (openpty(&master, &slave_fd, slave, NULL, NULL)) {
		perror("openpty");
		return 2;
	}
	/* keep a slave fd open: the pty stays up while the co-processor restarts */
	proto_tty_raw(slave_fd);
	setvbuf(stdout, NULL, _IOLBF, 0);

	test_proto();
	test_e2e();
	test_requests();
	sweep(0, false, &points, &bad);
	sweep(0, true, &points, &bad);
	sweep(1, false, &points, &bad);
	sweep(1, true, &points, &bad);
	CHECK(points > 0 && bad == 0, "power-cut sweep");
	printf("cut points: %ld, failed: %ld\n", points, bad);
	printf("coproc: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
