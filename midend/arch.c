/* The architectures the XDP backend compiles, as data: each package, the
 * blocks it takes in order, and where each block's parameters live in the
 * per-packet state (ir.h, IrBlock.slots). Lowering (lower.c) reads this
 * table; the backend's pipeline (emit_program.c) runs the blocks in order
 * with each architecture's glue between them. */
#include "ir.h"

#include <string.h>

static const char *const ebpf_parser[] = {NULL, "hdr"};
static const char *const ebpf_filter[] = {"hdr", "accept"};
static const char *const xdp_parser[] = {NULL, "hdr"};
static const char *const xdp_switch[] = {"hdr", "xin", "xout"};
static const char *const xdp_deparser[] = {"hdr", NULL};
static const char *const v1_parser[] = {NULL, "hdr", "meta", "std"};
static const char *const v1_checksum[] = {"hdr", "meta"};
static const char *const v1_pipe[] = {"hdr", "meta", "std"};
static const char *const v1_deparser[] = {NULL, "hdr"};

/* PSA: two pipelines of three blocks each (psa.p4's IngressPipeline and
 * EgressPipeline); ingress and egress keep headers and metadata apart
 * ("hdr"/"meta", "ehdr"/"emeta"), as the egress parser parses again what
 * the ingress deparser emitted. */
static const char *const psa_ip[] = {NULL, "hdr", "meta", "ip_in", "resubmit_meta", "recirc_meta"};
static const char *const psa_ig[] = {"hdr", "meta", "ig_in", "ig_out"};
static const char *const psa_id[] = {NULL, "ci2e_meta", "resubmit_meta", "normal_meta", "hdr",
                                     "meta", "ig_out"};
static const char *const psa_ep[] = {NULL, "ehdr", "emeta", "ep_in", "normal_meta", "ci2e_meta",
                                     "ce2e_meta"};
static const char *const psa_eg[] = {"ehdr", "emeta", "eg_in", "eg_out"};
static const char *const psa_ed[] = {NULL, "ce2e_meta", "recirc_meta", "ehdr", "emeta", "eg_out",
                                     "ed_in"};

/* PNA: one pipeline (pna.p4's PNA_NIC); the pre-control sees the main
 * parser's headers and metadata (pass_pna.c checks their types match). */
static const char *const pna_parser[] = {NULL, "hdr", "meta", "parser_in"};
static const char *const pna_pre[] = {"hdr", "meta", "pre_in", "pre_out"};
static const char *const pna_main[] = {"hdr", "meta", "main_in", "main_out"};
static const char *const pna_deparser[] = {NULL, "hdr", "meta", "main_out"};

static const IrArchDesc archs[] = {
    {"ebpfFilter", ARCH_EBPF_FILTER, "ebpf_model.p4", 2, {
        {"parser", BLOCK_PARSER, ebpf_parser, 2},
        {"filter", BLOCK_CONTROL, ebpf_filter, 2},
    }},
    {"xdp", ARCH_XDP, "xdp_model.p4", 3, {
        {"parser", BLOCK_PARSER, xdp_parser, 2},
        {"switch", BLOCK_CONTROL, xdp_switch, 3},
        {"deparser", BLOCK_DEPARSER, xdp_deparser, 2},
    }},
    {"V1Switch", ARCH_V1MODEL, "v1model.p4", 6, {
        {"parser", BLOCK_PARSER, v1_parser, 4},
        {"verifyChecksum", BLOCK_CONTROL, v1_checksum, 2},
        {"ingress", BLOCK_CONTROL, v1_pipe, 3},
        {"egress", BLOCK_CONTROL, v1_pipe, 3},
        {"computeChecksum", BLOCK_CONTROL, v1_checksum, 2},
        {"deparser", BLOCK_DEPARSER, v1_deparser, 2},
    }},
    /* The blocks in the order a packet meets them; lower.c takes them from
     * the two pipeline packages that PSA_Switch's first and third
     * arguments are. */
    {"PSA_Switch", ARCH_PSA, "psa.p4", 6, {
        {"ingressParser", BLOCK_PARSER, psa_ip, 6},
        {"ingress", BLOCK_CONTROL, psa_ig, 4},
        {"ingressDeparser", BLOCK_DEPARSER, psa_id, 7},
        {"egressParser", BLOCK_PARSER, psa_ep, 7},
        {"egress", BLOCK_CONTROL, psa_eg, 4},
        {"egressDeparser", BLOCK_DEPARSER, psa_ed, 7},
    }},
    {"PNA_NIC", ARCH_PNA, "pna.p4", 4, {
        {"mainParser", BLOCK_PARSER, pna_parser, 4},
        {"preControl", BLOCK_CONTROL, pna_pre, 4},
        {"mainControl", BLOCK_CONTROL, pna_main, 4},
        {"mainDeparser", BLOCK_DEPARSER, pna_deparser, 4},
    }},
};

const IrArchDesc *ir_arch_by_package(const char *package)
{
    for (size_t i = 0; i < sizeof archs / sizeof archs[0]; i++)
        if (strcmp(archs[i].package, package) == 0)
            return &archs[i];
    return NULL;
}

const char *ir_arch_name(IrArch arch)
{
    switch (arch) {
    case ARCH_EBPF_FILTER: return "ebpfFilter";
    case ARCH_XDP: return "xdp";
    case ARCH_V1MODEL: return "v1model";
    case ARCH_PSA: return "psa";
    case ARCH_PNA: return "pna";
    }
    return "?";
}

IrBlock *ir_block(IrProgram *ir, const char *role)
{
    for (int i = 0; i < ir->nblocks; i++)
        if (strcmp(ir->blocks[i].role, role) == 0)
            return &ir->blocks[i];
    return NULL;
}
