/* For unit tests that need the kernel: whether this process may create BPF
 * maps and load programs at all. 0, or a negative errno with a message in
 * ERR; the tests skip (exit 77) on -EPERM. */
#ifndef TESTS_BPF_PERMITTED_H
#define TESTS_BPF_PERMITTED_H

#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static inline int bpf_permitted(char *err, size_t errlen)
{
    int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot create a BPF map: %s", strerror(e));
        return -e;
    }
    close(fd);
    return 0;
}

#endif
