package io.jpvm.bench;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Type;
import io.jpvm.recompiler.internal.memory.CodeMemory;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.types.size_t;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of entering generated machine code from Java: two tiny x86-64 functions written into a sealed
 * {@link CodeMemory} — {@code long f(long x) { return x + 1; }} ({@code lea rax, [rdi+1]; ret}) and
 * {@code void g()} ({@code ret}) — called through
 * <ul>
 *   <li>{@code ffm*}: the {@link CodeMemory#entry} downcall handle (FFM {@code Linker.downcallHandle}, bound to
 *       the code segment), reached from a constant root so that C2 inlines it as it would a
 *       {@code static final} handle: a {@link MutableCallSite}'s {@code dynamicInvoker()} held in a
 *       {@code static final} field, its target set in {@code @Setup};</li>
 *   <li>{@code ffmCritical*}: the same with {@code Linker.Option.critical(false)} (no thread-state
 *       transition; only for code that returns at once, since it blocks safepoints);</li>
 *   <li>{@code ffmRaw}, {@code ffmRawCritical}: a downcall handle made here on the bare address
 *       ({@code MemorySegment.ofAddress}, global scope), constant root as above. Unlike the
 *       {@code CodeMemory} handle, whose target lives in a shared arena that each call must acquire and
 *       release (so that {@code close()} cannot free code that is running), this one has no liveness check:
 *       the difference is the price of that safety;</li>
 *   <li>{@code ffmDowncallField}: the plain handle read from an ordinary instance field (not a constant for
 *       the JIT), as a runtime that keeps entry handles in objects would call it;</li>
 *   <li>{@code jnrFfi*}: jnr-ffi's own generated call stub. jnr-ffi has no public API that binds a raw
 *       address, but it does turn a function pointer <em>returned</em> by a native function into an
 *       instance of a {@link Delegate} interface (its {@code ClosureFromNativeConverter} generates a class
 *       whose method calls {@code com.kenai.jffi.Invoker}). The entry address is pushed through libc
 *       {@code memcpy(dest, src, 0)}, which returns {@code dest}, declared as returning {@link LongFn}; the
 *       benchmark then calls the delegate. For {@code long(long)} on x86-64 the generated method (jnr-ffi's
 *       {@code FastLongMethodGenerator}) is {@code Invoker.invokeL1(CallContext, functionAddress, x)}. jnr-ffi
 *       2.3.7 always builds such delegates' {@code CallContext} with errno saving ({@code @IgnoreError} is
 *       not consulted there);</li>
 *   <li>{@code jffiInvoker}: that same jffi call made directly, as redline's {@code JffiNativeMachine} does:
 *       {@code Invoker.getInstance().invokeL1(CallContext, address, x)}, errno saved;
 *       {@code jffiInvokerNoErrno}: the same on a {@code CallContext} made without errno saving, which is
 *       what jnr-ffi generates for an {@code @IgnoreError} library method;</li>
 *   <li>{@code baseline}: a Java {@code x + 1}.</li>
 * </ul>
 * Each handle and delegate is checked in set-up ({@code f(41) == 42}). jnr-ffi/jffi are comparators for
 * this benchmark only: the runtime uses FFM.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EntryCostBenchmark {
    /** {@code lea rax, [rdi+1]; ret}. */
    static final byte[] F_CODE = {0x48, (byte) 0x8d, 0x47, 0x01, (byte) 0xc3};
    /** {@code ret}. */
    static final byte[] G_CODE = {(byte) 0xc3};
    static final long G_OFFSET = 16;

    private static final MethodType F_TYPE = MethodType.methodType(long.class, long.class);
    private static final MethodType G_TYPE = MethodType.methodType(void.class);
    private static final FunctionDescriptor F_DESC = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor G_DESC = FunctionDescriptor.ofVoid();

    // Constant roots: C2 folds a MutableCallSite's target (with a dependency that setTarget invalidates), so
    // these invokers inline like static final handles while the targets are only known in @Setup.
    private static final MutableCallSite FFM_F = new MutableCallSite(F_TYPE);
    private static final MutableCallSite FFM_G = new MutableCallSite(G_TYPE);
    private static final MutableCallSite CRITICAL_F = new MutableCallSite(F_TYPE);
    private static final MutableCallSite CRITICAL_G = new MutableCallSite(G_TYPE);
    private static final MutableCallSite RAW_F = new MutableCallSite(F_TYPE);
    private static final MutableCallSite RAW_CRITICAL_F = new MutableCallSite(F_TYPE);
    private static final MethodHandle FFM_F_INVOKER = FFM_F.dynamicInvoker();
    private static final MethodHandle RAW_F_INVOKER = RAW_F.dynamicInvoker();
    private static final MethodHandle RAW_CRITICAL_F_INVOKER = RAW_CRITICAL_F.dynamicInvoker();
    private static final MethodHandle FFM_G_INVOKER = FFM_G.dynamicInvoker();
    private static final MethodHandle CRITICAL_F_INVOKER = CRITICAL_F.dynamicInvoker();
    private static final MethodHandle CRITICAL_G_INVOKER = CRITICAL_G.dynamicInvoker();

    /** A native {@code int64_t (*)(int64_t)} as jnr-ffi sees it; errno is saved after each call. */
    public interface LongFn {
        @Delegate
        long call(long x);
    }

    /** A native {@code void (*)(void)} as jnr-ffi sees it. */
    public interface VoidFn {
        @Delegate
        void call();
    }

    /**
     * libc's {@code memcpy}, which returns {@code dest}: with {@code n == 0} it hands back the address it was
     * given, as whichever delegate type the declaration names, converted by jnr-ffi.
     */
    public interface Libc {
        LongFn memcpy(Pointer dest, Pointer src, @size_t long n);
    }

    /** {@link Libc} returning a {@link VoidFn} (jnr-ffi binds one Java method per native name). */
    public interface LibcVoid {
        VoidFn memcpy(Pointer dest, Pointer src, @size_t long n);
    }

    /** The argument; a field so that nothing is constant-folded. */
    public long x = 41;

    private CodeMemory code;
    private MethodHandle ffmFField;
    private LongFn jnrF;
    private VoidFn jnrG;
    private Invoker jffi;
    private CallContext jffiFContext;
    private CallContext jffiFContextNoErrno;
    private long fAddress;

    @Setup(Level.Trial)
    @SuppressWarnings("restricted") // a downcall to our own code, which follows the descriptor's ABI
    public void setUp() throws Throwable {
        code = CodeMemory.allocate(G_OFFSET + G_CODE.length);
        code.write(0, F_CODE).write(G_OFFSET, G_CODE).seal();
        fAddress = code.address();
        long gAddress = code.address() + G_OFFSET;

        MethodHandle ffmF = code.entry(0, F_DESC);
        MethodHandle ffmG = code.entry(G_OFFSET, G_DESC);
        MethodHandle criticalF = code.entry(0, F_DESC, Linker.Option.critical(false));
        MethodHandle criticalG = code.entry(G_OFFSET, G_DESC, Linker.Option.critical(false));
        FFM_F.setTarget(ffmF);
        FFM_G.setTarget(ffmG);
        CRITICAL_F.setTarget(criticalF);
        CRITICAL_G.setTarget(criticalG);
        Linker linker = Linker.nativeLinker();
        RAW_F.setTarget(linker.downcallHandle(MemorySegment.ofAddress(fAddress), F_DESC));
        RAW_CRITICAL_F.setTarget(
                linker.downcallHandle(MemorySegment.ofAddress(fAddress), F_DESC, Linker.Option.critical(false)));
        MutableCallSite.syncAll(new MutableCallSite[] {FFM_F, FFM_G, CRITICAL_F, CRITICAL_G, RAW_F, RAW_CRITICAL_F});
        ffmFField = ffmF;

        jnr.ffi.Runtime runtime = jnr.ffi.Runtime.getSystemRuntime();
        Pointer fPointer = Pointer.wrap(runtime, fAddress);
        Pointer gPointer = Pointer.wrap(runtime, gAddress);
        jnrF = LibraryLoader.create(Libc.class).load("c").memcpy(fPointer, fPointer, 0);
        jnrG = LibraryLoader.create(LibcVoid.class).load("c").memcpy(gPointer, gPointer, 0);

        jffi = Invoker.getInstance();
        jffiFContext = CallContext.getCallContext(Type.SINT64, new Type[] {Type.SINT64}, CallingConvention.DEFAULT, true);
        jffiFContextNoErrno =
                CallContext.getCallContext(Type.SINT64, new Type[] {Type.SINT64}, CallingConvention.DEFAULT, false);

        check("ffmDowncall", ffmDowncall());
        check("ffmCritical", ffmCritical());
        check("ffmRaw", ffmRaw());
        check("ffmRawCritical", ffmRawCritical());
        check("ffmDowncallField", ffmDowncallField());
        check("jnrFfi", jnrFfi());
        check("jffiInvoker", jffiInvoker());
        check("jffiInvokerNoErrno", jffiInvokerNoErrno());
        check("baseline", baseline());
        ffmDowncallVoid();
        ffmCriticalVoid();
        jnrFfiVoid();
    }

    private void check(String variant, long result) {
        if (result != x + 1) {
            throw new IllegalStateException(variant + ": f(" + x + ") = " + result + ", expected " + (x + 1));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        MethodHandle closedF = MethodHandles.dropArguments(
                MethodHandles.throwException(long.class, IllegalStateException.class)
                        .bindTo(new IllegalStateException("entry code closed")), 0, long.class);
        MethodHandle closedG = MethodHandles.throwException(void.class, IllegalStateException.class)
                .bindTo(new IllegalStateException("entry code closed"));
        FFM_F.setTarget(closedF);
        CRITICAL_F.setTarget(closedF);
        RAW_F.setTarget(closedF);
        RAW_CRITICAL_F.setTarget(closedF);
        FFM_G.setTarget(closedG);
        CRITICAL_G.setTarget(closedG);
        MutableCallSite.syncAll(new MutableCallSite[] {FFM_F, FFM_G, CRITICAL_F, CRITICAL_G, RAW_F, RAW_CRITICAL_F});
        jnrF = null;
        jnrG = null;
        ffmFField = null;
        if (code != null) {
            code.close();
            code = null;
        }
    }

    @Benchmark
    public long baseline() {
        return x + 1;
    }

    @Benchmark
    public long ffmDowncall() throws Throwable {
        return (long) FFM_F_INVOKER.invokeExact(x);
    }

    @Benchmark
    public long ffmCritical() throws Throwable {
        return (long) CRITICAL_F_INVOKER.invokeExact(x);
    }

    @Benchmark
    public long ffmRaw() throws Throwable {
        return (long) RAW_F_INVOKER.invokeExact(x);
    }

    @Benchmark
    public long ffmRawCritical() throws Throwable {
        return (long) RAW_CRITICAL_F_INVOKER.invokeExact(x);
    }

    @Benchmark
    public long ffmDowncallField() throws Throwable {
        return (long) ffmFField.invokeExact(x);
    }

    @Benchmark
    public long jnrFfi() {
        return jnrF.call(x);
    }

    @Benchmark
    public long jffiInvoker() {
        return jffi.invokeL1(jffiFContext, fAddress, x);
    }

    @Benchmark
    public long jffiInvokerNoErrno() {
        return jffi.invokeL1(jffiFContextNoErrno, fAddress, x);
    }

    @Benchmark
    public void ffmDowncallVoid() throws Throwable {
        FFM_G_INVOKER.invokeExact();
    }

    @Benchmark
    public void ffmCriticalVoid() throws Throwable {
        CRITICAL_G_INVOKER.invokeExact();
    }

    @Benchmark
    public void jnrFfiVoid() {
        jnrG.call();
    }
}
