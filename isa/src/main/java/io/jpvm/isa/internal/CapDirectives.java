package io.jpvm.isa.internal;

import io.jpvm.isa.CapType;
import java.util.List;

/** The JAR cap directives: {@code .code_cap}, {@code .data_cap}, {@code .data_init}, {@code .data_bytes}. */
final class CapDirectives {
    private CapDirectives() {}

    private static final long U32 = 0xFFFF_FFFFL;

    /** {@code .code_cap SLOT [options]} / {@code .data_cap SLOT base_page=N pages=N rw|ro [options]}. */
    static void cap(List<String> args, ContainerSpec spec, int line, CapType type) {
        String name = type == CapType.CODE ? ".code_cap" : ".data_cap";
        if (args.isEmpty()) {
            throw new AsmFailure(name + " needs a slot");
        }
        int slot = Directives.slot(args.get(0));
        ContainerSpec.CapSpec old = spec.cap(slot);
        if (old != null) {
            throw new AsmFailure("slot " + slot + " already declared on line " + old.line);
        }
        ContainerSpec.CapSpec c = new ContainerSpec.CapSpec(line, slot, type);
        boolean base = false;
        boolean pages = false;
        boolean access = false;
        for (String opt : args.subList(1, args.size())) {
            String key = opt.contains("=") ? opt.substring(0, opt.indexOf('=')) : opt;
            String value = opt.substring(key.length() + (opt.contains("=") ? 1 : 0));
            switch (key) {
                case "base_page" -> {
                    c.basePage = Operands.unsigned(value, U32, "base_page");
                    base = true;
                }
                case "pages" -> {
                    c.pageCount = Operands.unsigned(value, U32, "pages");
                    pages = true;
                }
                case "rw", "ro" -> {
                    if (access || !value.isEmpty()) {
                        throw new AsmFailure("bad or repeated access flag '" + opt + "'");
                    }
                    c.writable = key.equals("rw");
                    access = true;
                }
                case "at" -> c.at = Operands.unsigned(value, U32, "at");
                case "len" -> c.len = Operands.unsigned(value, U32, "len");
                case "init" -> {
                    if (type == CapType.CODE) {
                        throw new AsmFailure(".code_cap takes no init= (its contents are the code)");
                    }
                    Operands.hexInto(value, c.init);
                }
                default -> throw new AsmFailure("unknown " + name + " option '" + opt + "'");
            }
        }
        if (type == CapType.DATA && !(base && pages && access)) {
            throw new AsmFailure(".data_cap needs base_page=N, pages=N and rw or ro");
        }
        spec.caps.add(c);
    }

    /** {@code .data_init SLOT hex...}: appends to a declared DATA cap's initial contents. */
    static void dataInit(List<String> args, ContainerSpec spec) {
        if (args.isEmpty()) {
            throw new AsmFailure(".data_init needs a slot");
        }
        int slot = Directives.slot(args.get(0));
        ContainerSpec.CapSpec c = spec.cap(slot);
        if (c == null || c.type != CapType.DATA) {
            throw new AsmFailure(".data_init: no .data_cap for slot " + slot + " declared above");
        }
        c.init.writeBytes(Operands.hexBytes(args.subList(1, args.size())));
    }

    /** {@code .data_bytes OFFSET hex...}: raw bytes written over the data section. */
    static void dataBytes(List<String> args, ContainerSpec spec, int line) {
        if (args.size() < 2) {
            throw new AsmFailure(".data_bytes needs an offset and bytes");
        }
        long offset = Operands.unsigned(args.get(0), ContainerSpec.MAX_BYTES, "offset");
        byte[] bytes = Operands.hexBytes(args.subList(1, args.size()));
        if (offset + bytes.length > ContainerSpec.MAX_BYTES) {
            throw new AsmFailure(".data_bytes beyond the largest data section");
        }
        spec.overlays.add(new ContainerSpec.Overlay(offset, bytes, line));
    }
}
