/* libFuzzer harness for the built-in preprocessor (src/cpp.c): any byte
 * string, saved as a file, is preprocessed. It must never crash, hang or
 * trip a sanitizer; giving up is a fine answer. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cpp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[] = "/tmp/p4cc-fuzz-cpp.XXXXXX";
    static char dir[sizeof path];
    static int fd = -1;
    if (fd < 0) {
        fd = mkstemp(path);
        if (fd < 0)
            abort();
        snprintf(dir, sizeof dir, "/tmp");
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    const char *args[] = {"-D", "FUZZ=1", "-I", dir};
    char why[256];
    size_t len = 0;
    free(cpp_builtin(path, args, 4, dir, &len, why, sizeof why));
    return 0;
}
