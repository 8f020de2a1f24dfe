/* Unit tests of places (midend/place.c): each program is parsed (no
 * preprocessor: a small prelude stands in for core.p4 and xdp_model.p4),
 * checked, lowered and run through the passes; the tests take the
 * l-values of its assignments, extracts and emits in order and assert
 * which are places, which places are equal or within others, and how
 * they print. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "ir.h"
#include "parse.h"
#include "sema.h"
#include "fixture.h"

static const char prelude[] =
    "error { NoError, PacketTooShort, NoMatch, StackOutOfBounds, HeaderTooShort }\n"
    "extern packet_in { void extract<T>(out T hdr); void advance(in bit<32> n); }\n"
    "extern packet_out { void emit<T>(in T hdr); }\n"
    "match_kind { exact, ternary, lpm }\n"
    "action NoAction() {}\n"
    "enum xdp_action { XDP_ABORTED, XDP_DROP, XDP_PASS, XDP_TX, XDP_REDIRECT }\n"
    "struct xdp_input { bit<32> input_port; }\n"
    "struct xdp_output { xdp_action output_action; bit<32> output_port; }\n"
    "parser xdp_parse<H>(packet_in packet, out H headers);\n"
    "control xdp_switch<H>(inout H headers, in xdp_input imd, out xdp_output omd);\n"
    "control xdp_deparse<H>(in H headers, packet_out packet);\n"
    "package xdp<H>(xdp_parse<H> p, xdp_switch<H> s, xdp_deparse<H> d);\n"
    "header h_t { bit<8> v; bit<8> w; }\n"
    "struct H { h_t a; h_t b; h_t[2] s; }\n";

/* The l-values of a program, in the order the walk meets them. */
typedef struct Lvalues {
    Node *items[32];
    int n;
} Lvalues;

static bool collect(Node *n, void *ctx)
{
    Lvalues *lv = ctx;
    if (n->kind == N_ASSIGN && lv->n < 32)
        lv->items[lv->n++] = n->lhs;
    if (n->kind == N_CALL && n->expr->kind == N_MEMBER && n->args.len >= 1 &&
        (strcmp(n->expr->name, "extract") == 0 || strcmp(n->expr->name, "emit") == 0) &&
        lv->n < 32)
        lv->items[lv->n++] = n->args.items[0]->expr;
    return true;
}

/* Compiles PRELUDE + SRC to the IR after every pass; the l-values of its
 * parser, control and deparser (blocks in order) in *LV. */
static IrProgram *lower(void **state, const char *src, Lvalues *lv)
{
    Fixture *f = *state;
    char *text = arena_printf(&f->arena, "%s%s", prelude, src);
    f->program = parse_program(&f->arena, &f->diag, text, strlen(text), "t.p4");
    assert_int_equal(f->diag.errors, 0);
    assert_true(sema_check(&f->arena, &f->diag, f->program));
    IrProgram *ir = ir_lower(&f->arena, &f->diag, f->program, "t");
    assert_non_null(ir);
    assert_true(ir_run_passes(ir, NULL, NULL));
    AstWalker w = {.pre = collect, .ctx = lv};
    lv->n = 0;
    for (int b = 0; b < ir->nblocks; b++) {
        for (int i = 0; i < ir->blocks[b].states.len; i++)
            ast_walk(ir->blocks[b].states.items[i], &w);
        if (ir->blocks[b].body)
            ast_walk(ir->blocks[b].body, &w);
    }
    return ir;
}

static IrPlace place(IrProgram *ir, const Lvalues *lv, int i)
{
    IrPlace p;
    assert_true(i < lv->n);
    if (!ir_place_of(ir, lv->items[i], &p))
        fail_msg("l-value %d is not a place", i);
    return p;
}

static const char *text(IrProgram *ir, const Lvalues *lv, int i)
{
    IrPlace p = place(ir, lv, i);
    return ir_place_text(ir->arena, &p);
}

static const char blocks[] =
    "parser P(packet_in pkt, out H hdr) {\n"
    "    state start { pkt.extract(hdr.a); pkt.extract(hdr.s.next); transition accept; }\n"
    "}\n"
    "control C(inout H hdr, in xdp_input xin, out xdp_output xout) {\n"
    "    apply {\n"
    "        hdr.a.v = 1;\n"                               /* 2 */
    "        hdr.s[1].w = 2;\n"                            /* 3 */
    "        hdr.s[0].w = 3;\n"                            /* 4 */
    "        hdr.b = hdr.a;\n"                             /* 5 */
    "        xout.output_action = xdp_action.XDP_PASS;\n"  /* 6 */
    "        xout = { xdp_action.XDP_DROP, 0 };\n"         /* 7 */
    "    }\n"
    "}\n"
    "control D(in H hdr, packet_out pkt) {\n"
    "    apply { pkt.emit(hdr.a); pkt.emit(hdr.s[1]); }\n"  /* 8, 9 */
    "}\n"
    "xdp(P(), C(), D()) main;\n";

/* The blocks' `hdr` parameters, three declarations, are one place: the
 * per-packet state's hdr. */
static void test_block_parameters_share_a_root(void **state)
{
    Lvalues lv;
    IrProgram *ir = lower(state, blocks, &lv);
    assert_int_equal(lv.n, 10);
    assert_string_equal(text(ir, &lv, 0), "state.hdr.a");
    IrPlace extracted = place(ir, &lv, 0), emitted = place(ir, &lv, 8);
    assert_ptr_not_equal(extracted.decl, emitted.decl);
    assert_true(ir_place_equal(&extracted, &emitted));
    IrPlace field = place(ir, &lv, 2), whole = place(ir, &lv, 5);
    assert_string_equal(ir_place_text(ir->arena, &field), "state.hdr.a.v");
    assert_true(ir_place_within(&field, &extracted));
    assert_false(ir_place_within(&extracted, &field));
    assert_false(ir_place_equal(&field, &extracted));
    assert_true(ir_places_overlap(&extracted, &field));
    assert_false(ir_places_overlap(&whole, &field));   /* hdr.b, hdr.a.v */
}

/* Constant indexes are steps; a stack's next is no place. */
static void test_constant_indexes(void **state)
{
    Lvalues lv;
    IrProgram *ir = lower(state, blocks, &lv);
    IrPlace next;
    assert_false(ir_place_of(ir, lv.items[1], &next));   /* hdr.s.next */
    assert_string_equal(text(ir, &lv, 3), "state.hdr.s[1].w");
    IrPlace s1w = place(ir, &lv, 3), s0w = place(ir, &lv, 4), s1 = place(ir, &lv, 9);
    assert_false(ir_places_overlap(&s1w, &s0w));
    assert_true(ir_place_within(&s1w, &s1));
    assert_false(ir_place_within(&s0w, &s1));
}

/* A parameter that is its block's own (xout) is a slot as well. */
static void test_within_a_parameter(void **state)
{
    Lvalues lv;
    IrProgram *ir = lower(state, blocks, &lv);
    IrBlock *c = ir_block(ir, "switch");
    IrPlace xout, action = place(ir, &lv, 6), whole = place(ir, &lv, 7);
    ir_place_root(ir, c->params.items[2], &xout);
    assert_string_equal(ir_place_text(ir->arena, &xout), "state.xout");
    assert_true(ir_place_within(&action, &xout));
    assert_true(ir_place_equal(&whole, &xout));
    assert_int_equal(action.len, 1);
    assert_string_equal(action.steps[0].field, "output_action");
}

/* Run-time indexes are no places (the inliner saves them into locals of
 * its own, which have no C name yet when the backend's analyses run);
 * locals of the same name in different scopes are different places. */
static void test_runtime_indexes_and_locals(void **state)
{
    Lvalues lv;
    IrProgram *ir = lower(state,
        "parser P(packet_in pkt, out H hdr) { state start { pkt.extract(hdr.a); transition accept; } }\n"
        "control C(inout H hdr, in xdp_input xin, out xdp_output xout) {\n"
        "    action set(inout bit<8> x) { x = 7; }\n"
        "    apply {\n"
        "        if (hdr.a.v == 0) { bit<8> t = 1; t = 2; } else { bit<8> t = 3; t = 4; }\n"
        "        set(hdr.s[hdr.a.w].v);\n"
        "    }\n"
        "}\n"
        "control D(in H hdr, packet_out pkt) { apply { pkt.emit(hdr.a); } }\n"
        "xdp(P(), C(), D()) main;\n", &lv);
    int runtime = -1, nt = 0;
    IrPlace t[4];
    for (int i = 0; i < lv.n; i++) {
        IrPlace p;
        if (lv.items[i]->kind == N_INDEX || (lv.items[i]->kind == N_MEMBER &&
                                             lv.items[i]->expr->kind == N_INDEX &&
                                             lv.items[i]->expr->lhs->kind == N_NAME)) {
            assert_false(ir_place_of(ir, lv.items[i], &p));
            runtime = i;
        } else if (lv.items[i]->kind == N_NAME && strcmp(lv.items[i]->name, "t") == 0 && nt < 4) {
            t[nt++] = place(ir, &lv, i);
        }
    }
    assert_true(runtime >= 0);
    assert_int_equal(nt, 2);   /* the initializers are declarations, not assignments */
    assert_string_equal(ir_place_text(ir->arena, &t[0]), "t");
    assert_false(ir_place_equal(&t[0], &t[1]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_block_parameters_share_a_root),
        TEST(test_constant_indexes),
        TEST(test_within_a_parameter),
        TEST(test_runtime_indexes_and_locals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
