package io.jpvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never JIT-compiles a method larger than 8,000 bytes of bytecode (HugeMethodLimit): the
 * interpreter's dispatch methods must stay below it.
 */
class DispatchSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    private static int codeSize(Class<?> owner, String method) throws IOException {
        String resource = owner.getSimpleName() + ".class";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            ClassModel model = ClassFile.of().parse(in.readAllBytes());
            int max = -1;
            for (MethodModel m : model.methods()) {
                if (m.methodName().equalsString(method)) {
                    int size = m.findAttribute(java.lang.classfile.Attributes.code())
                            .map(CodeAttribute::codeLength).orElse(0);
                    max = Math.max(max, size);
                }
            }
            return max;
        }
    }

    @Test
    void mainLoopIsBelowHugeMethodLimit() throws IOException {
        int size = codeSize(Interpreter.class, "loop");
        assertTrue(size > 0, "Interpreter.loop not found");
        assertTrue(size < HUGE_METHOD_LIMIT, "Interpreter.loop is " + size + " bytes");
    }

    @Test
    void helperDispatchIsBelowHugeMethodLimit() throws IOException {
        for (String m : new String[] {"execute", "threeReg"}) {
            int size = codeSize(Exec.class, m);
            assertTrue(size > 0, "Exec." + m + " not found");
            assertTrue(size < HUGE_METHOD_LIMIT, "Exec." + m + " is " + size + " bytes");
        }
    }
}
