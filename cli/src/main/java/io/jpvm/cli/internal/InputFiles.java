package io.jpvm.cli.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files, turning every I/O problem into a one-line {@link UsageException}. */
final class InputFiles {
    private InputFiles() {}

    static byte[] readBytes(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(file + ": is a directory, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new UsageException(file + ": permission denied");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static String readText(Path file) {
        return new String(readBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": cannot write (no such directory)");
        } catch (AccessDeniedException e) {
            throw new UsageException(file + ": cannot write (permission denied)");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
