/* libFuzzer harness: any byte string is parsed as an STF packet test
 * (p4ctl test's input). It must never crash, hang or trip a sanitizer;
 * every error it reports must carry a position inside the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "stf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    StfScript script;
    int rc = stf_parse("fuzz.stf", (const char *)data, size, &script);
    if (rc != 0 && script.nerrors == 0)
        abort(); /* a failure must say why */
    for (size_t i = 0; i < script.nerrors; i++)
        if (script.errors[i].pos.line < 1 || script.errors[i].pos.col < 1)
            abort();
    stf_free(&script);
    return 0;
}
