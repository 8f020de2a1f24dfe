/* Fixture: a program the verifier rejects, as p4cc's C would look with
 * #line directives back to the P4 source (reject.p4 does not exist; the
 * names in the log are all that matters). The read of byte 20 has no bounds
 * check. The #line before the function matters: clang's BTF line info takes
 * the file name from the function, the line numbers from each statement. */
#include "runtime.h"

#line 37 "reject.p4"
SEC("xdp")
int p4cc_main(struct xdp_md *ctx)
{
    __u8 *p = (void *)(long)ctx->data;
    __u8 *end = (void *)(long)ctx->data_end;
#line 41 "reject.p4"
    if (p + 1 > end)
        return XDP_DROP;
#line 42 "reject.p4"
    if (p[0] == 1)
#line 43 "reject.p4"
        return p[20] == 2 ? XDP_PASS : XDP_DROP;
#line 44 "reject.p4"
    return XDP_PASS;
}
