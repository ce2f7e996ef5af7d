package io.jpvm.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.Assembler;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.JarCode;
import io.jpvm.kernel.Engine;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Hits need the same engine, bytes and gas model; the least recently used entry goes first. */
class CodeCacheTest {
    private static byte[] sub(String src) {
        return JarCode.write(Assembler.assemble(src).code());
    }

    private static Supplier<CodeBlob> decode(byte[] sub) {
        return () -> JarCode.parse(sub);
    }

    @Test
    void keyedByEngineBytesAndGasModel() {
        CodeCache c = new CodeCache(8);
        Engine e = Engine.interpreter();
        byte[] a = sub(" load_imm a0, 1\n ecalli 0\n");
        CodeCache.Entry first = c.get(e, a, JavmGasModel.forMemoryPages(0), decode(a));
        assertSame(first, c.get(e, a.clone(), JavmGasModel.forMemoryPages(0), decode(a)));
        assertEquals(1, c.hits());
        assertNotSame(first, c.get(e, a, JavmGasModel.forMemoryPages(100_000), decode(a)));   // another tier
        byte[] b = sub(" load_imm a0, 2\n ecalli 0\n");
        assertNotSame(first, c.get(e, b, JavmGasModel.forMemoryPages(0), decode(b)));
        assertEquals(3, c.misses());
        assertEquals(3, c.size());
    }

    @Test
    void leastRecentlyUsedIsEvicted() {
        CodeCache c = new CodeCache(2);
        Engine e = Engine.interpreter();
        byte[][] subs = {sub(" ecalli 0\n"), sub(" trap\n"), sub(" fallthrough\n ecalli 0\n")};
        for (byte[] s : subs) {
            c.get(e, s, JavmGasModel.forMemoryPages(0), decode(s));
        }
        assertEquals(2, c.size());
        c.get(e, subs[2], JavmGasModel.forMemoryPages(0), decode(subs[2]));
        assertEquals(1, c.hits());
        c.get(e, subs[0], JavmGasModel.forMemoryPages(0), decode(subs[0]));   // was evicted
        assertEquals(4, c.misses());
    }
}
