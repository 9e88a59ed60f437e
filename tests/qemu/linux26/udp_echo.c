/*
 * udp_echo.c — the host side of the e1000 traffic scenario: a UDP echo
 * service on 127.0.0.1, which QEMU's user network reaches from the guest
 * as 10.0.2.2.
 *
 * usage: udp_echo --port-file F --log F [--lifetime SECONDS]
 *
 * Binds an ephemeral port (so scenarios can run side by side), writes its
 * number to the port file, then detaches: the parent exits 0 once the
 * service is ready, so it can run as a scenario's PREPARE step. The child
 * echoes every datagram back to its sender, appends "echo <bytes> bytes from
 * <addr>:<port>" to the log, and exits on SIGTERM or after the lifetime
 * (default 600 s), so it never outlives a crashed run for long.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int r = 0;

	if (!f)
		return -1;
	if (fputs(text, f) == EOF)
		r = -1;
	if (fclose(f) != 0)
		r = -1;
	return r;
}

static void serve(int fd, FILE *log, long lifetime)
{
	static unsigned char buf[65536];
	time_t end = time(NULL) + lifetime;
	struct sigaction sa = {.sa_handler = on_term};

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	while (!stop && time(NULL) < end) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		if (poll(&p, 1, 500) <= 0)
			continue;
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		             &fl);
		if (n < 0)
			continue;
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from,
		           fl) != n)
			fprintf(log, "send back failed: %s\n", strerror(errno));
		fprintf(log, "echo %zd bytes from %s:%u\n", n,
		        inet_ntoa(from.sin_addr), ntohs(from.sin_port));
		fflush(log);
	}
	fprintf(log, "stopped (%s)\n", stop ? "signal" : "lifetime over");
}

int main(int argc, char **argv)
{
	const char *port_file = NULL, *log_file = NULL;
	long lifetime = 600;
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t al = sizeof(a);
	char text[32];
	FILE *log;
	pid_t pid;
	int fd, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--port-file") && i + 1 < argc)
			port_file = argv[++i];
		else if (!strcmp(argv[i], "--log") && i + 1 < argc)
			log_file = argv[++i];
		else if (!strcmp(argv[i], "--lifetime") && i + 1 < argc)
			lifetime = strtol(argv[++i], NULL, 10);
		else
			break;
	}
	if (i < argc || !port_file || !log_file || lifetime <= 0) {
		fprintf(stderr,
		        "usage: %s --port-file F --log F "
		        "[--lifetime SECONDS]\n",
		        argv[0]);
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
		fprintf(stderr, "udp_echo: no UDP socket on 127.0.0.1: %s\n",
		        strerror(errno));
		return 1;
	}
	log = fopen(log_file, "w");
	snprintf(text, sizeof(text), "%u\n", ntohs(a.sin_port));
	if (!log || write_file(port_file, text) != 0) {
		fprintf(stderr, "udp_echo: cannot write %s or %s: %s\n",
		        port_file, log_file, strerror(errno));
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "udp_echo: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid > 0) {
		printf("udp_echo: serving 127.0.0.1:%u (pid %d)\n",
		       ntohs(a.sin_port), (int)pid);
		return 0;
	}
	/* Detached from the runner's output, which ctest waits to close. */
	setsid();
	if (!freopen("/dev/null", "r", stdin) ||
	    !freopen("/dev/null", "w", stdout) ||
	    !freopen("/dev/null", "w", stderr))
		return 1;
	fprintf(log, "pid %d\n", (int)getpid());
	fflush(log);
	serve(fd, log, lifetime);
	fclose(log);
	return 0;
}
