/* blast IFACE HEX COUNT: send COUNT copies of the frame HEX into IFACE as
 * fast as one thread can, and print "sent COUNT in SECONDS". The kernel
 * runs the XDP program of IFACE's peer (and what it redirects) in the
 * softirq that follows each send, on this CPU, so the time is the whole
 * path's (tests/integration/multicast-netns.sh). */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: blast IFACE HEX COUNT\n");
        return 2;
    }
    unsigned char frame[2048];
    size_t len = strlen(argv[2]) / 2;
    if (len > sizeof frame || len < 14)
        return 2;
    for (size_t i = 0; i < len; i++)
        sscanf(argv[2] + 2 * i, "%2hhx", &frame[i]);
    long count = atol(argv[3]);
    int s = socket(AF_PACKET, SOCK_RAW, 0);
    struct sockaddr_ll at = {.sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(argv[1])};
    if (s < 0 || !at.sll_ifindex || bind(s, (struct sockaddr *)&at, sizeof at)) {
        perror("blast");
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < count; i++)
        if (send(s, frame, len, 0) < 0) {
            perror("blast: send");
            return 1;
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("sent %ld in %.6f\n", count, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
