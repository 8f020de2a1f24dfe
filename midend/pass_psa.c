/* PSA's externs as the intrinsics (N_INTRINSIC) and plain code that
 * v1model's lowering leaves (pass_v1model.c), so the backend computes them
 * with the same code and knows no PSA extern by name (psa.p4; BMv2's
 * psa_switch is the reference):
 *
 *   c.count(i)                  @counter_count(c, (bit<32>)i)
 *   d.count()                   nothing (a hit of the table counts)
 *   r.read(i)                   (T)@register_read(r, (bit<32>)i, 0)
 *   r.write(i, v)               @register_write(r, (bit<32>)i, (bit<W>)v)
 *   h.get_hash(data)            (O)@hash.ALGO(fields of data)
 *   h.get_hash(base, data, max) base + (max ? @hash.ALGO(...) % max : 0)
 *   rnd.read()                  @random(min, max)   (its constructor's)
 *   d.pack(data)                @digest(each field of data)   (digests.c)
 *   m.execute(i), dm.execute()  @meter_execute(m, (bit<32>)i, 0),
 *                               @direct_meter_read(dm, 0) as PSA_MeterColor_t
 *   ck.clear()                  ck_csum_state = 0
 *   ck.add(data)                ck_csum_state = ~@hash.csum16(ck_csum_state, fields...)
 *   ck.subtract(data)           ck_csum_state = ~@hash.csum16(ck_csum_state, ~fields...)
 *   ck.get()                    ~ck_csum_state
 *   ck.get_state(), set_state(s)  ck_csum_state, ck_csum_state = s
 *   psa_clone_i2e(o)            o.clone
 *   psa_resubmit(o)             !o.drop && o.resubmit
 *   psa_normal(o)               !o.drop && !o.resubmit
 *   psa_clone_e2e(o)            o.clone
 *   psa_recirculate(o, d)       !o.drop && d.egress_port == PSA_PORT_RECIRCULATE
 *   assert(c), assume(c)        if (!c) @abort()
 *
 * and an ActionSelector's table gets the hash of its selector fields
 * (IrTable.selector_hash), with the selector's algorithm.
 *
 * An extern object may reach a control instance through a parameter: the
 * methods then name the object its applies pass (extern_params.c).
 *
 * ck_csum_state is the one's complement sum an InternetChecksum instance holds: a
 * bit<16> variable of the block that declares the instance, cleared when
 * that block starts (psa.p4: its state is per packet). The instance's
 * other uses (Hash, Random, InternetChecksum keep no state across
 * packets) need no IrExtern (lower.c, ir_psa_stateless_extern).
 *
 * The traffic manager's requests (drop, multicast, clone, resubmit, the
 * recirculation port) stay assignments to the output metadata, which the
 * backend reads (emit_psa.c). Runs before inlining, like
 * pass_v1model.c, so the actions of psa.p4 (send_to_port, ...) are
 * checked once, in their own bodies. */
#include "ir.h"

#include <string.h>

#include "build.h"
#include "copy.h"

/* An InternetChecksum instance and its sum variable. */
typedef struct CkSum {
    Node *inst;
    Node *var;
} CkSum;

typedef struct Psa {
    IrProgram *ir;
    Arena *arena;
    const IrExternBindings *bindings;   /* extern objects passed to parameters */
    CkSum *sums;
    int nsums;
    bool ok;
} Psa;

static Node *mk(Psa *p, NodeKind kind, const Node *at, Type *ty)
{
    return ir_node(p->arena, kind, at, ty);
}

static Type *bits(Psa *p, int w)
{
    return type_bits(p->arena, w, false);
}

static Node *ref(Psa *p, Node *decl, const Node *at)
{
    return ir_name(p->arena, decl, at);
}

static Node *lit(Psa *p, unsigned long long v, Type *ty, const Node *at)
{
    return ir_int(p->arena, v, ty, at);
}

static Node *cast(Psa *p, Node *e, Type *to, const Node *at)
{
    return ir_cast(p->arena, e, to, at);
}

/* A value of a new type (PortId_t) or serializable enum as its bits. */
static Node *as_bits(Psa *p, Node *e)
{
    Type *t = e->ty;
    while (t && (t->kind == T_NEWTYPE || t->kind == T_SERENUM) && t->base)
        t = t->base;
    return t && t != e->ty ? cast(p, e, t, e) : e;
}

static Node *binary(Psa *p, Op op, Node *l, Node *r, Type *ty, const Node *at)
{
    return ir_binary(p->arena, op, l, r, ty, at);
}

static Node *unary(Psa *p, Op op, Node *e, Type *ty, const Node *at)
{
    return ir_unary(p->arena, op, e, ty, at);
}

static Node *member(Psa *p, Node *base, const char *name, const Node *at)
{
    return ir_member(p->arena, base, name, at);
}

static Node *assign(Psa *p, Node *lhs, Node *rhs, const Node *at)
{
    return ir_assign(p->arena, lhs, rhs, at);
}

static Node *intrinsic(Psa *p, const char *name, Type *ty, const Node *at)
{
    Node *n = mk(p, N_INTRINSIC, at, ty);
    n->name = name;
    return n;
}

static Node *arg(Node *call, int i)
{
    return i < call->args.len ? call->args.items[i]->expr : NULL;
}

static void fail(Psa *p, const Node *at, const char *msg, const char *what)
{
    diag_error(p->ir->diag, at->loc, msg, what);
    p->ok = false;
}

/* The fields of DATA, flattened into OUT as bit or bool values (a list,
 * struct expression, struct or header: each field in order). COMPLEMENT:
 * each one's bits inverted (a checksum's subtract). */
static bool flatten(Psa *p, Node *data, NodeList *out, bool complement)
{
    const Type *t = data->ty;
    if (data->kind == N_LIST_EXPR || data->kind == N_STRUCT_EXPR) {
        for (int i = 0; i < data->items.len; i++) {
            Node *e = data->items.items[i];
            if (!flatten(p, e->kind == N_KV ? e->expr : e, out, complement))
                return false;
        }
        return true;
    }
    if (t && (t->kind == T_STRUCT || t->kind == T_HEADER)) {
        for (int i = 0; i < t->nfields; i++)
            if (!flatten(p, member(p, copy_plain(p->arena, data), t->fields[i].name, data), out,
                         complement))
                return false;
        return true;
    }
    data = as_bits(p, data);
    if (!data->ty || (data->ty->kind != T_BITS && data->ty->kind != T_BOOL)) {
        fail(p, data, "a field of type '%s' in a hash or checksum is not supported by the XDP "
                      "backend (bit<W> fields are)",
             data->ty ? type_name(p->arena, data->ty) : "?");
        return false;
    }
    if (complement) {
        if (data->ty->kind == T_BOOL)
            data = cast(p, data, bits(p, 1), data);
        data = unary(p, OP_COMPLEMENT, data, data->ty, data);
    }
    node_list_push(p->arena, out, data);
    return true;
}

/* @hash.ALGO over DATA for PSA_HashAlgorithm_t member ALGO (an N_MEMBER). */
static Node *hash_of(Psa *p, const Node *algo, Node *data, Type *ty, const Node *at)
{
    static const char *const names[][2] = {
        {"IDENTITY", "identity"}, {"CRC32", "crc32"}, {"CRC32_CUSTOM", "crc32"},
        {"CRC16", "crc16"}, {"CRC16_CUSTOM", "crc16"}, {"ONES_COMPLEMENT16", "csum16"},
        {"TARGET_DEFAULT", "crc32"},
    };
    const char *name = NULL;
    for (size_t i = 0; algo && algo->kind == N_MEMBER && i < sizeof names / sizeof *names; i++)
        if (strcmp(algo->name, names[i][0]) == 0)
            name = names[i][1];
    if (!name) {
        fail(p, algo ? algo : at, "the hash algorithm '%s' is not supported by the XDP backend "
                                  "(a constant PSA_HashAlgorithm_t is)",
             algo && algo->kind == N_MEMBER ? algo->name : "?");
        return NULL;
    }
    Node *h = intrinsic(p, "hash", ty, at);
    h->text = name;
    return flatten(p, data, &h->args, false) ? h : NULL;
}

/* The sum variable of InternetChecksum instance INST, made on first use
 * and declared with the block or control instance that declares INST. */
static Node *sum_of(Psa *p, Node *inst, const Node *at)
{
    for (int i = 0; i < p->nsums; i++)
        if (p->sums[i].inst == inst)
            return ref(p, p->sums[i].var, at);
    Node *var = mk(p, N_VAR, inst, bits(p, 16));
    var->name = arena_printf(p->arena, "%s_csum_state", inst->name);
    var->type = ast_new(p->arena, N_TYPE_NAME, inst->loc);
    var->type->name = "bit<16>";
    var->type->ty = var->ty;
    var->expr = lit(p, 0, var->ty, inst);
    NodeList *locals = NULL;
    for (int b = 0; b < p->ir->nblocks && !locals; b++)
        for (int i = 0; i < p->ir->blocks[b].decl->locals.len; i++)
            if (p->ir->blocks[b].decl->locals.items[i] == inst)
                locals = &p->ir->blocks[b].locals;
    for (int n = 0; n < p->ir->ninstances && !locals; n++)
        for (int i = 0; i < p->ir->instances[n]->control->locals.len; i++)
            if (p->ir->instances[n]->control->locals.items[i] == inst)
                locals = &p->ir->instances[n]->locals;
    if (!locals) {
        fail(p, at, "an InternetChecksum declared outside a parser or control ('%s') is not "
                    "supported by the XDP backend", inst->name);
        return NULL;
    }
    node_list_push(p->arena, locals, var);
    p->sums = arena_realloc(p->arena, p->sums, sizeof *p->sums * (size_t)p->nsums,
                            sizeof *p->sums * (size_t)(p->nsums + 1));
    p->sums[p->nsums++] = (CkSum){inst, var};
    return ref(p, var, at);
}

/* SUM with DATA's 16-bit words added (one's complement, end-around carry):
 * csum16 is the complement of that sum, so its complement is the sum. */
static Node *sum_with(Psa *p, Node *sum, Node *data, bool subtract, const Node *at)
{
    Node *h = intrinsic(p, "hash", bits(p, 16), at);
    h->text = "csum16";
    node_list_push(p->arena, &h->args, sum);
    if (!flatten(p, data, &h->args, subtract))
        return NULL;
    return unary(p, OP_COMPLEMENT, h, bits(p, 16), at);
}

/* v1model's colour C (bit<8>: 0 green, 1 yellow, 2 red) as the
 * PSA_MeterColor_t that CALL returns: the enum's value of each colour
 * (its position, as the backend numbers enum members), picked from a
 * constant by shifting, so C is computed once. */
static Node *colour(Psa *p, Node *c, Node *call)
{
    static const char *const names[] = {"GREEN", "YELLOW", "RED"};
    const Node *decl = call->ty && call->ty->kind == T_ENUM ? call->ty->decl : NULL;
    unsigned long long table = 0;
    for (int k = 0; k < 3; k++) {
        int pos = -1;
        for (int i = 0; decl && i < decl->items.len; i++)
            if (strcmp(decl->items.items[i]->name, names[k]) == 0)
                pos = i;
        if (pos < 0 || pos > 255) {
            fail(p, call, p->ir->arch == ARCH_PNA ? "a meter's result must be pna.p4's %s"
                                                  : "a meter's result must be psa.p4's %s",
                 p->ir->arch == ARCH_PNA ? "PNA_MeterColor_t" : "PSA_MeterColor_t");
            return NULL;
        }
        table |= (unsigned long long)pos << (8 * k);
    }
    Type *u32 = bits(p, 32);
    Node *shift = binary(p, OP_SHL, cast(p, c, u32, call), lit(p, 3, u32, call), u32, call);
    Node *v = binary(p, OP_SHR, lit(p, table, u32, call), shift, u32, call);
    v = binary(p, OP_BIT_AND, v, lit(p, 0xff, u32, call), u32, call);
    return cast(p, v, call->ty, call);
}

/* The constructor argument I of extern instance INST. */
static Node *ctor_arg(Node *inst, int i)
{
    return i < inst->args.len ? inst->args.items[i]->expr : NULL;
}

/* The replacement of method call CALL of instance INST (type T): an
 * expression, or for a statement a statement; NULL: none (an error was
 * reported when P->ok is false). */
static Node *method(Psa *p, Node *call, Node *inst, const char *m, bool stmt)
{
    const Type *t = inst->ty;
    IrExtern *x = ir_find_extern(p->ir, inst);
    if (strcmp(t->name, "Counter") == 0 && x && strcmp(m, "count") == 0) {
        Node *c = intrinsic(p, "counter_count", type_simple(T_VOID), call);
        node_list_push(p->arena, &c->args, ref(p, inst, call));
        node_list_push(p->arena, &c->args, cast(p, as_bits(p, arg(call, 0)), bits(p, 32), call));
        return c;
    }
    if (strcmp(t->name, "DirectCounter") == 0 && strcmp(m, "count") == 0)
        return mk(p, N_EMPTY_STMT, call, NULL);
    if ((strcmp(t->name, "Meter") == 0 || strcmp(t->name, "DirectMeter") == 0) && x &&
        strcmp(m, "execute") == 0) {
        bool direct = t->name[0] == 'D';
        if (call->args.len > (direct ? 0 : 1)) {
            fail(p, call, "a colour-aware %s is not supported by the XDP backend yet "
                          "(execute without a colour is)", t->name);
            return NULL;
        }
        Node *c = intrinsic(p, direct ? "direct_meter_read" : "meter_execute", bits(p, 8), call);
        node_list_push(p->arena, &c->args, ref(p, inst, call));
        if (!direct)
            node_list_push(p->arena, &c->args,
                           cast(p, as_bits(p, arg(call, 0)), bits(p, 32), call));
        node_list_push(p->arena, &c->args, lit(p, 0, bits(p, 8), call));   /* green */
        return stmt ? c : colour(p, c, call);   /* a statement meters, unread */
    }
    if (strcmp(t->name, "Register") == 0 && x) {
        Type *cell = bits(p, x->width);
        if (strcmp(m, "read") == 0) {
            Node *r = intrinsic(p, "register_read", cell, call);
            node_list_push(p->arena, &r->args, ref(p, inst, call));
            node_list_push(p->arena, &r->args, cast(p, as_bits(p, arg(call, 0)), bits(p, 32), call));
            node_list_push(p->arena, &r->args, lit(p, 0, cell, call));
            return cast(p, r, call->ty, call);
        }
        if (strcmp(m, "write") == 0) {
            Node *w = intrinsic(p, "register_write", type_simple(T_VOID), call);
            node_list_push(p->arena, &w->args, ref(p, inst, call));
            node_list_push(p->arena, &w->args, cast(p, as_bits(p, arg(call, 0)), bits(p, 32), call));
            node_list_push(p->arena, &w->args, cast(p, as_bits(p, arg(call, 1)), cell, call));
            return w;
        }
    }
    if (strcmp(t->name, "Hash") == 0 && strcmp(m, "get_hash") == 0) {
        Type *u64 = bits(p, 64);
        if (call->args.len == 1) {
            Node *h = hash_of(p, ctor_arg(inst, 0), arg(call, 0), u64, call);
            return h ? cast(p, h, call->ty, call) : NULL;
        }
        Node *base = arg(call, 0), *max = arg(call, 2);
        Node *h = hash_of(p, ctor_arg(inst, 0), arg(call, 1), u64, call);
        if (!h)
            return NULL;
        Node *off = mk(p, N_TERNARY, call, u64);
        off->expr = binary(p, OP_NE, cast(p, as_bits(p, copy_plain(p->arena, max)), u64, call),
                           lit(p, 0, u64, call), type_simple(T_BOOL), call);
        off->lhs = binary(p, OP_MOD, h, cast(p, as_bits(p, max), u64, call), u64, call);
        off->rhs = lit(p, 0, u64, call);
        Node *sum = binary(p, OP_ADD, cast(p, as_bits(p, base), u64, call), off, u64, call);
        return cast(p, sum, call->ty, call);
    }
    if (strcmp(t->name, "Random") == 0 && strcmp(m, "read") == 0) {
        Node *r = intrinsic(p, "random", call->ty, call);
        node_list_push(p->arena, &r->args, ctor_arg(inst, 0));
        node_list_push(p->arena, &r->args, ctor_arg(inst, 1));
        return r;
    }
    if (strcmp(t->name, "Digest") == 0 && strcmp(m, "pack") == 0 && stmt) {
        /* v1model's digest<T>(receiver, data), which digests.c reads. */
        Node *v1 = mk(p, N_CALL, call, type_simple(T_VOID));
        v1->expr = call->expr;
        node_list_push(p->arena, &v1->args, call->args.items[0]);
        node_list_push(p->arena, &v1->args, call->args.items[0]);
        Node *s = mk(p, N_CALL_STMT, call, NULL);
        s->expr = v1;
        s = ir_digest_call(p->ir, s);
        if (!s)
            p->ok = false;
        return s ? s->expr : NULL;
    }
    if (strcmp(t->name, "InternetChecksum") == 0) {
        Node *sum = sum_of(p, inst, call);
        if (!sum)
            return NULL;
        if (strcmp(m, "clear") == 0)
            return assign(p, sum, lit(p, 0, bits(p, 16), call), call);
        if (strcmp(m, "add") == 0 || strcmp(m, "subtract") == 0) {
            Node *v = sum_with(p, copy_plain(p->arena, sum), arg(call, 0), m[0] == 's', call);
            return v ? assign(p, sum, v, call) : NULL;
        }
        if (strcmp(m, "get") == 0)
            return unary(p, OP_COMPLEMENT, sum, bits(p, 16), call);
        if (strcmp(m, "get_state") == 0)
            return sum;
        if (strcmp(m, "set_state") == 0)
            return assign(p, sum, arg(call, 0), call);
    }
    fail(p, call, p->ir->arch == ARCH_PNA
                  ? "'%s' of this extern is not supported by the XDP backend for PNA"
                  : "'%s' of this extern is not supported by the XDP backend for PSA", m);
    return NULL;
}

/* PSA's predicates over the output metadata (psa.p4). */
static Node *predicate(Psa *p, Node *call, const char *f)
{
    Type *b = type_simple(T_BOOL);
    Node *o = arg(call, 0);
    if (strcmp(f, "psa_clone_i2e") == 0 || strcmp(f, "psa_clone_e2e") == 0)
        return member(p, o, "clone", call);
    Node *live = unary(p, OP_NOT, member(p, o, "drop", call), b, call);
    if (strcmp(f, "psa_resubmit") == 0)
        return binary(p, OP_AND, live, member(p, copy_plain(p->arena, o), "resubmit", call), b,
                      call);
    if (strcmp(f, "psa_normal") == 0)
        return binary(p, OP_AND, live,
                      unary(p, OP_NOT, member(p, copy_plain(p->arena, o), "resubmit", call), b,
                            call), b, call);
    if (strcmp(f, "psa_recirculate") == 0) {
        Node *port = as_bits(p, member(p, arg(call, 1), "egress_port", call));
        return binary(p, OP_AND, live,
                      binary(p, OP_EQ, port, lit(p, 0xfffffffaULL, port->ty, call), b, call), b,
                      call);
    }
    return NULL;
}

/* What replaces call CALL (STMT: a call statement's), or NULL. */
static Node *replacement(Psa *p, Node *call, bool stmt)
{
    Node *callee = call->expr;
    /* The receiver: an instance, or a parameter an apply binds to one. */
    Node *target = callee->kind == N_MEMBER && callee->expr->kind == N_NAME
                   ? ir_bound_extern(p->bindings, callee->expr->ref) : NULL;
    if (target && target->kind == N_INSTANCE && target->ty && target->ty->kind == T_EXTERN)
        return method(p, call, target, callee->name, stmt);
    if (callee->kind == N_MEMBER && callee->expr->kind == N_NAME && callee->expr->ref &&
        callee->expr->ref->kind == N_PARAM && callee->expr->ref->ty &&
        callee->expr->ref->ty->kind == T_EXTERN && strcmp(callee->expr->ref->ty->name, "packet_in") != 0 &&
        strcmp(callee->expr->ref->ty->name, "packet_out") != 0) {
        fail(p, call, "the XDP backend needs the extern object of parameter '%s' passed by an "
                      "apply of its control", callee->expr->name);
        return NULL;
    }
    if (callee->kind != N_NAME || !callee->ref || callee->ref->kind != N_EXTERN_FUNCTION)
        return NULL;
    const char *f = callee->name;
    if (strncmp(f, "psa_", 4) == 0)
        return predicate(p, call, f);
    if (stmt && (strcmp(f, "assert") == 0 || strcmp(f, "assume") == 0)) {
        Node *abort = intrinsic(p, "abort", type_simple(T_VOID), call);
        Node *s = mk(p, N_CALL_STMT, call, NULL);
        s->expr = abort;
        Node *i = mk(p, N_IF, call, NULL);
        i->expr = unary(p, OP_NOT, arg(call, 0), type_simple(T_BOOL), call);
        i->body = ast_new(p->arena, N_BLOCK, call->loc);
        node_list_push(p->arena, &i->body->items, s);
        return i;
    }
    return NULL;
}

static bool visit(Node *n, void *ctx);

/* The statement in *SLOT: a call statement replaced, anything else
 * walked for expressions. */
static void rewrite(Psa *p, Node **slot, bool stmt)
{
    Node *s = *slot;
    if (!s)
        return;
    if (stmt && s->kind == N_CALL_STMT && s->expr->kind == N_CALL) {
        for (int i = 0; i < s->expr->args.len; i++)
            rewrite(p, &s->expr->args.items[i]->expr, false);
        Node *r = replacement(p, s->expr, true);
        /* A value no one reads, computed without side effects. */
        if (r && r->kind != N_ASSIGN && r->kind != N_IF && r->kind != N_EMPTY_STMT &&
            r->kind != N_INTRINSIC)
            r = mk(p, N_EMPTY_STMT, s, NULL);
        if (r && r->kind == N_INTRINSIC) {
            Node *cs = mk(p, N_CALL_STMT, s, NULL);
            cs->expr = r;
            r = cs;
        }
        if (r)
            *slot = r;
        return;
    }
    AstWalker w = {.pre = visit, .ctx = p};
    ast_walk(s, &w);
}

/* Expressions anywhere: calls replaced in place (the node keeps its
 * identity, so whatever holds it sees the replacement); statements in
 * lists and branches through rewrite. */
static bool visit(Node *n, void *ctx)
{
    Psa *p = ctx;
    switch (n->kind) {
    case N_BLOCK: case N_STATE:
        for (int i = 0; i < n->items.len; i++)
            rewrite(p, &n->items.items[i], true);
        if (n->kind == N_STATE && n->body)
            rewrite(p, &n->body, false);
        return false;
    case N_IF:
        rewrite(p, &n->expr, false);
        rewrite(p, &n->body, true);
        rewrite(p, &n->else_body, true);
        return false;
    case N_SWITCH:
        rewrite(p, &n->expr, false);
        for (int i = 0; i < n->items.len; i++)
            rewrite(p, &n->items.items[i]->body, true);
        return false;
    case N_FOR: case N_FOR_IN:
        return true;
    case N_CALL: {
        Node *r = replacement(p, n, false);
        if (r) {
            ast_walk(r, &(AstWalker){.pre = visit, .ctx = p});
            *n = *r;
            return false;
        }
        return true;
    }
    default:
        return true;
    }
}

static void rewrite_code(IrProgram *ir, Node *code, void *ctx)
{
    (void)ir;
    Psa *p = ctx;
    ast_walk(code, &(AstWalker){.pre = visit, .ctx = p});
}

/* The hash an ActionSelector's table computes over its selector fields
 * to choose a group's member, with the selector's algorithm (as
 * pass_v1model.c does for action_selector). */
static void lower_selector(Psa *p, IrTable *t)
{
    Node *at = t->selector_keys[0].expr;
    Node *fields = mk(p, N_LIST_EXPR, at, NULL);
    for (int k = 0; k < t->nselector_keys; k++)
        node_list_push(p->arena, &fields->items, t->selector_keys[k].expr);
    t->selector_hash = hash_of(p, t->implementation->algorithm, fields, bits(p, 64), at);
}

bool pass_psa(IrProgram *ir)
{
    if (!ir_portable_arch(ir))   /* PNA's externs are PSA's (pass_pna.c) */
        return true;
    Psa p = {.ir = ir, .arena = ir->arena, .ok = true};
    p.bindings = ir_bind_extern_params(ir);
    ir_walk_code(ir, rewrite_code, &p);
    for (int i = 0; i < ir->ntables; i++)
        if (ir->tables[i]->implementation &&
            ir->tables[i]->implementation->kind == EXTERN_ACTION_SELECTOR)
            lower_selector(&p, ir->tables[i]);
    return p.ok;
}
