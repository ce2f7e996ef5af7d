package io.jpvm.recompiler.internal.memory;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * Downcalls to the few libc functions the native memory layer needs, with Linux x86-64 constants.
 *
 * <p>Every call captures errno ({@link Linker.Option#captureCallState}) and turns a failure into a
 * {@link NativeMemoryException} naming the call, its arguments and the errno. Pointers and sizes are
 * passed as 64-bit integers (LP64). Only Linux on x86-64 is supported; elsewhere {@link #isSupported()}
 * is false and every call throws {@link UnsupportedOperationException}.
 */
public final class Libc {
    /** {@code PROT_*} for mmap / mprotect (Linux). */
    public static final int PROT_NONE = 0x0;
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int PROT_EXEC = 0x4;

    /** {@code MAP_*} for mmap (Linux x86-64). */
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    /** Fault the pages in at mmap time (one kernel pass instead of one page fault per page). */
    public static final int MAP_POPULATE = 0x8000;

    /** {@code MFD_*} for memfd_create. */
    public static final int MFD_CLOEXEC = 0x1;
    public static final int MFD_ALLOW_SEALING = 0x2;
    /** Linux 6.3+: the memfd can never be mapped executable (rejected with EINVAL by older kernels). */
    public static final int MFD_NOEXEC_SEAL = 0x8;

    /** {@code _SC_PAGESIZE} for sysconf (glibc). */
    public static final int SC_PAGESIZE = 30;

    /** Errno values the layer reacts to. */
    public static final int EINVAL = 22;

    private static final boolean SUPPORTED = detectSupported();

    private Libc() {}

    private static boolean detectSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** True on Linux x86-64, the only platform this layer runs on. */
    public static boolean isSupported() {
        return SUPPORTED;
    }

    /** The handles, created on first use so that merely loading {@link Libc} never links anything. */
    private static final class Native {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO =
                CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        /** One capture buffer per thread, freed by the GC with the thread. */
        static final ThreadLocal<MemorySegment> CAPTURE =
                ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

        // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
        static final MethodHandle MMAP = link("mmap",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        // int munmap(void *addr, size_t length)
        static final MethodHandle MUNMAP = link("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        // int mprotect(void *addr, size_t len, int prot)
        static final MethodHandle MPROTECT =
                link("mprotect", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        // int memfd_create(const char *name, unsigned int flags)
        static final MethodHandle MEMFD_CREATE =
                link("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        // int ftruncate(int fd, off_t length)
        static final MethodHandle FTRUNCATE = link("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
        // int close(int fd)
        static final MethodHandle CLOSE = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        // ssize_t pread(int fd, void *buf, size_t count, off_t offset)
        static final MethodHandle PREAD = link("pread",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        // ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
        static final MethodHandle PWRITE = link("pwrite",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        // long sysconf(int name)
        static final MethodHandle SYSCONF = link("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));

        static final int PAGE_SIZE = (int) sysconf(SC_PAGESIZE);

        @SuppressWarnings("restricted") // descriptors transcribe the glibc prototypes above
        private static MethodHandle link(String name, FunctionDescriptor fd) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsupportedOperationException("libc symbol not found: " + name));
            return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
        }

        static MemorySegment capture() {
            return CAPTURE.get();
        }

        static int errno(MemorySegment capture) {
            return (int) ERRNO.get(capture, 0L);
        }
    }

    private static void requireSupported() {
        if (!SUPPORTED) {
            throw new UnsupportedOperationException("native memory needs Linux on x86-64, not "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
    }

    /** The host page size ({@code sysconf(_SC_PAGESIZE)}), read once. */
    public static int pageSize() {
        requireSupported();
        return Native.PAGE_SIZE;
    }

    /**
     * {@code sysconf(name)}. A result of -1 raises {@link NativeMemoryException} (so only use it for
     * names that always have a value, such as {@link #SC_PAGESIZE}).
     */
    public static long sysconf(int name) {
        requireSupported();
        MemorySegment capture = Native.capture();
        long r;
        try {
            r = (long) Native.SYSCONF.invokeExact(capture, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r == -1) {
            throw new NativeMemoryException("sysconf", "sysconf(" + name + ")", Native.errno(capture));
        }
        return r;
    }

    /**
     * {@code mmap(addr, length, prot, flags, fd, offset)}.
     *
     * @return the mapping's address
     * @throws NativeMemoryException on MAP_FAILED
     */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        requireSupported();
        MemorySegment capture = Native.capture();
        long r;
        try {
            r = (long) Native.MMAP.invokeExact(capture, addr, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r == -1L) {
            throw new NativeMemoryException("mmap", "mmap(" + hex(addr) + ", " + length + ", " + protToString(prot)
                    + ", " + mapFlagsToString(flags) + ", " + fd + ", " + offset + ")", Native.errno(capture));
        }
        return r;
    }

    /** {@code munmap(addr, length)}. */
    public static void munmap(long addr, long length) {
        requireSupported();
        MemorySegment capture = Native.capture();
        int r;
        try {
            r = (int) Native.MUNMAP.invokeExact(capture, addr, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r != 0) {
            throw new NativeMemoryException("munmap", "munmap(" + hex(addr) + ", " + length + ")",
                    Native.errno(capture));
        }
    }

    /** {@code mprotect(addr, length, prot)}. */
    public static void mprotect(long addr, long length, int prot) {
        requireSupported();
        MemorySegment capture = Native.capture();
        int r;
        try {
            r = (int) Native.MPROTECT.invokeExact(capture, addr, length, prot);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r != 0) {
            throw new NativeMemoryException("mprotect",
                    "mprotect(" + hex(addr) + ", " + length + ", " + protToString(prot) + ")", Native.errno(capture));
        }
    }

    /**
     * {@code memfd_create(name, flags)}.
     *
     * @return the new file descriptor
     */
    public static int memfdCreate(String name, int flags) {
        requireSupported();
        MemorySegment capture = Native.capture();
        int r;
        try (Arena arena = Arena.ofConfined()) {
            r = (int) Native.MEMFD_CREATE.invokeExact(capture, arena.allocateFrom(name), flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r < 0) {
            throw new NativeMemoryException("memfd_create",
                    "memfd_create(\"" + name + "\", " + memfdFlagsToString(flags) + ")", Native.errno(capture));
        }
        return r;
    }

    /** {@code ftruncate(fd, length)}. */
    public static void ftruncate(int fd, long length) {
        requireSupported();
        MemorySegment capture = Native.capture();
        int r;
        try {
            r = (int) Native.FTRUNCATE.invokeExact(capture, fd, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r != 0) {
            throw new NativeMemoryException("ftruncate", "ftruncate(" + fd + ", " + length + ")", Native.errno(capture));
        }
    }

    /** {@code close(fd)}. */
    public static void close(int fd) {
        requireSupported();
        MemorySegment capture = Native.capture();
        int r;
        try {
            r = (int) Native.CLOSE.invokeExact(capture, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r != 0) {
            throw new NativeMemoryException("close", "close(" + fd + ")", Native.errno(capture));
        }
    }

    /**
     * {@code pread(fd, buf, count, offset)} into native memory at {@code buf}.
     *
     * @return the bytes read (fewer than {@code count} only at the end of the file)
     */
    public static long pread(int fd, long buf, long count, long offset) {
        return transfer(Native.PREAD, "pread", fd, buf, count, offset);
    }

    /** {@code pwrite(fd, buf, count, offset)} from native memory at {@code buf}; returns the bytes written. */
    public static long pwrite(int fd, long buf, long count, long offset) {
        return transfer(Native.PWRITE, "pwrite", fd, buf, count, offset);
    }

    private static long transfer(MethodHandle h, String name, int fd, long buf, long count, long offset) {
        requireSupported();
        MemorySegment capture = Native.capture();
        long r;
        try {
            r = (long) h.invokeExact(capture, fd, buf, count, offset);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r < 0) {
            throw new NativeMemoryException(name, name + "(" + fd + ", " + hex(buf) + ", " + count + ", " + offset + ")",
                    Native.errno(capture));
        }
        return r;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** {@code PROT_READ|PROT_EXEC} style text for a protection value. */
    public static String protToString(int prot) {
        if (prot == PROT_NONE) {
            return "PROT_NONE";
        }
        StringBuilder sb = new StringBuilder();
        int rest = prot;
        rest = flag(sb, rest, PROT_READ, "PROT_READ");
        rest = flag(sb, rest, PROT_WRITE, "PROT_WRITE");
        rest = flag(sb, rest, PROT_EXEC, "PROT_EXEC");
        return rest(sb, rest);
    }

    /** {@code MAP_SHARED|MAP_FIXED} style text for mmap flags. */
    public static String mapFlagsToString(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        int rest = flags;
        rest = flag(sb, rest, MAP_SHARED, "MAP_SHARED");
        rest = flag(sb, rest, MAP_PRIVATE, "MAP_PRIVATE");
        rest = flag(sb, rest, MAP_FIXED, "MAP_FIXED");
        rest = flag(sb, rest, MAP_ANONYMOUS, "MAP_ANONYMOUS");
        rest = flag(sb, rest, MAP_NORESERVE, "MAP_NORESERVE");
        rest = flag(sb, rest, MAP_POPULATE, "MAP_POPULATE");
        return rest(sb, rest);
    }

    static String memfdFlagsToString(int flags) {
        if (flags == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        int rest = flags;
        rest = flag(sb, rest, MFD_CLOEXEC, "MFD_CLOEXEC");
        rest = flag(sb, rest, MFD_ALLOW_SEALING, "MFD_ALLOW_SEALING");
        rest = flag(sb, rest, MFD_NOEXEC_SEAL, "MFD_NOEXEC_SEAL");
        return rest(sb, rest);
    }

    private static int flag(StringBuilder sb, int value, int bit, String name) {
        if ((value & bit) != 0) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(name);
        }
        return value & ~bit;
    }

    private static String rest(StringBuilder sb, int rest) {
        if (rest != 0) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }

    /** The symbolic name of a Linux errno value ({@code "ENOMEM"}), or {@code "errno N"} if unlisted. */
    public static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 19 -> "ENODEV";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 26 -> "ETXTBSY";
            case 27 -> "EFBIG";
            case 28 -> "ENOSPC";
            case 38 -> "ENOSYS";
            case 75 -> "EOVERFLOW";
            default -> "errno " + errno;
        };
    }
}
