/* v1model's digests (docs/RUNTIME.md, "Digests"): a ring buffer per
 * digest type, p4cc_digest_NAME, whose records are the type's fields as a
 * C struct (the exact-table key layout: host order up to 64 bits,
 * network-order bytes above); `@digest(values...)` (midend/digests.c)
 * reserves a record, writes the values into it and submits it, there and
 * then, so the record holds the values at the time of the call. A full
 * ring drops the digest, never the packet, and counts it in its cell of
 * p4cc_digest_lost. Programs without digests get none of this. */
#include "emit.h"

#include <string.h>

#include "runtime_text.h"

static int field_bytes(const IrDigestField *f)
{
    if (f->width > 64)
        return bytes_of_bits(f->width);
    return c_container_bits(f->width) / 8;
}

int digest_layout(const IrDigest *d, FieldLayout *fields, bool *padded)
{
    int at = 0, align = 1;
    bool gaps = false;
    for (int i = 0; i < d->nfields; i++) {
        int size = field_bytes(&d->fields[i]);
        bool wide = d->fields[i].width > 64;
        int a = wide ? 1 : size;
        if (at % a) {
            gaps = true;
            at += a - at % a;
        }
        fields[i] = (FieldLayout){.offset = at, .size = size, .align = a, .network_order = wide};
        at += size;
        align = a > align ? a : align;
    }
    if (at % align) {
        gaps = true;
        at += align - at % align;
    }
    if (padded)
        *padded = gaps;
    return at;
}

const char *digest_ring_name(Emitter *em, const IrDigest *d)
{
    return arena_printf(em->arena, "p4cc_digest_%s", d->c_name);
}

static const char *record_type(Emitter *em, const IrDigest *d)
{
    return arena_printf(em->arena, "struct p4cc_digest_%s", d->c_name);
}

static FieldLayout *layout_of(Emitter *em, const IrDigest *d, int *size, bool *padded)
{
    FieldLayout *l = arena_alloc(em->arena, sizeof *l * (size_t)(d->nfields + 1));
    *size = digest_layout(d, l, padded);
    return l;
}

void emit_digest_maps(Emitter *em)
{
    IrProgram *ir = em->ir;
    if (!ir->ndigests)
        return;
    fprintf(em->out, "#define P4CC_DIGESTS %d\n", ir->ndigests);
    fputs(p4cc_runtime_digest_h, em->out);
    fputc('\n', em->out);
    for (int i = 0; i < ir->ndigests; i++) {
        const IrDigest *d = ir->digests[i];
        int size;
        bool padded;
        FieldLayout *l = layout_of(em, d, &size, &padded);
        fprintf(em->out, "/* digest %s */\n%s {\n", d->name, record_type(em, d));
        for (int f = 0; f < d->nfields; f++) {
            const IrDigestField *df = &d->fields[f];
            if (df->width > 64)
                fprintf(em->out, "    u8 f%d[%d];   /* %s */\n", f, l[f].size, df->name);
            else
                fprintf(em->out, "    u%d f%d;   /* %s */\n", 8 * l[f].size, f, df->name);
        }
        fprintf(em->out, "};\n_Static_assert(sizeof(%s) == %d, \"p4info's layout\");\n\n",
                record_type(em, d), size);
        fprintf(em->out, "struct {\n    __uint(type, BPF_MAP_TYPE_RINGBUF);\n"
                         "    __uint(max_entries, P4CC_DIGEST_RING_BYTES);\n} %s SEC(\".maps\");\n\n",
                digest_ring_name(em, d));
    }
    emit_raw_lines_written(em);
}

/* @digest(values...): one record of the digest the intrinsic names. */
void emit_digest(Emitter *em, Node *e)
{
    const IrDigest *d = e->text ? ir_find_digest(em->ir, e->text) : NULL;
    if (!d || e->args.len != d->nfields) {
        emit_error_at(em, e, "internal error: a digest the program does not have (a p4cc bug; "
                             "please report it)");
        return;
    }
    int size;
    bool padded;
    layout_of(em, d, &size, &padded);
    const char *rec = new_temp(em, "digest");
    emit_line(em, "{");
    em->indent++;
    emit_line(em, "%s *%s = bpf_ringbuf_reserve(&%s, sizeof(*%s), 0);", record_type(em, d), rec,
              digest_ring_name(em, d), rec);
    emit_line(em, "if (%s) {", rec);
    em->indent++;
    /* The ring's memory holds older records: padding is cleared. */
    if (padded)
        emit_line(em, "__builtin_memset(%s, 0, sizeof(*%s));", rec, rec);
    for (int f = 0; f < d->nfields; f++) {
        Node *v = e->args.items[f];
        const char *lhs = arena_printf(em->arena, "%s->f%d", rec, f);
        if (d->fields[f].width > 64)
            emit_wide_assign(em, lhs, v, d->fields[f].width);
        else
            emit_line(em, "%s = %s;", lhs, emit_expr(em, v));
    }
    emit_line(em, "bpf_ringbuf_submit(%s, 0);", rec);
    em->indent--;
    emit_line(em, "} else {");
    emit_line(em, "    p4cc_digest_drop(%d);", d->index);
    emit_line(em, "}");
    em->indent--;
    emit_line(em, "}");
}
